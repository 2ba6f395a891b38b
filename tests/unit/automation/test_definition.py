"""A workflow's definition: what it accepts, and how a run moves through its tree of steps."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from convertly.automation.definition import Definition, branch_start, find, first_step, next_after, walk


def _definition(steps: list[dict[str, Any]], **extra: Any) -> Definition:
    return Definition.model_validate({"trigger": {"type": "lead_created"}, "steps": steps, **extra})


TREE = [
    {"id": "a", "kind": "wait", "minutes": 5},
    {
        "id": "b",
        "kind": "if",
        "conditions": [{"field": "lead.value", "operator": "greater_than", "value": 100}],
        "then": [
            {"id": "c", "kind": "add_tag", "tags": ["big"]},
            {
                "id": "d",
                "kind": "if",
                "conditions": [{"field": "lead.tags", "operator": "contains", "value": "vip"}],
                "then": [{"id": "e", "kind": "end"}],
                "else": [],
            },
        ],
        "else": [{"id": "f", "kind": "add_tag", "tags": ["small"]}],
    },
    {"id": "g", "kind": "create_task", "title": "Call"},
]


def test_the_run_goes_down_a_branch_then_on_after_its_if_at_every_depth() -> None:
    steps = _definition(TREE).steps
    assert [s.id for s in walk(steps)] == list("abcdefg")
    assert first_step(steps) == "a"
    assert next_after(steps, "a") == "b"
    assert next_after(steps, "c") == "d"
    assert next_after(steps, "e") == "g"  # the end of the inner branch, then of the outer one
    assert next_after(steps, "f") == "g"
    assert next_after(steps, "g") is None
    outer, inner = find(steps, "b"), find(steps, "d")
    assert branch_start(outer, True) == "c" and branch_start(outer, False) == "f"
    assert branch_start(inner, False) is None  # an empty branch: on after the if


def test_the_else_branch_keeps_its_name_in_the_saved_document() -> None:
    dumped = _definition(TREE).dump()
    assert [s["id"] for s in dumped["steps"][1]["else"]] == ["f"]
    assert Definition.model_validate(dumped).dump() == dumped


@pytest.mark.parametrize(
    ("steps", "extra", "message"),
    [
        ([{"id": "a", "kind": "end"}, {"id": "a", "kind": "end"}], {}, "Two steps have the id 'a'"),
        ([{"id": "a", "kind": "wait", "mode": "duration"}], {}, "Say how long to wait"),
        (
            [{"id": "a", "kind": "wait", "mode": "until", "until": "2026-12-01T09:00:00"}],
            {},
            "with its offset",
        ),
        ([{"id": "a", "kind": "send_email", "template_id": "T", "to": "address"}], {}, "Give the address"),
        ([{"id": "a b", "kind": "end"}], {}, "String should match pattern"),
        ([{"id": "a", "kind": "teleport"}], {}, "does not match any of the expected tags"),
        ([], {"filters": [{"field": "lead.shoe_size", "value": 1}]}, "There is no field 'lead.shoe_size'"),
        ([], {"filters": [{"field": "lead.value", "operator": "between", "value": 3}]}, "two values"),
        ([], {"filters": [{"field": "lead.source", "operator": "equals"}]}, "Give a value"),
        ([], {"business_hours": {"start": "18:00", "end": "09:00"}}, "end after they start"),
    ],
)
def test_a_definition_that_cannot_run_is_refused_in_words(
    steps: list[dict[str, Any]], extra: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        _definition(steps, **extra)
    assert message in str(raised.value)


def test_custom_fields_and_empty_tests_need_no_value() -> None:
    definition = _definition(
        [],
        filters=[
            {"field": "contact.custom.renewal_date", "operator": "is_not_empty"},
            {"field": "lead.custom.roof_type", "operator": "equals", "value": "tile"},
        ],
    )
    assert [f.field for f in definition.filters] == ["contact.custom.renewal_date", "lead.custom.roof_type"]
