"""Conditions on a contact, its lead and the time, in the tenant's time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from convertly.automation.conditions import all_hold, facts_of, holds, next_business_moment
from convertly.automation.definition import BusinessHours, Condition

HOURS = BusinessHours()
# Tuesday 2026-12-01, 15:30 UTC: 10:30 in New York, 23:30 in Singapore
TUESDAY_AFTERNOON = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)


def _lead(**fields: Any) -> SimpleNamespace:
    base = {
        "value": 125_000,
        "source": "google_ads",
        "stage_id": "S1",
        "pipeline_id": "P1",
        "owner_id": "u1",
        "tags": ["Roof", "storm"],
        "attribution": {"utm_campaign": "Storm-Damage", "utm_source": "google", "form_id": "F1"},
        "custom_fields": {"roof_type": "Tile", "sqft": 1800},
    }
    return SimpleNamespace(**{**base, **fields})


def _contact(**fields: Any) -> SimpleNamespace:
    base = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@example.test",
        "phone": None,
        "role": "Lead",
        "source": "form",
        "owner_id": None,
        "company_name": "Analytical Engines",
        "tags": ["newsletter"],
        "custom_fields": {},
    }
    return SimpleNamespace(**{**base, **fields})


FACTS = facts_of(_lead(), _contact(), now=TUESDAY_AFTERNOON, time_zone="America/New_York")


@pytest.mark.parametrize(
    ("field", "operator", "value", "expected"),
    [
        ("lead.value", "greater_than", 1000, True),  # 1,250.00 in major units
        ("lead.value", "less_than", "1250", False),
        ("lead.value", "between", [1000, 1250], True),
        ("lead.value", "equals", "1250.00", True),
        ("lead.source", "equals", "GOOGLE_ADS", True),  # text ignores case
        ("lead.source", "in", ["meta_ads", "google_ads"], True),
        ("lead.source", "not_in", ["meta_ads"], True),
        ("lead.utm_campaign", "starts_with", "storm", True),
        ("lead.utm_campaign", "contains", "damage", True),
        ("lead.utm_medium", "is_empty", None, True),
        ("lead.tags", "contains", "roof", True),  # a list: has the tag
        ("lead.tags", "not_contains", "vip", True),
        ("lead.tags", "in", ["vip", "storm"], True),
        ("lead.form_id", "equals", "F1", True),
        ("lead.custom.roof_type", "equals", "tile", True),
        ("lead.custom.sqft", "greater_than", 2000, False),
        ("lead.custom.missing", "is_empty", None, True),
        ("contact.email", "contains", "@example.test", True),
        ("contact.phone", "is_not_empty", None, False),
        ("contact.role", "not_equals", "Client", True),
        ("contact.tags", "equals", "newsletter", True),
        ("time.day_of_week", "in", ["1", "2", "3"], True),  # Tuesday in New York
        ("time.business_hours", "equals", True, True),  # 10:30 on a weekday
    ],
)
def test_each_operator_on_each_kind_of_field(field: str, operator: str, value: Any, expected: bool) -> None:
    condition = Condition(field=field, operator=operator, value=value)  # type: ignore[arg-type]
    assert holds(condition, FACTS, HOURS) is expected


def test_the_time_is_the_tenants_not_utc() -> None:
    singapore = facts_of(_lead(), _contact(), now=TUESDAY_AFTERNOON, time_zone="Asia/Singapore")
    assert holds(Condition(field="time.business_hours", value=True), singapore, HOURS) is False
    assert holds(Condition(field="time.day_of_week", value="2"), singapore, HOURS) is True  # 23:30 Tuesday


def test_all_or_any_and_no_conditions() -> None:
    yes = Condition(field="lead.source", value="google_ads")
    no = Condition(field="lead.source", value="referral")
    assert all_hold([yes, no], "all", FACTS, HOURS) is False
    assert all_hold([yes, no], "any", FACTS, HOURS) is True
    assert all_hold([], "all", FACTS, HOURS) is True


def test_a_missing_lead_reads_as_empty_and_compares_as_nothing() -> None:
    only_contact = facts_of(None, _contact(), now=TUESDAY_AFTERNOON, time_zone=None)
    assert (
        holds(Condition(field="lead.value", operator="greater_than", value=0), only_contact, HOURS) is False
    )
    assert holds(Condition(field="lead.source", operator="is_empty"), only_contact, HOURS) is True
    assert FACTS.values["lead.value"] == Decimal("1250")


def test_a_value_with_fils_compares_exactly() -> None:
    # KWD 1.234 is stored as 123.4 hundredths
    kwd = facts_of(_lead(value=123.4, currency="KWD"), None, now=TUESDAY_AFTERNOON, time_zone=None)
    assert kwd.values["lead.value"] == Decimal("1.234")
    assert holds(Condition(field="lead.value", operator="equals", value="1.234"), kwd, HOURS) is True
    assert holds(Condition(field="lead.value", operator="greater_than", value=1.233), kwd, HOURS) is True
    assert holds(Condition(field="lead.value", operator="less_than", value=1.234), kwd, HOURS) is False


@pytest.mark.parametrize(
    ("now", "zone", "expected"),
    [
        (TUESDAY_AFTERNOON, "America/New_York", TUESDAY_AFTERNOON),  # open now
        # Friday 2026-12-04 18:00 in New York (23:00 UTC): Monday 9:00 there (14:00 UTC)
        (
            datetime(2026, 12, 4, 23, 0, tzinfo=UTC),
            "America/New_York",
            datetime(2026, 12, 7, 14, 0, tzinfo=UTC),
        ),
        # Tuesday 07:00 in Berlin (06:00 UTC): 9:00 the same day (08:00 UTC)
        (datetime(2026, 12, 1, 6, 0, tzinfo=UTC), "Europe/Berlin", datetime(2026, 12, 1, 8, 0, tzinfo=UTC)),
    ],
)
def test_waiting_for_business_hours_ends_when_they_next_open(
    now: datetime, zone: str, expected: datetime
) -> None:
    assert next_business_moment(now, zone, HOURS) == expected
