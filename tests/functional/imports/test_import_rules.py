"""Import rules on moto: leads with stages, owners and values; duplicates skipped, filled or
overwritten; the plan's monthly lead limit; a chunk delivered again after a crash; roles; templates."""

from __future__ import annotations

from typing import Any

import pytest

from convertly.imports import run
from convertly.platform.events.envelope import DomainEvent
from tests.functional.billing.test_limits import STARTER, leads_used_up_to
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up
from tests.functional.imports.support import Outbox, csv_bytes, get, start, upload


def _pipeline(api: Api, account: Account) -> tuple[str, dict[str, str]]:
    pipeline = api.call("GET", "/pipelines", token=account.token)[1]["items"][0]
    return pipeline["pipeline_id"], {s["name"]: s["stage_id"] for s in pipeline["stages"]}


def _leads(api: Api, account: Account) -> list[dict[str, Any]]:
    return list(api.call("GET", "/leads?limit=100", token=account.token)[1]["items"])


def _contacts(api: Api, account: Account) -> list[dict[str, Any]]:
    return list(api.call("GET", "/contacts?limit=100", token=account.token)[1]["items"])


def test_rows_become_leads_in_their_stage_with_owner_value_and_attribution(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    rep = invite(api, tenant, "Sales", "Rita Rep")
    pipeline_id, stages = _pipeline(api, tenant)
    second = list(stages)[1]
    rows = [
        ["First", "Last name", "Email", "Deal value", "Stage", "Owner", "utm_campaign", "gclid", "Created"],
        ["Ann", "Able", "ann@example.com", "$1,234.50", second, "rita REP", "hail-2026", "G-1", "2026-03-01"],
        ["Ben", "Bold", "ben@example.com", "10", "No Such Stage", "", "", "", ""],
        ["Cat", "Cole", "cat@example.com", "abc", "", "", "", "", ""],
        ["Dan", "Dee", "dan@example.com", "", "", "nobody@example.com", "", "", ""],
        ["Eve", "Eck", "eve@example.com", "", "", "", "", "", ""],
    ]
    imported = upload(api, aws, tenant, "deals.csv", csv_bytes(rows))
    mapping = imported["proposed"]
    assert mapping == [
        "first_name",
        "last_name",
        "email",
        "value",
        "stage",
        "owner_email",
        "utm_campaign",
        "gclid",
        "created_at",
    ]
    start(
        api,
        tenant,
        imported["import_id"],
        mapping,
        creates="leads",
        pipeline_id=pipeline_id,
        tags=["imported"],
    )
    Outbox(aws, tenant.tenant_id).deliver()
    done = get(api, tenant, imported["import_id"])
    assert done["status"] == "done"
    assert (done["counts"]["created"], done["counts"]["leads_created"], done["counts"]["failed"]) == (2, 2, 3)
    leads = {lead["email"]: lead for lead in _leads(api, tenant)}
    ann = leads["ann@example.com"]
    assert (ann["stage_id"], ann["owner_id"], ann["value"], ann["source"]) == (
        stages[second],
        rep.tokens["user_id"],
        1234.5,
        "import",
    )
    assert ann["attribution"]["utm_campaign"] == "hail-2026" and ann["attribution"]["gclid"] == "G-1"
    assert ann["created_at"].startswith("2026-03-01") and ann["tags"] == ["imported"]
    assert leads["eve@example.com"]["stage_id"] == stages[next(iter(stages))]  # the pipeline's first stage
    status, link = api.call("GET", f"/imports/{imported['import_id']}/problems", token=tenant.token)
    assert status == 200 and link["rows"] == 3
    # Each imported lead's event says it came from the import, so the notifier's rule leaves it out
    events = [e for e in Outbox(aws, tenant.tenant_id).all() if e.detail_type == "LeadCreated"]
    assert len(events) == 2 and all(e.data["import_id"] == imported["import_id"] for e in events)
    # And the importer hears once
    bell = api.call("GET", "/notifications", token=tenant.token)[1]["items"]
    summary = [n for n in bell if n["kind"] == "import_finished"]
    assert len(summary) == 1 and summary[0]["import_id"] == imported["import_id"]
    assert "2 created" in summary[0]["body"] and "3 failed" in summary[0]["body"]


def test_duplicates_are_skipped_filled_or_overwritten_as_chosen(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    for email in ("skip@example.com", "fill@example.com", "over@example.com"):
        body = {"first_name": "Known", "email": email}
        assert api.call("POST", "/contacts", body, tenant.token)[0] == 201
    outcomes = {}
    for rule, email in (
        ("skip", "skip@example.com"),
        ("fill", "fill@example.com"),
        ("overwrite", "over@example.com"),
    ):
        rows = [["First name", "Last name", "Email", "Phone"], ["New", "Surname", email, "+14155550134"]]
        imported = upload(api, aws, tenant, f"{rule}.csv", csv_bytes(rows))
        start(api, tenant, imported["import_id"], imported["proposed"], duplicate_rule=rule)
        Outbox(aws, tenant.tenant_id).deliver()
        outcomes[rule] = get(api, tenant, imported["import_id"])["counts"]
    assert (outcomes["skip"]["skipped"], outcomes["skip"]["updated"]) == (1, 0)
    assert (outcomes["fill"]["updated"], outcomes["overwrite"]["updated"]) == (1, 1)
    people = {c["email"]: c for c in _contacts(api, tenant)}
    assert (people["skip@example.com"]["first_name"], people["skip@example.com"]["phone"]) == ("Known", None)
    # fill: the blanks only (the name was there, the last name and phone were not)
    fill = people["fill@example.com"]
    assert (fill["first_name"], fill["last_name"], fill["phone"]) == ("Known", "Surname", "+14155550134")
    assert people["over@example.com"]["first_name"] == "New"
    assert len(people) == 3  # nothing created twice


def test_rows_past_the_monthly_lead_limit_are_reported_not_lost(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    leads_used_up_to(tenant.tenant_id, STARTER.leads_per_month - 2)
    rows = [["Email"], *[[f"p{n}@example.com"] for n in range(5)]]
    imported = upload(api, aws, tenant, "many.csv", csv_bytes(rows))
    start(api, tenant, imported["import_id"], ["email"], creates="leads")
    Outbox(aws, tenant.tenant_id).deliver()
    done = get(api, tenant, imported["import_id"])
    counts = done["counts"]
    assert (counts["leads_created"], counts["failed"], counts["over_limit"]) == (2, 3, 3)
    assert done["problem_rows"] == 3 and len(_leads(api, tenant)) == 2


def test_a_chunk_delivered_again_after_a_crash_counts_and_writes_each_row_once(
    api: Api, aws: LocalAws, tenant: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "CHUNK", 4)
    rows = [["Email", "Name"], *[[f"r{n}@example.com", f"Row {n}"] for n in range(6)], ["bad@", "Bad"]]
    imported = upload(api, aws, tenant, "crash.csv", csv_bytes(rows))
    start(api, tenant, imported["import_id"], ["email", "name"], creates="leads")
    outbox = Outbox(aws, tenant.tenant_id)
    written = {"rows": 0}
    apply = run.Run.apply

    def crash_after_two(self: run.Run, number: int, cells: list[str]) -> Any:
        if written["rows"] == 2:
            raise SystemExit("the function stopped")  # the Lambda timed out mid-chunk
        written["rows"] += 1
        return apply(self, number, cells)

    first: list[DomainEvent] = []
    with monkeypatch.context() as patched:
        patched.setattr(run.Run, "apply", crash_after_two)
        with pytest.raises(SystemExit):
            outbox.deliver(lambda event: first.append(event) or run.run_chunk(event), limit=1)
    # The queue delivers the same message again, then the rest
    run.run_chunk(first[0])
    run.run_chunk(first[0])  # and once more after it was checkpointed: nothing happens
    outbox.deliver()
    done = get(api, tenant, imported["import_id"])
    counts = done["counts"]
    assert (counts["rows_read"], counts["created"], counts["leads_created"], counts["failed"]) == (7, 6, 6, 1)
    emails = sorted(lead["email"] for lead in _leads(api, tenant))
    assert emails == sorted(f"r{n}@example.com" for n in range(6))


def test_only_admins_and_managers_import_and_each_tenant_sees_its_own(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    manager, sales, staff = (invite(api, tenant, role) for role in ("Manager", "Sales", "Staff"))
    body = {"file_name": "x.csv", "size_bytes": 10}
    assert api.call("POST", "/imports", body, manager.token)[0] == 201
    for account in (sales, staff):
        assert api.call("POST", "/imports", body, account.token)[0] == 403
        assert api.call("GET", "/imports", token=account.token)[0] == 403
    other = sign_up(api, "Elsewhere")
    mine = api.call("GET", "/imports", token=tenant.token)[1]["items"]
    assert len(mine) == 1 and api.call("GET", "/imports", token=other.token)[1]["items"] == []
    assert api.call("POST", f"/imports/{mine[0]['import_id']}/undo", token=other.token)[0] == 404


def test_a_saved_mapping_is_proposed_for_the_next_file_with_the_same_header(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    rows = [["Kunde", "Mail"], ["Anna", "anna@example.com"]]
    first = upload(api, aws, tenant, "a.csv", csv_bytes(rows))
    assert first["proposed"] == ["", "email"]
    status, started = api.call(
        "POST",
        f"/imports/{first['import_id']}/start",
        {"mapping": ["name", "email"], "save_template": "German CRM export"},
        tenant.token,
    )
    assert status == 202, started
    second = upload(api, aws, tenant, "b.csv", csv_bytes([["kunde", "MAIL"], ["Bert", "bert@example.com"]]))
    assert second["proposed"] == ["name", "email"]
    templates = api.call("GET", "/import-templates", token=tenant.token)[1]["items"]
    assert [t["name"] for t in templates] == ["German CRM export"]
    template_id = templates[0]["template_id"]
    assert api.call("DELETE", f"/import-templates/{template_id}", token=tenant.token)[0] == 204
    assert api.call("DELETE", f"/import-templates/{template_id}", token=tenant.token)[0] == 404


def test_undo_deletes_the_leads_and_contacts_an_import_created(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    known = api.call("POST", "/contacts", {"first_name": "Kept", "email": "kept@example.com"}, tenant.token)[
        1
    ]
    rows = [["Name", "Email"], ["New Person", "new@example.com"], ["Kept Again", "kept@example.com"]]
    imported = upload(api, aws, tenant, "undo.csv", csv_bytes(rows))
    start(api, tenant, imported["import_id"], ["name", "email"], creates="leads", duplicate_rule="fill")
    outbox = Outbox(aws, tenant.tenant_id)
    outbox.deliver()
    assert len(_leads(api, tenant)) == 2  # a lead for the new person and one for the known contact
    assert api.call("POST", f"/imports/{imported['import_id']}/undo", token=tenant.token)[0] == 202
    outbox.deliver()
    undone = get(api, tenant, imported["import_id"])
    assert (undone["status"], undone["undone_contacts"], undone["undone_leads"]) == ("undone", 1, 2)
    assert _leads(api, tenant) == []
    assert [c["contact_id"] for c in _contacts(api, tenant)] == [known["contact_id"]]  # updated, not deleted
    assert (
        api.call("POST", f"/imports/{imported['import_id']}/undo", token=tenant.token)[1]["status"]
        == "undone"
    )


def test_custom_fields_import_by_label_and_a_bad_value_fails_its_row(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    for object_type, field in (
        (
            "contact",
            {"key": "size", "label": "Company size", "type": "dropdown", "options": ["Small", "Large"]},
        ),
        ("lead", {"key": "budget", "label": "Budget", "type": "money", "required": True}),
    ):
        version = api.call("GET", f"/custom-fields/{object_type}", token=tenant.token)[1]["version"]
        body = {"fields": [field], "version": version}
        assert api.call("PUT", f"/custom-fields/{object_type}", body, tenant.token)[0] == 200
    rows = [
        ["Email", "Company size", "budget"],
        ["a@example.com", "Large", "1500"],
        ["b@example.com", "Huge", "10"],
    ]
    imported = upload(api, aws, tenant, "custom.csv", csv_bytes(rows))
    assert imported["proposed"] == ["email", "contact.cf.size", "lead.cf.budget"]
    start(api, tenant, imported["import_id"], imported["proposed"], creates="leads")
    Outbox(aws, tenant.tenant_id).deliver()
    done = get(api, tenant, imported["import_id"])
    assert (done["counts"]["created"], done["counts"]["failed"]) == (1, 1)
    (lead,) = _leads(api, tenant)
    assert lead["custom_fields"] == {"budget": "1500.00"}
    (contact,) = _contacts(api, tenant)
    assert contact["custom_fields"] == {"size": "Large"}


def test_a_running_import_stops_after_its_current_chunk_when_cancelled(
    api: Api, aws: LocalAws, tenant: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "CHUNK", 2)
    rows = [["Email"], *[[f"c{n}@example.com"] for n in range(6)]]
    imported = upload(api, aws, tenant, "cancel.csv", csv_bytes(rows))
    start(api, tenant, imported["import_id"], ["email"])
    outbox = Outbox(aws, tenant.tenant_id)
    outbox.deliver(limit=1)  # the first chunk
    status, cancelling = api.call("POST", f"/imports/{imported['import_id']}/cancel", token=tenant.token)
    assert status == 200 and cancelling["status"] == "running"
    outbox.deliver()
    done = get(api, tenant, imported["import_id"])
    assert (done["status"], done["counts"]["created"], done["counts"]["rows_read"]) == ("cancelled", 2, 2)
    assert done["undo_until"]  # what it created can be undone
    bell = api.call("GET", "/notifications", token=tenant.token)[1]["items"]
    assert [n["title"] for n in bell if n["kind"] == "import_finished"] == ["Import cancelled"]


def test_a_row_that_failed_does_not_make_the_next_one_with_its_email_a_duplicate(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    rows = [
        ["Email", "Stage"],
        ["same@example.com", "No Such Stage"],
        ["same@example.com", ""],
        ["same@example.com", ""],
    ]
    imported = upload(api, aws, tenant, "retry-row.csv", csv_bytes(rows))
    start(api, tenant, imported["import_id"], ["email", "stage"], creates="leads")
    Outbox(aws, tenant.tenant_id).deliver()
    counts = get(api, tenant, imported["import_id"])["counts"]
    assert (counts["failed"], counts["created"], counts["skipped"]) == (1, 1, 1)
