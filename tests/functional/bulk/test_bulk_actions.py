"""Bulk actions on moto: selected records change in the request, a filter's records in the
background a chunk per message; each record through its own use case; roles per record; the log."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

import pytest
import requests

from convertly.bulk import run
from convertly.platform.events.stream import event_from_stream_image
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up
from tests.functional.platform.test_events import outbox_records


def key() -> str:
    return uuid.uuid4().hex


def lead(api: Api, account: Account, name: str, **fields: Any) -> dict[str, Any]:
    status, body = api.call("POST", "/leads", {"first_name": name, **fields}, account.token)
    assert status == 201, body
    return body


def deliver(aws: LocalAws, tenant_id: str, seen: set[str]) -> int:
    """The tenant's bulk run events, each once, until none is left."""
    ran = 0
    while True:
        pending = [
            event
            for event in (
                event_from_stream_image(r["dynamodb"]["NewImage"]) for r in outbox_records(aws, tenant_id)
            )
            if event.detail_type in ("BulkActionRequested", "BulkActionContinued")
            and event.event_id not in seen
        ]
        if not pending:
            return ran
        seen.add(pending[0].event_id)
        run.run_step(pending[0])
        ran += 1


def bulk(api: Api, account: Account, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    return api.call("POST", "/bulk-actions", {"request_key": key(), **body}, account.token)


def test_selected_leads_change_in_the_request_and_a_repeated_request_runs_once(
    api: Api, tenant: Account
) -> None:
    first, second = invite(api, tenant, "Sales", "Fay"), invite(api, tenant, "Sales", "Sam")
    ids = [lead(api, tenant, f"L{n}")["lead_id"] for n in range(3)]
    owners = [first.tokens["user_id"], second.tokens["user_id"]]
    body = {
        "object": "leads",
        "action": "assign_owner",
        "scope": {"ids": ids},
        "params": {"owner_ids": owners},
        "request_key": key(),
    }
    status, done = api.call("POST", "/bulk-actions", body, tenant.token)
    assert status == 201, done
    assert (done["status"], done["total"], done["succeeded"], done["scope"]) == (
        "done",
        3,
        3,
        "3 selected leads",
    )
    got = [api.call("GET", f"/leads/{i}", token=tenant.token)[1]["owner_id"] for i in ids]
    assert got == [owners[0], owners[1], owners[0]]  # round robin, in the order selected
    # The double click: the same request key answers with the same bulk action
    status, again = api.call("POST", "/bulk-actions", body, tenant.token)
    assert status == 200 and again["bulk_id"] == done["bulk_id"]
    listed = api.call("GET", "/bulk-actions", token=tenant.token)[1]["items"]
    assert [b["bulk_id"] for b in listed] == [done["bulk_id"]]


def test_every_lead_a_filter_matches_moves_in_the_background_with_progress(
    api: Api, aws: LocalAws, tenant: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "RESOLVE_PAGES", 1)
    pipeline = api.call("GET", "/pipelines", token=tenant.token)[1]["items"][0]
    target = next(s for s in pipeline["stages"] if s["kind"] == "open" and s["position"] > 0)
    matching = [lead(api, tenant, f"M{n}", source="referral")["lead_id"] for n in range(5)]
    other = lead(api, tenant, "Other", source="manual")["lead_id"]
    status, queued = bulk(
        api,
        tenant,
        {
            "object": "leads",
            "action": "move_stage",
            "scope": {"leads": {"source": "referral", "pipeline_id": pipeline["pipeline_id"]}},
            "params": {"stage_id": target["stage_id"]},
        },
    )
    assert status == 202 and queued["status"] == "queued", queued
    deliver(aws, tenant.tenant_id, set())
    done = api.call("GET", f"/bulk-actions/{queued['bulk_id']}", token=tenant.token)[1]
    assert (done["status"], done["total"], done["succeeded"], done["resolved"]) == ("done", 5, 5, True)
    for lead_id in matching:
        detail = api.call("GET", f"/leads/{lead_id}", token=tenant.token)[1]
        assert detail["stage_id"] == target["stage_id"]
        moves = [entry["to_stage_id"] for entry in detail["stage_history"]]
        assert target["stage_id"] in moves and len(moves) == 2  # a normal move, in its history
    assert api.call("GET", f"/leads/{other}", token=tenant.token)[1]["stage_id"] != target["stage_id"]


def test_a_sales_reps_bulk_change_counts_others_leads_as_forbidden(api: Api, tenant: Account) -> None:
    rep = invite(api, tenant, "Sales", "Rita")
    mine = lead(api, tenant, "Mine", owner_id=rep.tokens["user_id"])["lead_id"]
    theirs = lead(api, tenant, "Theirs")["lead_id"]
    status, done = bulk(
        api,
        rep,
        {
            "object": "leads",
            "action": "add_tags",
            "scope": {"ids": [mine, theirs]},
            "params": {"tags": ["hot"]},
        },
    )
    assert status == 201, done
    assert (done["succeeded"], done["forbidden"]) == (1, 1)
    assert done["problems"] == [{"record_id": theirs, "name": theirs, "reason": "not yours to change"}]
    assert api.call("GET", f"/leads/{mine}", token=rep.token)[1]["tags"] == ["hot"]
    assert api.call("GET", f"/leads/{theirs}", token=tenant.token)[1]["tags"] == []
    # Deleting needs a role that deletes; giving others' leads to someone else needs one that sees all
    delete = {"object": "leads", "action": "delete", "scope": {"ids": [mine]}}
    assert bulk(api, rep, delete)[0] == 403
    give = {
        "object": "leads",
        "action": "assign_owner",
        "scope": {"ids": [mine]},
        "params": {"owner_ids": [theirs]},
    }
    assert bulk(api, rep, give)[0] == 403
    # The rep's log shows only the rep's bulk actions; the Admin's shows everyone's
    assert len(api.call("GET", "/bulk-actions", token=rep.token)[1]["items"]) == 1
    staff = invite(api, tenant, "Staff")
    assert bulk(api, staff, delete)[0] == 403


def test_contacts_change_role_and_export_with_formulas_as_text(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    for name in ('=HYPERLINK("http://x","y")', "Plain Person"):
        assert api.call("POST", "/contacts", {"first_name": name, "role": "Lead"}, tenant.token)[0] == 201
    status, queued = bulk(
        api,
        tenant,
        {
            "object": "contacts",
            "action": "change_role",
            "scope": {"contacts": {"role": "Lead"}},
            "params": {"role": "Prospect"},
        },
    )
    assert status == 202, queued
    seen: set[str] = set()
    deliver(aws, tenant.tenant_id, seen)
    roles = {c["role"] for c in api.call("GET", "/contacts", token=tenant.token)[1]["items"]}
    assert roles == {"Prospect"}
    status, export = bulk(api, tenant, {"object": "contacts", "action": "export", "scope": {"contacts": {}}})
    assert status == 202
    assert api.call("GET", f"/bulk-actions/{export['bulk_id']}/download", token=tenant.token)[0] == 404
    deliver(aws, tenant.tenant_id, seen)
    status, link = api.call("GET", f"/bulk-actions/{export['bulk_id']}/download", token=tenant.token)
    assert status == 200, link
    text = requests.get(link["url"], timeout=30).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["Name", "First name"] and len(rows) == 3
    assert '\'=HYPERLINK("http://x","y")' in [r[1] for r in rows[1:]]
    assert {r[6] for r in rows[1:]} == {"Prospect"}
    other = sign_up(api, "Other Bulk")
    assert api.call("GET", f"/bulk-actions/{export['bulk_id']}", token=other.token)[0] == 404
    assert api.call("GET", f"/bulk-actions/{export['bulk_id']}/download", token=other.token)[0] == 404


def test_bad_requests_are_clear(api: Api, tenant: Account) -> None:
    cases = [
        (
            {
                "object": "leads",
                "action": "move_stage",
                "scope": {"ids": ["x"]},
                "params": {"stage_id": "nope"},
            },
            "params.stage_id",
        ),
        ({"object": "leads", "action": "add_tags", "scope": {"ids": ["x"]}}, "params.tags"),
        ({"object": "leads", "action": "assign_owner", "scope": {}}, "scope"),
        ({"object": "contacts", "action": "move_stage", "scope": {"ids": ["x"]}}, "action"),
        (
            {"object": "leads", "action": "add_tags", "scope": {"contacts": {}}, "params": {"tags": ["a"]}},
            "scope.contacts",
        ),
    ]
    for body, field in cases:
        status, error = bulk(api, tenant, body)
        assert status == 422 and field in error["error"]["fields"], (body, error)
    lost = next(
        s
        for s in api.call("GET", "/pipelines", token=tenant.token)[1]["items"][0]["stages"]
        if s["kind"] == "lost"
    )
    status, error = bulk(
        api,
        tenant,
        {
            "object": "leads",
            "action": "move_stage",
            "scope": {"ids": ["x"]},
            "params": {"stage_id": lost["stage_id"]},
        },
    )
    assert status == 422 and "params.lost_reason" in error["error"]["fields"]


def test_a_filter_the_list_would_refuse_is_refused_at_once(api: Api, tenant: Account) -> None:
    body = {"object": "leads", "action": "add_tags", "params": {"tags": ["x"]}}
    status, error = bulk(api, tenant, {**body, "scope": {"leads": {"created_from": "yesterday"}}})
    assert status == 422 and "created_from" in error["error"]["fields"], error
    contacts = {"object": "contacts", "action": "add_tags", "params": {"tags": ["x"]}}
    status, error = bulk(
        api, tenant, {**contacts, "scope": {"contacts": {"list_id": "01HNOSUCHLIST0000000000000"}}}
    )
    assert status == 404, error
    assert api.call("GET", "/bulk-actions", token=tenant.token)[1]["items"] == []
