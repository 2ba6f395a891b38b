"""Stage change: POST /leads/{lead_id}/stage through app.py and the stage_change Lambda, against moto.

One transaction moves the lead and its version, writes the stage history, moves the counters and
puts LeadStageChanged in the outbox; the bad inputs answer 409, 422, 404 or 403. The tests marked
`path` run both ways a move is asked for: with `seen` (what the board showed; no read first) and
without (the lead is read first)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from convertly.leads.service import LEAD_SK, lead_key
from convertly.pipelines import keys as pipelines_keys
from convertly.pipelines import stage_deletion
from convertly.pipelines.items import OwnerStageCounterItem, StageTransitionItem
from convertly.platform.clock import iso, parse_iso
from convertly.platform.config import get_settings
from convertly.platform.store import keys as platform_keys
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up
from tests.functional.platform.test_events import outbox_records


def pipeline(api: Api, account: Account, index: int = 0) -> dict[str, Any]:
    status, body = api.call("GET", "/pipelines", token=account.token)
    assert status == 200, body
    return dict(body["items"][index])


def stage_id(found: dict[str, Any], name: str) -> str:
    return str(next(stage["stage_id"] for stage in found["stages"] if stage["name"] == name))


def create(api: Api, account: Account, **fields: Any) -> dict[str, Any]:
    status, lead = api.call("POST", "/leads", {"first_name": "Dana", "value": "250", **fields}, account.token)
    assert status == 201, lead
    return dict(lead)


SEEN_FIELDS = ("stage_id", "stage_entered_at", "owner_id", "value", "currency", "source")
path = pytest.mark.parametrize("seen", [True, False], ids=["seen", "read-first"])


def seen_of(lead: dict[str, Any]) -> dict[str, Any]:
    return {name: lead[name] for name in SEEN_FIELDS}


def move(
    api: Api,
    account: Account,
    lead: dict[str, Any],
    to: str,
    version: int | None = None,
    *,
    seen: bool | dict[str, Any] = False,
) -> tuple[int, Any]:
    body: dict[str, Any] = {"stage_id": to, "version": version if version is not None else lead["version"]}
    if seen:
        body["seen"] = seen if isinstance(seen, dict) else seen_of(lead)
    return api.call("POST", f"/leads/{lead['lead_id']}/stage", body, account.token)


def counts(api: Api, account: Account) -> dict[str, tuple[int, float]]:
    return {s["name"]: (s["lead_count"], s["lead_value"]) for s in pipeline(api, account)["stages"]}


def stage_events(aws: LocalAws, tenant_id: str) -> list[dict[str, Any]]:
    details = [
        json.loads(record["dynamodb"]["NewImage"]["detail"]["S"])
        for record in outbox_records(aws, tenant_id)
        if record["dynamodb"]["NewImage"]["detail_type"]["S"] == "LeadStageChanged"
    ]
    return details


@path
def test_a_move_changes_stage_version_history_counters_and_emits_the_event(
    api: Api, aws: LocalAws, tenant: Account, seen: bool
) -> None:
    # Given a lead owned by a Sales rep in New, worth 250
    found = pipeline(api, tenant)
    sales = invite(api, tenant, "Sales", name="Sam Sales")
    lead = create(api, tenant, owner_id=sales.tokens["user_id"])
    # When the Admin moves it to Qualified
    status, moved = move(api, tenant, lead, stage_id(found, "Qualified"), seen=seen)
    # Then the lead is in Qualified at version 2, having entered it now
    assert status == 200, moved
    assert (moved["stage_id"], moved["version"]) == (stage_id(found, "Qualified"), 2)
    assert (moved["from_stage_id"], moved["pipeline_id"]) == (stage_id(found, "New"), found["pipeline_id"])
    assert moved["stage_entered_at"] >= lead["stage_entered_at"]
    _, stored = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
    assert (stored["stage_id"], stored["version"], stored["stage_entered_at"]) == (
        moved["stage_id"],
        2,
        moved["stage_entered_at"],
    )
    assert stored["name"] == lead["name"] and stored["email"] == lead["email"]  # the rest untouched
    # And the stage history says from, to, who, when and how long it sat in New
    _, detail = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
    last = detail["stage_history"][-1]
    assert (last["from_stage_id"], last["to_stage_id"]) == (
        stage_id(found, "New"),
        stage_id(found, "Qualified"),
    )
    assert last["changed_at"] == moved["stage_entered_at"]
    assert last["seconds_in_previous"] is not None and last["seconds_in_previous"] >= 0
    # And the stage counters moved with it
    assert counts(api, tenant)["New"] == (0, 0.0)
    assert counts(api, tenant)["Qualified"] == (1, 250.0)
    # And so did the owner's counters and the New -> Qualified transition counter
    owner = sales.tokens["user_id"]
    owner_items = {
        item.stage_id: int(item.lead_count)
        for item in OwnerStageCounterItem.query(
            platform_keys.tenant(tenant.tenant_id), OwnerStageCounterItem.SK.startswith(f"OWNER#{owner}#")
        )
    }
    assert owner_items == {stage_id(found, "New"): 0, stage_id(found, "Qualified"): 1}
    transition = StageTransitionItem.get(
        platform_keys.tenant(tenant.tenant_id),
        pipelines_keys.transition_sk(
            found["pipeline_id"], stage_id(found, "New"), stage_id(found, "Qualified")
        ),
    )
    assert int(transition.lead_count) == 1
    # And one LeadStageChanged event carries what the consumers need
    (event,) = stage_events(aws, tenant.tenant_id)
    data = event["data"]
    assert (
        event["tenant_id"] == tenant.tenant_id
        and event["event_id"]
        and event["occurred_at"] == last["changed_at"]
    )
    assert data["lead_id"] == lead["lead_id"] and data["pipeline_id"] == found["pipeline_id"]
    assert (data["from_kind"], data["to_kind"], data["reopened"]) == ("open", "open", False)
    assert (data["value_minor"], data["value"], data["currency"]) == (25000, "250.00", "USD")
    assert (
        data["owner_id"] == owner
        and data["from_stage_name"] == "New"
        and data["to_stage_name"] == "Qualified"
    )
    assert (data["source"], data["version"]) == ("manual", 2)
    # And the lead is found by the stage's index in Qualified, and no longer in New
    status, column = api.call(
        "GET",
        f"/pipelines/{found['pipeline_id']}/stages/{stage_id(found, 'Qualified')}/leads",
        token=tenant.token,
    )
    assert status == 200 and [card["lead_id"] for card in column["items"]] == [lead["lead_id"]]


def test_reopening_a_won_lead_emits_the_event_marked_reopened(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # Given a lead moved to Closed Won
    found = pipeline(api, tenant)
    lead = create(api, tenant, value="999.99")
    _, won = move(api, tenant, lead, stage_id(found, "Closed Won"))
    # When it is moved back to Qualified
    status, reopened = move(api, tenant, won, stage_id(found, "Qualified"))
    assert status == 200, reopened
    # Then both moves emitted LeadStageChanged: the win, and the reopening marked as such
    events = [e["data"] for e in stage_events(aws, tenant.tenant_id)]
    assert [(e["from_kind"], e["to_kind"], e["reopened"]) for e in events] == [
        ("open", "won", False),
        ("won", "open", True),
    ]
    assert events[0]["value"] == "999.99"


@path
def test_a_stale_version_is_409_with_the_current_lead_and_changes_nothing(
    api: Api, tenant: Account, seen: bool
) -> None:
    # Given a lead someone already moved (now version 2)
    found = pipeline(api, tenant)
    lead = create(api, tenant)
    _, moved = move(api, tenant, lead, stage_id(found, "Contacted"))
    # When another board, still showing version 1, drags it to Qualified
    status, body = move(api, tenant, lead, stage_id(found, "Qualified"), version=1, seen=seen)
    # Then it is a 409 whose body carries the lead as it is now, so the board can show it
    assert status == 409
    assert body["error"]["code"] == "stale_version"
    _, current = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
    current.pop("stage_history", None)
    assert body["error"]["details"]["lead"] == {
        k: v for k, v in current.items() if k in body["error"]["details"]["lead"]
    }
    assert (body["error"]["details"]["lead"]["stage_id"], body["error"]["details"]["lead"]["version"]) == (
        moved["stage_id"],
        2,
    )
    assert counts(api, tenant)["Qualified"] == (0, 0.0)


@pytest.mark.parametrize(
    "changed", [{"value": 999}, {"owner_id": "someone-else"}, {"source": "google_ads"}, {"currency": "EUR"}]
)
def test_a_lead_that_differs_from_what_was_seen_is_409_and_nothing_moves(
    api: Api, aws: LocalAws, tenant: Account, changed: dict[str, Any]
) -> None:
    # Given a lead, and a mover whose view of it differs in one field (at the lead's own version)
    found = pipeline(api, tenant)
    lead = create(api, tenant)
    seen = {**seen_of(lead), **changed}
    # When it is moved
    status, body = move(api, tenant, lead, stage_id(found, "Qualified"), seen=seen)
    # Then it is a stale-version 409 with the lead as it is, and nothing was written
    assert (status, body["error"]["code"]) == (409, "stale_version"), body
    assert body["error"]["details"]["lead"]["stage_id"] == stage_id(found, "New")
    assert counts(api, tenant)["Qualified"] == (0, 0.0) and counts(api, tenant)["New"] == (1, 250.0)
    assert stage_events(aws, tenant.tenant_id) == []


def backdate(api: Api, aws: LocalAws, account: Account, lead: dict[str, Any], seconds: int) -> dict[str, Any]:
    """The lead as if it had entered its stage `seconds` ago (its stored entry time moved back)."""
    at = iso(parse_iso(lead["stage_entered_at"]) - timedelta(seconds=seconds))
    aws.client("dynamodb").update_item(
        TableName=get_settings().table_name,
        Key={"PK": {"S": lead_key(account.tenant_id, lead["lead_id"])}, "SK": {"S": LEAD_SK}},
        UpdateExpression="SET stage_entered_at = :at",
        ExpressionAttributeValues={":at": {"S": at}},
    )
    status, current = api.call("GET", f"/leads/{lead['lead_id']}", token=account.token)
    assert status == 200, current
    return dict(current)


@path
def test_a_repeated_move_answers_as_the_first_and_writes_once(
    api: Api, aws: LocalAws, tenant: Account, seen: bool
) -> None:
    # Given a move to Qualified of a lead that had sat in New for an hour (a double click sends it twice)
    found = pipeline(api, tenant)
    lead = backdate(api, aws, tenant, create(api, tenant), 3600)
    first = move(api, tenant, lead, stage_id(found, "Qualified"), seen=seen)
    assert first[1]["seconds_in_previous"] >= 3600, first
    # When the same request comes again
    second = move(api, tenant, lead, stage_id(found, "Qualified"), seen=seen)
    # Then both answer 200 with the same move: from New, after the hour in it, now at version 2
    assert first[0] == second[0] == 200, second
    assert second[1] == first[1]
    assert (second[1]["from_stage_id"], second[1]["stage_id"], second[1]["version"]) == (
        stage_id(found, "New"),
        stage_id(found, "Qualified"),
        2,
    )
    # And there is one move: one event, one history entry, the counters moved once
    assert len(stage_events(aws, tenant.tenant_id)) == 1
    _, detail = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
    assert len([h for h in detail["stage_history"] if h["from_stage_id"]]) == 1
    assert counts(api, tenant)["Qualified"] == (1, 250.0)


def test_a_repeat_long_after_answers_with_the_move_that_brought_the_lead_there(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # Given a lead moved New -> Contacted -> Qualified
    found = pipeline(api, tenant)
    lead = create(api, tenant)
    _, contacted = move(api, tenant, lead, stage_id(found, "Contacted"))
    _, qualified = move(api, tenant, {**lead, **contacted}, stage_id(found, "Qualified"))
    # When a client retries the last move without `seen` (read first: the lead is already there)
    status, again = move(api, tenant, {**lead, "version": 2}, stage_id(found, "Qualified"))
    # Then the answer is the last move's: from Contacted, not "from Qualified, 0 seconds"
    assert status == 200 and again == qualified
    assert again["from_stage_id"] == stage_id(found, "Contacted")
    assert len(stage_events(aws, tenant.tenant_id)) == 2


def test_an_unknown_stage_or_a_stage_of_another_pipeline_is_422(api: Api, tenant: Account) -> None:
    # Given a lead in the default pipeline, and a second pipeline
    lead = create(api, tenant)
    status, other = api.call("POST", "/pipelines", {"name": "Referrals"}, tenant.token)
    assert status == 201, other
    # When it is moved to a stage that does not exist, or to one of the other pipeline
    unknown = move(api, tenant, lead, "01NOSUCHSTAGE0000000000000")
    foreign = move(api, tenant, lead, other["stages"][1]["stage_id"])
    # Then both are 422 naming the field, and the lead stays where it was
    assert unknown[0] == 422 and unknown[1]["error"]["fields"] == {"stage_id": "no such stage"}
    assert foreign[0] == 422 and "another pipeline" in foreign[1]["error"]["fields"]["stage_id"]
    _, still = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
    assert (still["stage_id"], still["version"]) == (lead["stage_id"], 1)


@path
def test_another_tenants_lead_is_404(api: Api, tenant: Account, seen: bool) -> None:
    other = sign_up(api, "Other Co")
    lead = create(api, other)
    theirs = {**lead, "stage_id": stage_id(pipeline(api, tenant), "New")}  # as if in our own pipeline
    status, body = move(api, tenant, theirs, stage_id(pipeline(api, tenant), "Qualified"), seen=seen)
    assert status == 404 and body["error"]["code"] == "lead_not_found"
    _, untouched = api.call("GET", f"/leads/{lead['lead_id']}", token=other.token)
    assert untouched["version"] == 1


@path
def test_sales_move_only_their_own_leads_and_staff_none(api: Api, tenant: Account, seen: bool) -> None:
    # Given a Sales rep's own lead and a colleague's
    found = pipeline(api, tenant)
    sales = invite(api, tenant, "Sales")
    staff = invite(api, tenant, "Staff")
    own = create(api, sales)
    theirs = create(api, tenant, owner_id=invite(api, tenant, "Sales").tokens["user_id"])
    # Then Sales move their own, not the colleague's (403, as for every other lead write), and Staff neither
    assert move(api, sales, own, stage_id(found, "Contacted"), seen=seen)[0] == 200
    status, body = move(api, sales, theirs, stage_id(found, "Contacted"), seen=seen)
    assert (status, body["error"]["code"]) == (403, "not_lead_owner")
    # Not even by claiming to have seen it as theirs
    claimed = {**seen_of(theirs), "owner_id": sales.tokens["user_id"]}
    status, body = move(api, sales, theirs, stage_id(found, "Contacted"), seen=claimed)
    assert (status, body["error"]["code"]) == (403, "not_lead_owner")
    status, body = move(api, staff, theirs, stage_id(found, "Contacted"), seen=seen)
    assert (status, body["error"]["code"]) == (403, "forbidden_role")
    _, still = api.call("GET", f"/leads/{theirs['lead_id']}", token=tenant.token)
    assert (still["stage_id"], still["version"]) == (stage_id(found, "New"), 1)


def test_moving_to_the_current_stage_changes_nothing(api: Api, aws: LocalAws, tenant: Account) -> None:
    lead = create(api, tenant)
    status, same = move(api, tenant, lead, lead["stage_id"])
    assert status == 200 and same["version"] == 1
    assert stage_events(aws, tenant.tenant_id) == []


@path
def test_a_deleted_lead_does_not_move(api: Api, tenant: Account, seen: bool) -> None:
    lead = create(api, tenant)
    api.call("DELETE", f"/leads/{lead['lead_id']}", token=tenant.token)
    status, body = move(api, tenant, lead, stage_id(pipeline(api, tenant), "Contacted"), version=2, seen=seen)
    assert (status, body["error"]["code"]) == (409, "lead_deleted")


def test_patch_is_not_a_way_to_move_a_lead(api: Api, tenant: Account) -> None:
    # The stage moves only through POST /leads/{id}/stage, which keeps history, counters and events
    lead = create(api, tenant)
    target = stage_id(pipeline(api, tenant), "Qualified")
    status, body = api.call(
        "PATCH", f"/leads/{lead['lead_id']}", {"stage_id": target, "version": 1}, tenant.token
    )
    assert status == 422 and "stage_id" in body["error"]["fields"]


def test_a_stage_whose_kind_changed_since_it_was_read_gets_the_new_kind(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # Given a move that loaded the stages (the function keeps them for a while)
    found = pipeline(api, tenant)
    first = create(api, tenant)
    move(api, tenant, first, stage_id(found, "Contacted"))
    # When an Admin makes Qualified a won stage, and a lead is then moved there
    qualified = stage_id(found, "Qualified")
    status, _ = api.call(
        "PATCH", f"/pipelines/{found['pipeline_id']}/stages/{qualified}", {"kind": "won"}, tenant.token
    )
    assert status == 200
    second = create(api, tenant)
    assert move(api, tenant, second, qualified)[0] == 200
    # Then the event reports the stage's kind as it is now, not as it was remembered
    assert stage_events(aws, tenant.tenant_id)[-1]["data"]["to_kind"] == "won"


def test_a_stage_being_deleted_takes_no_leads(
    api: Api, tenant: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a stage being deleted (its many leads are moving out in the background)
    found = pipeline(api, tenant)
    contacted, qualified = stage_id(found, "Contacted"), stage_id(found, "Qualified")
    for _ in range(2):
        lead = create(api, tenant)
        move(api, tenant, lead, contacted)
    monkeypatch.setattr(stage_deletion, "SYNC_MOVE_LIMIT", 1)
    status, result = api.call(
        "DELETE",
        f"/pipelines/{found['pipeline_id']}/stages/{contacted}?move_to={qualified}",
        token=tenant.token,
    )
    assert (status, result["status"]) == (202, "deleting"), result
    # When a lead is dragged into it
    newcomer = create(api, tenant)
    status, body = move(api, tenant, newcomer, contacted)
    # Then it is refused, and the lead stays put
    assert status == 422 and body["error"]["fields"] == {"stage_id": "this stage is being deleted"}
