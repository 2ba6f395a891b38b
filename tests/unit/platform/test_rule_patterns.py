"""The consumers' EventBridge rules: the pattern each spec builds, and which events it lets through.

The patterns are evaluated with moto's implementation of EventBridge content filtering, the same code
that routes events in the local stack and the functional tests (no server, no I/O)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from moto.events.models import EventPattern

from convertly.platform.specs import RuleSpec
from convertly.resources import CONSUMERS

EVENTS = Path(__file__).resolve().parents[3] / "events" / "domain"


def _rule(function: str) -> RuleSpec:
    return next(c.rule for c in CONSUMERS if c.function == function)


def _sample(name: str, **data: Any) -> dict[str, Any]:
    event: dict[str, Any] = json.loads((EVENTS / f"{name}.json").read_text())
    event["detail"]["data"].update(data)
    return event


def _matches(rule: RuleSpec, event: dict[str, Any]) -> bool:
    return EventPattern.load(json.dumps(rule.event_pattern())).matches_event(event)


def test_a_rule_without_filters_matches_its_detail_types_from_convertly() -> None:
    rule = RuleSpec(name="r", detail_types=("LeadCreated", "NoteAdded"))
    assert rule.event_pattern() == {
        "source": [{"prefix": "convertly."}],
        "detail-type": ["LeadCreated", "NoteAdded"],
    }


def test_filtered_and_unfiltered_detail_types_become_alternatives() -> None:
    rule = RuleSpec(name="r", detail_types=("A", "B", "C"), detail_filters=(("B", {"data": {"x": [1]}}),))
    assert rule.event_pattern() == {
        "source": [{"prefix": "convertly."}],
        "$or": [{"detail-type": ["A", "C"]}, {"detail-type": ["B"], "detail": {"data": {"x": [1]}}}],
    }


def test_a_filter_must_name_a_routed_detail_type() -> None:
    with pytest.raises(ValueError, match="filters name detail types"):
        RuleSpec(name="r", detail_types=("A",), detail_filters=(("B", {}),)).event_pattern()


@pytest.mark.parametrize(
    ("sample", "changes", "expected"),
    [
        ("LeadStageChanged.won", {}, True),
        ("LeadStageChanged.reopened", {}, True),
        ("LeadStageChanged.won", {"to_kind": "open", "reopened": False}, False),
        ("LeadStageChanged.won", {"to_kind": "lost", "reopened": False}, False),
        ("LeadCreated", {}, False),
    ],
)
def test_conversions_hear_of_wins_and_reopenings_only(
    sample: str, changes: dict[str, Any], expected: bool
) -> None:
    assert _matches(_rule("conversions"), _sample(sample, **changes)) is expected


@pytest.mark.parametrize(
    ("sample", "changes", "expected"),
    [
        ("LeadCreated", {}, True),
        ("LeadStageChanged.won", {"to_kind": "open", "reopened": False}, True),
        ("LeadUpdated", {"changes": {"owner_id": {"from": None, "to": "u-2"}}}, True),
        ("LeadUpdated", {}, False),  # a company change
        ("NoteAdded", {}, False),
    ],
)
def test_notifications_hear_of_new_leads_moves_and_changes_of_owner(
    sample: str, changes: dict[str, Any], expected: bool
) -> None:
    assert _matches(_rule("notifier"), _sample(sample, **changes)) is expected


def test_only_stage_deletions_reach_the_stage_deletion_consumer() -> None:
    assert _matches(_rule("stage_deletion"), _sample("StageDeletionStarted"))
    assert not _matches(_rule("stage_deletion"), _sample("LeadStageChanged.won"))


def test_events_of_other_sources_match_no_rule() -> None:
    event = {**_sample("LeadStageChanged.won"), "source": "elsewhere"}
    assert not any(_matches(consumer.rule, event) for consumer in CONSUMERS)
