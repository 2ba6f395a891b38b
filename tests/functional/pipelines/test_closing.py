"""Winning and losing a lead: POST /leads/{lead_id}/stage into a won stage sets the deal's value (and
refuses a win worth 0 unless the tenant allows it); into a lost stage it records one of the tenant's
lost reasons, which a move out of the lost stage clears. Through app.py and the stage_change Lambda,
against moto."""

from __future__ import annotations

from typing import Any

import pytest

from convertly.leads.service import LEAD_SK, Lead, lead_key
from convertly.pipelines.items import OwnerStageCounterItem
from convertly.platform.store import keys as platform_keys
from tests.functional.conftest import Account, Api, LocalAws, invite
from tests.functional.pipelines.test_stage_change import (
    counts,
    create,
    path,
    pipeline,
    seen_of,
    stage_events,
    stage_id,
)


def move(
    api: Api, account: Account, lead: dict[str, Any], to: str, *, seen: bool = False, **extra: Any
) -> tuple[int, Any]:
    body: dict[str, Any] = {"stage_id": to, "version": lead["version"], **extra}
    if seen:
        body["seen"] = seen_of(lead)
    return api.call("POST", f"/leads/{lead['lead_id']}/stage", body, account.token)


def save_settings(api: Api, account: Account, **changes: Any) -> dict[str, Any]:
    _, current = api.call("GET", "/settings/pipelines", token=account.token)
    body = {
        "lost_reasons": current["lost_reasons"],
        "allow_zero_value_wins": current["allow_zero_value_wins"],
        **changes,
    }
    status, saved = api.call("PUT", "/settings/pipelines", body, account.token)
    assert status == 200, saved
    return dict(saved)


def stored(account: Account, lead: dict[str, Any]) -> Lead:
    return Lead.get(lead_key(account.tenant_id, lead["lead_id"]), LEAD_SK, consistent_read=True)


def timeline(api: Api, account: Account, lead: dict[str, Any]) -> list[dict[str, Any]]:
    status, body = api.call("GET", f"/leads/{lead['lead_id']}/timeline", token=account.token)
    assert status == 200, body
    return list(body["items"])


@path
def test_a_win_of_a_lead_worth_0_without_a_value_is_422_value_required_and_writes_nothing(
    api: Api, aws: LocalAws, tenant: Account, seen: bool
) -> None:
    # Given a lead worth 0 in Qualified
    found = pipeline(api, tenant)
    lead = create(api, tenant, value="0", stage_id=stage_id(found, "Qualified"))
    # When it is moved to Closed Won without a value
    status, body = move(api, tenant, lead, stage_id(found, "Closed Won"), seen=seen)
    # Then it is refused, naming the value, and nothing moved
    assert (status, body["error"]["code"]) == (422, "value_required"), body
    assert set(body["error"]["fields"]) == {"value"}
    assert counts(api, tenant)["Closed Won"] == (0, 0.0)
    assert stage_events(aws, tenant.tenant_id) == []
    # And an explicit value of 0 is refused alike
    status, body = move(api, tenant, lead, stage_id(found, "Closed Won"), seen=seen, value="0")
    assert (status, body["error"]["code"]) == (422, "value_required")


@path
def test_a_win_with_a_value_sets_the_leads_value_the_events_and_the_counters(
    api: Api, aws: LocalAws, tenant: Account, seen: bool
) -> None:
    # Given a Sales rep's lead worth 250 in Qualified
    found = pipeline(api, tenant)
    sales = invite(api, tenant, "Sales")
    owner = sales.tokens["user_id"]
    lead = create(api, tenant, owner_id=owner, stage_id=stage_id(found, "Qualified"))
    # When it is won for 1234.50
    status, moved = move(api, tenant, lead, stage_id(found, "Closed Won"), seen=seen, value="1234.50")
    # Then the answer and the lead carry the new value
    assert status == 200, moved
    assert (moved["value"], moved["version"], moved["lost_reason"]) == (1234.5, 2, None)
    _, current = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
    assert (current["value"], current["stage_id"]) == (1234.5, stage_id(found, "Closed Won"))
    # And the event reports the new value (what the ad platforms receive) and the one before
    (event,) = stage_events(aws, tenant.tenant_id)
    data = event["data"]
    assert (data["value_minor"], data["value"], data["previous_value_minor"]) == (123450, "1234.50", 25000)
    assert (data["to_kind"], data["lost_reason"]) == ("won", None)
    # And the counters took the old value out of Qualified and the new one into Closed Won
    assert counts(api, tenant)["Qualified"] == (0, 0.0)
    assert counts(api, tenant)["Closed Won"] == (1, 1234.5)
    owner_values = {
        item.stage_id: (int(item.lead_count), int(item.lead_value))
        for item in OwnerStageCounterItem.query(
            platform_keys.tenant(tenant.tenant_id), OwnerStageCounterItem.SK.startswith(f"OWNER#{owner}#")
        )
    }
    assert owner_values == {stage_id(found, "Qualified"): (0, 0), stage_id(found, "Closed Won"): (1, 123450)}
    # And the board's column sums the new value
    status, board = api.call("GET", f"/pipelines/{found['pipeline_id']}/board", token=tenant.token)
    won = next(column for column in board["columns"] if column["name"] == "Closed Won")
    assert (won["lead_count"], won["lead_value"], won["items"][0]["value"]) == (1, 1234.5, 1234.5)


def test_a_win_without_a_value_keeps_the_leads_own(api: Api, aws: LocalAws, tenant: Account) -> None:
    found = pipeline(api, tenant)
    lead = create(api, tenant, value="480")
    status, moved = move(api, tenant, lead, stage_id(found, "Closed Won"), seen=True)
    assert (status, moved["value"]) == (200, 480.0), moved
    assert stage_events(aws, tenant.tenant_id)[0]["data"]["value_minor"] == 48000
    assert counts(api, tenant)["Closed Won"] == (1, 480.0)


def test_a_tenant_may_allow_zero_value_wins_and_take_it_back(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # Given a refused win of a lead worth 0 (the stage change has the default settings in mind now)
    found = pipeline(api, tenant)
    won = stage_id(found, "Closed Won")
    first, second = create(api, tenant, value="0"), create(api, tenant, value="0")
    assert move(api, tenant, first, won, seen=True)[1]["error"]["code"] == "value_required"
    # When an Admin allows zero-value wins
    save_settings(api, tenant, allow_zero_value_wins=True)
    # Then the win goes through at once, worth 0
    status, moved = move(api, tenant, first, won, seen=True)
    assert (status, moved["value"]) == (200, 0.0), moved
    assert stage_events(aws, tenant.tenant_id)[-1]["data"]["value_minor"] == 0
    # And when the Admin takes it back, the next such win is refused at once
    save_settings(api, tenant, allow_zero_value_wins=False)
    status, body = move(api, tenant, second, won, seen=True)
    assert (status, body["error"]["code"]) == (422, "value_required"), body
    assert counts(api, tenant)["Closed Won"] == (1, 0.0)


def test_a_value_or_a_lost_reason_for_a_stage_they_do_not_fit_is_422(api: Api, tenant: Account) -> None:
    found = pipeline(api, tenant)
    lead = create(api, tenant)
    status, body = move(api, tenant, lead, stage_id(found, "Qualified"), value="10")
    assert status == 422 and body["error"]["fields"] == {"value": "Only a move to a won stage takes a value"}
    status, body = move(api, tenant, lead, stage_id(found, "Closed Won"), lost_reason="Price")
    assert status == 422 and set(body["error"]["fields"]) == {"lost_reason"}
    status, body = move(api, tenant, lead, stage_id(found, "Closed Lost"), lost_reason="Price", value="5")
    assert status == 422 and set(body["error"]["fields"]) == {"value"}
    for bad in ("-1", "12.345", "lots"):
        status, body = move(api, tenant, lead, stage_id(found, "Closed Won"), value=bad)
        assert status == 422 and "value" in body["error"]["fields"], (bad, body)
    _, current = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
    assert (current["stage_id"], current["version"]) == (lead["stage_id"], 1)


@path
def test_a_move_to_a_lost_stage_needs_one_of_the_lost_reasons(api: Api, tenant: Account, seen: bool) -> None:
    found = pipeline(api, tenant)
    lost = stage_id(found, "Closed Lost")
    lead = create(api, tenant)
    # Without a reason
    status, body = move(api, tenant, lead, lost, seen=seen)
    assert (status, body["error"]["code"]) == (422, "lost_reason_required"), body
    assert set(body["error"]["fields"]) == {"lost_reason"}
    # With a reason not on the list: the message lists the ones to choose from
    status, body = move(api, tenant, lead, lost, seen=seen, lost_reason="Aliens")
    assert (status, body["error"]["code"]) == (422, "unknown_lost_reason"), body
    assert body["error"]["fields"]["lost_reason"] == (
        "Choose one of: Price, Chose a competitor, No response, Not a fit, Timing"
    )
    _, current = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
    assert (current["stage_id"], current["version"]) == (lead["stage_id"], 1)


def test_a_lost_reason_is_kept_on_the_lead_in_its_timeline_and_event_and_cleared_on_reopening(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # Given a lead in Qualified
    found = pipeline(api, tenant)
    lead = create(api, tenant, stage_id=stage_id(found, "Qualified"))
    # When it is lost for "price" (any case) with a note
    why = {"lost_reason": "price", "lost_note": " Too dear "}
    status, moved = move(api, tenant, lead, stage_id(found, "Closed Lost"), seen=True, **why)
    # Then the reason is kept as listed, on the answer and the lead
    assert status == 200, moved
    assert moved["lost_reason"] == "Price"
    assert stored(tenant, lead).lost_reason == "Price"
    # And the timeline and the event say why
    entry = timeline(api, tenant, lead)[-1]
    assert (entry["kind"], entry["to_stage_name"], entry["lost_reason"], entry["lost_note"]) == (
        "stage_changed",
        "Closed Lost",
        "Price",
        "Too dear",
    )
    event = stage_events(aws, tenant.tenant_id)[-1]["data"]
    assert (event["to_kind"], event["lost_reason"], event["lost_note"]) == ("lost", "Price", "Too dear")
    # When the lead is reopened
    status, reopened = move(api, tenant, {**lead, "version": 2}, stage_id(found, "Contacted"))
    assert status == 200, reopened
    # Then it is no longer lost for any reason, and the timeline keeps the history
    assert reopened["lost_reason"] is None and stored(tenant, lead).lost_reason is None
    assert stage_events(aws, tenant.tenant_id)[-1]["data"]["lost_reason"] is None
    entries = [e for e in timeline(api, tenant, lead) if e["kind"] == "stage_changed"]
    assert [e["lost_reason"] for e in entries] == ["Price", None]


def test_the_tenants_own_lost_reasons_apply_at_once(api: Api, tenant: Account) -> None:
    # Given a lead lost for a default reason (the stage change has the defaults in mind now)
    found = pipeline(api, tenant)
    lost = stage_id(found, "Closed Lost")
    first, second, third = (create(api, tenant) for _ in range(3))
    assert move(api, tenant, first, lost, seen=True, lost_reason="Price")[0] == 200
    # When an Admin replaces the list
    save_settings(api, tenant, lost_reasons=["Budget cut", "Went quiet"])
    # Then a reason no longer listed is refused, and a new one is taken, both at once
    status, body = move(api, tenant, second, lost, seen=True, lost_reason="Price")
    assert (status, body["error"]["code"]) == (422, "unknown_lost_reason"), body
    assert body["error"]["fields"]["lost_reason"] == "Choose one of: Budget cut, Went quiet"
    status, moved = move(api, tenant, third, lost, seen=True, lost_reason="Budget cut")
    assert (status, moved["lost_reason"]) == (200, "Budget cut"), moved
    # And the lead lost before keeps its reason
    assert stored(tenant, first).lost_reason == "Price"


@path
def test_a_repeated_win_answers_as_the_first_and_changes_nothing(
    api: Api, aws: LocalAws, tenant: Account, seen: bool
) -> None:
    # Given a lead worth 0 won for 99.90
    found = pipeline(api, tenant)
    lead = create(api, tenant, value="0", stage_id=stage_id(found, "Qualified"))
    won = stage_id(found, "Closed Won")
    first = move(api, tenant, lead, won, seen=seen, value="99.90")
    assert first[0] == 200, first
    # When the same request comes again, and once more with another value
    again = move(api, tenant, lead, won, seen=seen, value="99.90")
    other = move(api, tenant, lead, won, seen=seen, value="5000")
    # Then both answer as the first did
    assert again == first and other == first
    # And the value, the counters and the events are those of one win
    _, current = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
    assert (current["value"], current["version"]) == (99.9, 2)
    assert counts(api, tenant)["Closed Won"] == (1, 99.9)
    assert len(stage_events(aws, tenant.tenant_id)) == 1


@pytest.mark.parametrize("seen", [True, False], ids=["seen", "read-first"])
def test_a_repeated_loss_answers_as_the_first(api: Api, aws: LocalAws, tenant: Account, seen: bool) -> None:
    found = pipeline(api, tenant)
    lead = create(api, tenant)
    lost = stage_id(found, "Closed Lost")
    first = move(api, tenant, lead, lost, seen=seen, lost_reason="Timing")
    again = move(api, tenant, lead, lost, seen=seen, lost_reason="Timing")
    assert first[0] == 200 and again == first, (first, again)
    assert len(stage_events(aws, tenant.tenant_id)) == 1
