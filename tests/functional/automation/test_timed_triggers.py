"""Triggers and waits that depend on time: a wait until a condition holds (or its timeout), no activity
on an open lead for N days, a date field reached, and a conversion the ad platforms did not take."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from convertly.automation import keys as automation_keys
from convertly.automation.items import AutomationCheckpointItem, TriggerTimerItem
from convertly.platform.events.envelope import DomainEvent
from tests.functional.automation.support import Flow, enrolment, enrolments, lead, professional, workflow
from tests.functional.conftest import Account, Api, LocalAws


def _steps(detail: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {s["step_id"]: (s["status"], s["detail"]) for s in detail["steps"]}


def _from_scratch() -> None:
    """The tick reads from an hour ago, as on its first run (a test jumps days ahead)."""
    with contextlib.suppress(AutomationCheckpointItem.DoesNotExist):
        AutomationCheckpointItem.get(
            automation_keys.AUTOMATION_PLATFORM, automation_keys.TICK_CHECKPOINT_SK
        ).delete()


@pytest.fixture(autouse=True)
def _tick_checkpoint() -> Iterator[None]:
    """These tests move the tick days ahead: it starts afresh and leaves no checkpoint behind."""
    _from_scratch()
    yield
    _from_scratch()


def _tags(api: Api, account: Account, lead_id: str) -> list[str]:
    return list(api.call("GET", f"/leads/{lead_id}", token=account.token)[1]["tags"])


def test_a_wait_for_a_condition_goes_on_when_the_lead_changes_or_when_its_time_is_up(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    flow = workflow(
        api,
        tenant,
        {
            "trigger": {"type": "lead_created"},
            "steps": [
                {
                    "id": "hold",
                    "kind": "wait",
                    "mode": "condition",
                    "conditions": [{"field": "lead.tags", "operator": "contains", "value": "qualified"}],
                    "minutes": 1440,
                },
                {"id": "mark", "kind": "add_tag", "tags": ["chased"]},
            ],
        },
    )
    quick = lead(api, tenant, first_name="Quick", email="quick@example.test")
    slow = lead(api, tenant, first_name="Slow", email="slow@example.test")
    events = Flow(aws, tenant.tenant_id)
    events.run()
    waiting = {e["lead_id"]: e for e in enrolments(api, tenant, flow["workflow_id"])}
    assert {e["status"] for e in waiting.values()} == {"waiting"}

    # The quick lead is qualified by a person: its change has the wait look again at once, three times over
    status, _ = api.call(
        "PATCH",
        f"/leads/{quick['lead_id']}",
        {"tags": ["qualified"], "version": quick["version"]},
        tenant.token,
    )
    assert status == 200
    events.run(times=3)
    done = enrolment(api, tenant, waiting[quick["lead_id"]]["enrolment_id"])
    assert done["status"] == "done"
    assert _steps(done)["hold"] == ("done", "The conditions hold: went on")
    assert sorted(_tags(api, tenant, quick["lead_id"])) == ["chased", "qualified"]

    # The slow one is looked at again on the tick, then goes on when the day is over
    still = enrolment(api, tenant, waiting[slow["lead_id"]]["enrolment_id"])
    assert still["status"] == "waiting"
    start = datetime.now(UTC)
    events.tick(start + timedelta(minutes=20))
    assert enrolment(api, tenant, still["enrolment_id"])["status"] == "waiting"
    events.tick(start + timedelta(days=1, minutes=5), times=2)
    over = enrolment(api, tenant, still["enrolment_id"])
    assert over["status"] == "done"
    assert _steps(over)["hold"] == ("done", "Went on after 1 day: the conditions did not hold")
    assert _tags(api, tenant, slow["lead_id"]) == ["chased"]


def test_a_conversion_a_platform_did_not_take_starts_the_workflows_that_listen_for_it_once(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    no_value = workflow(
        api,
        tenant,
        {
            "trigger": {"type": "conversion_failed", "reason": "no_value"},
            "steps": [{"id": "tag", "kind": "add_tag", "tags": ["set-value"]}],
        },
        name="Won without a value",
    )
    failed_meta = workflow(
        api,
        tenant,
        {
            "trigger": {"type": "conversion_failed", "reason": "failed", "platform": "meta"},
            "steps": [{"id": "tag", "kind": "add_tag", "tags": ["meta-refused"]}],
        },
        name="Meta refused",
    )
    won = lead(api, tenant, first_name="Won")
    events = Flow(aws, tenant.tenant_id)
    events.run()
    recorded = DomainEvent(
        detail_type="ConversionRecorded",
        tenant_id=tenant.tenant_id,
        subject_id=won["lead_id"],
        data={
            "lead_id": won["lead_id"],
            "job_id": "J1",
            "outcomes": {"google_ads": "no_value", "meta": "sent"},
        },
    )
    for _ in range(3):
        events.consumer().handle(recorded)
    events.run()
    found = enrolments(api, tenant, no_value["workflow_id"])
    assert len(found) == 1 and found[0]["status"] == "done"
    assert found[0]["trigger"]["label"] == "Google Ads conversion not sent: the lead has no value"
    assert _tags(api, tenant, won["lead_id"]) == ["set-value"]
    assert enrolments(api, tenant, failed_meta["workflow_id"]) == []


def test_an_open_lead_left_alone_for_n_days_starts_the_workflow_once_and_activity_moves_that(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    events = Flow(aws, tenant.tenant_id)
    # Leads there before the workflow: one open, one won
    before = lead(api, tenant, first_name="Before", email="before@example.test")
    closed = lead(api, tenant, first_name="Closed", email="closed@example.test", value="500")
    _status, pipelines = api.call("GET", "/pipelines", token=tenant.token)
    won = next(s for s in pipelines["items"][0]["stages"] if s["kind"] == "won")
    status, _ = api.call(
        "POST",
        f"/leads/{closed['lead_id']}/stage",
        {"stage_id": won["stage_id"], "version": closed["version"]},
        tenant.token,
    )
    assert status == 200
    events.run()
    flow = workflow(
        api,
        tenant,
        {
            "trigger": {"type": "no_activity", "days": 3},
            "steps": [{"id": "tag", "kind": "add_tag", "tags": ["gone-quiet"]}],
        },
        name="Quiet leads",
    )
    # and one after it, which a person then edits: its timer moves to that edit
    after = lead(api, tenant, first_name="After", email="after@example.test")
    events.run()
    timer = TriggerTimerItem.get(
        automation_keys.workflow(tenant.tenant_id, flow["workflow_id"]),
        automation_keys.timer_sk(after["lead_id"]),
    )
    status, _ = api.call(
        "PATCH", f"/leads/{after['lead_id']}", {"value": "900", "version": after["version"]}, tenant.token
    )
    assert status == 200
    events.run(times=2)
    moved = TriggerTimerItem.get(timer.PK, timer.SK, consistent_read=True)
    assert moved.basis > timer.basis and moved.wake_at > str(timer.wake_at)
    start = datetime.now(UTC)
    events.tick(start + timedelta(days=2))
    assert enrolments(api, tenant, flow["workflow_id"]) == []

    # Three days after their last activity: the open leads are enrolled once however often the tick
    # wakes them; the won one is not
    _from_scratch()
    events.tick(start + timedelta(days=3, minutes=5), times=3)
    events.tick(start + timedelta(days=3, minutes=6), times=2)
    found = enrolments(api, tenant, flow["workflow_id"])
    assert sorted((e["lead_id"], e["status"]) for e in found) == sorted(
        [(before["lead_id"], "done"), (after["lead_id"], "done")]
    )
    assert {e["trigger"]["label"] for e in found} == {"No activity for 3 days"}
    assert _tags(api, tenant, before["lead_id"]) == ["gone-quiet"]
    # The workflow's own change is not activity: no second enrolment three days later
    events.run()
    _from_scratch()
    events.tick(start + timedelta(days=6, minutes=10))
    assert len(enrolments(api, tenant, flow["workflow_id"])) == 2


def test_a_date_field_reached_starts_the_workflow_at_its_offset_and_a_new_date_moves_it(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    version = api.call("GET", "/custom-fields/contact", token=tenant.token)[1]["version"]
    status, _ = api.call(
        "PUT",
        "/custom-fields/contact",
        {"fields": [{"key": "renewal", "label": "Renewal date", "type": "date"}], "version": version},
        tenant.token,
    )
    assert status == 200
    # A trigger on a field that is not a date is refused with the reason on the trigger
    status, refused = api.call(
        "POST",
        "/workflows",
        {
            "name": "Wrong field",
            "definition": {
                "trigger": {"type": "date_reached", "target": "contact", "field_key": "nickname"},
                "steps": [{"id": "end", "kind": "end"}],
            },
        },
        tenant.token,
    )
    assert status == 422 and refused["error"]["fields"] == {
        "trigger.field_key": "Choose a date field of the contact"
    }
    first = date.today() + timedelta(days=30)
    status, contact = api.call(
        "POST",
        "/contacts",
        {"first_name": "Rene", "email": "rene@example.test", "custom_fields": {"renewal": first.isoformat()}},
        tenant.token,
    )
    assert status == 201, contact
    events = Flow(aws, tenant.tenant_id)
    events.run()  # a contact there before the workflow: publishing sets its timer
    flow = workflow(
        api,
        tenant,
        {
            "trigger": {
                "type": "date_reached",
                "target": "contact",
                "field_key": "renewal",
                "offset_days": -7,
                "at_time": "09:00",
            },
            "steps": [{"id": "tag", "kind": "add_tag", "target": "contact", "tags": ["renewal-soon"]}],
        },
        name="Renewals",
    )
    events.run()
    backfilled = TriggerTimerItem.get(
        automation_keys.workflow(tenant.tenant_id, flow["workflow_id"]),
        automation_keys.timer_sk(contact["contact_id"]),
    )
    assert (backfilled.basis, backfilled.kind) == (first.isoformat(), "date_reached")
    # The renewal moves a month later before the first date's reminder is due
    later = first + timedelta(days=30)
    status, _ = api.call(
        "PATCH",
        f"/contacts/{contact['contact_id']}",
        {"custom_fields": {"renewal": later.isoformat()}, "version": contact["version"]},
        tenant.token,
    )
    assert status == 200
    events.run()

    def nine(day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)

    _from_scratch()
    events.tick(nine(first - timedelta(days=7)) + timedelta(minutes=1))
    assert enrolments(api, tenant, flow["workflow_id"]) == []
    _from_scratch()
    events.tick(nine(later - timedelta(days=7)) + timedelta(minutes=1), times=2)
    found = enrolments(api, tenant, flow["workflow_id"])
    assert [(e["contact_id"], e["status"]) for e in found] == [(contact["contact_id"], "done")]
    assert found[0]["trigger"]["label"] == f"Date reached: {later.isoformat()}"
    _status, shown = api.call("GET", f"/contacts/{contact['contact_id']}", token=tenant.token)
    assert shown["tags"] == ["renewal-soon"]
