"""Testing a workflow's filters and if/else conditions against a contact, its lead and the time.

`Facts` is what a condition can read, gathered once per step from the records as they are now.
Text compares without regard to case; a missing value is empty; a number field compares as a
number (a lead's value in its currency's major units). Day of week and business hours are in the
tenant's time zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from convertly.automation.definition import FIELDS, BusinessHours, Condition
from convertly.platform.money import from_cents
from convertly.platform.store.items import plain

_ATTRIBUTION = (
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "landing_page",
    "referrer",
)


@dataclass
class Facts:
    """The values conditions read, by field name (FIELDS), and custom fields by key."""

    values: dict[str, Any] = field(default_factory=dict)
    now: datetime | None = None
    time_zone: str = "UTC"

    def get(self, name: str, hours: BusinessHours) -> Any:
        if name == "time.day_of_week":
            return str(self._local().isoweekday())
        if name == "time.business_hours":
            return in_business_hours(self._local(), hours)
        return self.values.get(name)

    def _local(self) -> datetime:
        assert self.now is not None
        return self.now.astimezone(_zone(self.time_zone))


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ValueError, KeyError):
        return ZoneInfo("UTC")


def facts_of(lead: Any | None, contact: Any | None, *, now: datetime, time_zone: str | None) -> Facts:
    """The facts of a lead item and a contact item (either may be missing)."""
    values: dict[str, Any] = {}
    if contact is not None:
        for name in (
            "first_name",
            "last_name",
            "email",
            "phone",
            "role",
            "source",
            "owner_id",
            "company_name",
        ):
            values[f"contact.{name}"] = getattr(contact, name, None)
        values["contact.tags"] = [str(t) for t in (contact.tags or [])]
        for key, value in plain(contact.custom_fields).items():
            values[f"contact.custom.{key}"] = value
    if lead is not None:
        values["lead.value"] = from_cents(lead.value)
        for name in ("source", "stage_id", "pipeline_id", "owner_id"):
            values[f"lead.{name}"] = getattr(lead, name, None)
        values["lead.tags"] = [str(t) for t in (lead.tags or [])]
        attribution = plain(getattr(lead, "attribution", None))
        for name in _ATTRIBUTION:
            values[f"lead.{name}"] = attribution.get(name)
        values["lead.form_id"] = attribution.get("form_id") or getattr(lead, "form_id", None)
        for key, value in plain(lead.custom_fields).items():
            values[f"lead.custom.{key}"] = value
    return Facts(values, now, time_zone or "UTC")


def in_business_hours(local: datetime, hours: BusinessHours) -> bool:
    if local.isoweekday() not in hours.days:
        return False
    return hours.start <= local.strftime("%H:%M") < hours.end


def next_business_moment(now: datetime, time_zone: str | None, hours: BusinessHours) -> datetime:
    """Now if it is within business hours, else when they next open (in UTC)."""
    zone = _zone(time_zone)
    local = now.astimezone(zone)
    if in_business_hours(local, hours):
        return now
    start_h, start_m = (int(part) for part in hours.start.split(":"))
    for days_ahead in range(0, 8):
        day = (local + timedelta(days=days_ahead)).date()
        opening = datetime(day.year, day.month, day.day, start_h, start_m, tzinfo=zone)
        if opening.isoweekday() in hours.days and opening > local:
            return opening.astimezone(now.tzinfo or ZoneInfo("UTC"))
    return now  # unreachable with at least one day


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip().casefold()


def _number(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _kind(name: str) -> str:
    return FIELDS.get(name, "text")


def holds(condition: Condition, facts: Facts, hours: BusinessHours) -> bool:
    """Whether one condition holds."""
    actual = facts.get(condition.field, hours)
    operator, expected = condition.operator, condition.value
    if operator == "is_empty":
        return _empty(actual)
    if operator == "is_not_empty":
        return not _empty(actual)
    if _kind(condition.field) == "boolean":
        wanted = expected if isinstance(expected, bool) else _text(expected) in ("true", "yes", "1")
        return (bool(actual) == wanted) if operator == "equals" else (bool(actual) != wanted)
    if isinstance(actual, list):
        return _list_holds(operator, [_text(a) for a in actual], expected)
    if _kind(condition.field) == "number" or operator in ("greater_than", "less_than", "between"):
        return _number_holds(operator, _number(actual), expected)
    return _text_holds(operator, _text(actual), expected)


def _values(expected: Any) -> list[str]:
    items = expected if isinstance(expected, list) else [expected]
    return [_text(item) for item in items]


def _list_holds(operator: str, actual: list[str], expected: Any) -> bool:
    wanted = _values(expected)
    if operator in ("equals", "contains", "in"):
        return any(w in actual for w in wanted)
    if operator in ("not_equals", "not_contains", "not_in"):
        return not any(w in actual for w in wanted)
    return False


def _number_holds(operator: str, actual: Decimal | None, expected: Any) -> bool:
    if actual is None:
        return operator == "not_equals"
    if operator == "between":
        low, high = (_number(v) for v in expected)
        return low is not None and high is not None and low <= actual <= high
    if operator in ("in", "not_in"):
        found = any(_number(v) == actual for v in expected)
        return found if operator == "in" else not found
    target = _number(expected)
    if target is None:
        return False
    return {
        "equals": actual == target,
        "not_equals": actual != target,
        "greater_than": actual > target,
        "less_than": actual < target,
    }.get(operator, False)


def _text_holds(operator: str, actual: str, expected: Any) -> bool:
    if operator in ("in", "not_in"):
        found = actual in _values(expected)
        return found if operator == "in" else not found
    target = _text(expected)
    return {
        "equals": actual == target,
        "not_equals": actual != target,
        "contains": target in actual,
        "not_contains": target not in actual,
        "starts_with": actual.startswith(target),
    }.get(operator, False)


def all_hold(conditions: Iterable[Condition], match: str, facts: Facts, hours: BusinessHours) -> bool:
    """Whether the conditions hold: all of them, or any one (no conditions: they hold)."""
    results = [holds(condition, facts, hours) for condition in conditions]
    if not results:
        return True
    return all(results) if match == "all" else any(results)
