"""Which triggers an event sets off, and which workflows' trigger options take it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from convertly.automation.definition import Trigger
from convertly.automation.engine import actor_id, depth_of
from convertly.automation.triggers import fired_by, takes
from convertly.platform.events.envelope import DomainEvent

EVENTS = Path(__file__).parents[3] / "events" / "domain"


def _sample(name: str) -> DomainEvent:
    body = json.loads((EVENTS / name).read_text())
    return DomainEvent.from_detail(body["detail-type"], body["detail"])


def _event(detail_type: str, data: dict[str, Any], subject: str = "L1") -> DomainEvent:
    return DomainEvent(detail_type=detail_type, tenant_id="t", subject_id=subject, data=data)


def test_a_form_lead_is_created_and_a_form_submitted() -> None:
    fired = fired_by(_sample("LeadCreated.form.json"))
    assert [f.type for f in fired] == ["lead_created", "form_submitted"]
    assert fired[1].facts == {"form_id": "01JDEMOFORM000000000000001", "source": "google_ads"}


def test_a_win_is_a_stage_change_and_a_win_and_a_reopening_is_no_win() -> None:
    won = fired_by(_sample("LeadStageChanged.won.json"))
    assert [f.type for f in won] == ["stage_changed", "lead_won"]
    assert won[0].label == "Moved to Closed Won"
    reopened = fired_by(_sample("LeadStageChanged.reopened.json"))
    assert [f.type for f in reopened] == ["stage_changed"]


def test_tags_added_and_removed_each_fire_and_a_value_change_fires() -> None:
    event = _event(
        "LeadUpdated",
        {"changes": {"tags": {"from": ["a", "B"], "to": ["b", "c"]}, "value": {"from": 0, "to": 10}}},
    )
    fired = [(f.type, f.facts.get("tag")) for f in fired_by(event)]
    assert fired == [("value_changed", None), ("tag_added", "c"), ("tag_removed", "a")]  # B -> b is no change


def test_a_contacts_new_role_fires_with_its_role() -> None:
    event = _event(
        "ContactUpdated",
        {"contact": {"contact_id": "C1"}, "changes": {"role": {"from": "Lead", "to": "Client"}}},
    )
    [fired] = fired_by(event)
    assert (fired.type, fired.contact_id, fired.lead_id, fired.facts) == (
        "contact_role_changed",
        "C1",
        None,
        {"role": "Client"},
    )
    assert fired_by(_event("NoteAdded", {})) == []


@pytest.mark.parametrize(
    ("trigger", "facts", "expected"),
    [
        ({"type": "form_submitted", "form_id": "F1"}, {"form_id": "F1"}, True),
        ({"type": "form_submitted", "form_id": "F1"}, {"form_id": "F2"}, False),
        ({"type": "lead_created", "source": "meta_ads"}, {"source": "google_ads"}, False),
        ({"type": "stage_changed", "to_stage_id": "S2"}, {"to_stage_id": "S2", "from_stage_id": "S1"}, True),
        (
            {"type": "stage_changed", "from_stage_id": "S3"},
            {"to_stage_id": "S2", "from_stage_id": "S1"},
            False,
        ),
        ({"type": "lead_won", "pipeline_id": "P2"}, {"pipeline_id": "P1"}, False),
        ({"type": "tag_added", "tag": "VIP"}, {"tag": "vip"}, True),
        ({"type": "contact_role_changed", "role": "Client"}, {"role": "Prospect"}, False),
    ],
)
def test_trigger_options_narrow_what_starts_a_workflow(
    trigger: dict[str, Any], facts: dict[str, Any], expected: bool
) -> None:
    from convertly.automation.triggers import Fired

    assert takes(Trigger.model_validate(trigger), Fired(trigger["type"], "L1", None, facts)) is expected


def test_a_workflows_changes_carry_its_depth_and_a_persons_none() -> None:
    assert depth_of(None) == 0 and depth_of("5b0c3f7e-sales") == 0 and depth_of("form:F1") == 0
    assert depth_of(actor_id("W1", 0)) == 1
    assert depth_of(actor_id("W1", 4)) == 5


def test_an_overdue_follow_up_fires_for_its_lead_and_a_task_on_no_lead_for_no_one() -> None:
    [fired] = fired_by(_sample("FollowUpOverdue.json"))
    assert (fired.type, fired.lead_id) == ("followup_overdue", "01JDEMO0000000000000000001")
    assert fired_by(_event("TaskOverdue", {"task_id": "K1", "lead_id": None}, subject="K1")) == []
    [task] = fired_by(_event("TaskOverdue", {"task_id": "K2", "lead_id": "L9"}, subject="K2"))
    assert (task.type, task.lead_id) == ("task_overdue", "L9")
