"""Whether a contact holds a smart list's conditions: plain functions, no I/O."""

from __future__ import annotations

from typing import Any

import pytest

from convertly.contacts.items import ContactItem
from convertly.contacts.lists import LeadState, matches, sort_value


def contact(**fields: Any) -> ContactItem:
    base: dict[str, Any] = {
        "contact_id": "c1",
        "tenant_id": "t1",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "role": "Prospect",
        "source": "google_ads",
        "tags": ["VIP"],
        "custom_fields": {"seats": 5, "plan": "Pro", "colours": ["red", "blue"], "paid": True},
        "created_at": "2026-03-10T09:00:00.000Z",
        "created_by": "u1",
        "updated_at": "2026-04-01T09:00:00.000Z",
    }
    return ContactItem("T#t1#CONTACT#c1", "CONTACT", **{**base, **fields})


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, True),
        ({"roles": ["Client"]}, False),
        ({"roles": ["Prospect", "Client"]}, True),
        ({"tags": ["vip"]}, True),
        ({"tags": ["golf"]}, False),
        ({"created_from": "2026-03-10", "created_to": "2026-03-10"}, True),
        ({"created_from": "2026-03-11"}, False),
        ({"updated_to": "2026-03-31"}, False),
        ({"custom": [{"key": "seats", "op": "eq", "value": 5.0}]}, True),
        ({"custom": [{"key": "seats", "op": "gt", "value": 4}]}, True),
        ({"custom": [{"key": "seats", "op": "lt", "value": 5}]}, False),
        ({"custom": [{"key": "plan", "op": "eq", "value": "pro"}]}, True),
        ({"custom": [{"key": "colours", "op": "contains", "value": "red"}]}, True),
        ({"custom": [{"key": "paid", "op": "eq", "value": True}]}, True),
        ({"custom": [{"key": "missing", "op": "is_not_set"}]}, True),
        ({"custom": [{"key": "missing", "op": "neq", "value": "x"}]}, True),
        ({"sources": ["meta_ads"]}, False),
    ],
)
def test_contact_conditions(filters: dict[str, Any], expected: bool) -> None:
    assert matches(filters, contact(), []) is expected


def test_test_and_inactive_contacts_are_left_out_unless_asked_for() -> None:
    assert matches({}, contact(test=True), []) is False
    assert matches({"include_test": True}, contact(test=True), []) is True
    assert matches({}, contact(active=False), []) is False
    assert matches({}, contact(deleted_at="2026-05-01T00:00:00.000Z"), []) is False


def test_lead_conditions_count_live_leads_only() -> None:
    open_lead, won, gone = (
        LeadState("s1", True, False),
        LeadState("s9", False, False),
        LeadState("s1", True, True),
    )
    assert matches({"has_open_lead": True}, contact(), [open_lead]) is True
    assert matches({"has_open_lead": True}, contact(), [won, gone]) is False
    assert matches({"has_open_lead": False}, contact(), [won]) is True
    assert matches({"lead_stage_ids": ["s9"]}, contact(), [won]) is True
    assert matches({"lead_stage_ids": ["s1"]}, contact(), [gone]) is False


def test_sort_values() -> None:
    assert sort_value("name", contact()) == "ada lovelace"
    assert sort_value("created", contact()) == "2026-03-10T09:00:00.000Z"
    assert sort_value("last_activity", contact()) == "2026-03-10T09:00:00.000Z"  # none yet: created
    assert sort_value("last_activity", contact(last_activity_at="2026-05-02T00:00:00.000Z")).startswith(
        "2026-05-02"
    )
