"""Whether a contact belongs to a smart list, and where it sorts: plain functions of the contact, its
leads and the list's filters (JSON), so the membership consumer loads no API shapes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from convertly.contacts.items import ContactItem
from convertly.contacts.store import contact_display_name
from convertly.platform.store.items import plain
from convertly.platform.terms import fold, label_term

DEFAULT_COLUMNS = ("name", "email", "phone", "company", "role", "owner", "tags", "created")


@dataclass(frozen=True)
class LeadState:
    """What a list can ask of a contact's lead."""

    stage_id: str
    open: bool
    deleted: bool


def _day(value: str | None) -> str:
    return (value or "")[:10]


def _in_range(value: str | None, low: str | None, high: str | None) -> bool:
    if not low and not high:
        return True
    day = _day(value)
    if not day:
        return False
    return (not low or day >= low) and (not high or day <= high)


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _custom(condition: dict[str, Any], values: dict[str, Any]) -> bool:
    key, op, wanted = condition["key"], condition["op"], condition.get("value")
    value = values.get(key)
    present = value not in (None, "", [])
    if op == "is_set":
        return present
    if op == "is_not_set":
        return not present
    if not present:
        return op == "neq"
    if op in ("gt", "lt"):
        mine, theirs = _number(value), _number(wanted)
        if mine is not None and theirs is not None:
            return mine > theirs if op == "gt" else mine < theirs
        return str(value) > str(wanted) if op == "gt" else str(value) < str(wanted)  # dates as text
    if op == "contains":
        if isinstance(value, list):
            return str(wanted) in [str(v) for v in value]
        return fold(str(wanted)) in fold(str(value))
    return _equal(value, wanted) if op == "eq" else not _equal(value, wanted)


def _equal(value: Any, wanted: Any) -> bool:
    """Equal as booleans, as numbers (a stored 5 is the 5.0 a filter carries), else as text."""
    if isinstance(value, bool) or isinstance(wanted, bool):
        return str(value).lower() == str(wanted).lower()
    mine, theirs = _number(value), _number(wanted)
    if mine is not None and theirs is not None:
        return mine == theirs
    return fold(str(value)) == fold(str(wanted))


def _person(filters: dict[str, Any], contact: ContactItem) -> bool:
    """The conditions on the contact's own fields."""
    checks = (
        filters.get("include_inactive") or contact.active,
        filters.get("include_test") or not contact.test,
        not filters.get("roles") or contact.role in filters["roles"],
        not filters.get("owner_ids") or contact.owner_id in filters["owner_ids"],
        not filters.get("sources") or contact.source in filters["sources"],
    )
    if not all(checks):
        return False
    if filters.get("tags"):
        mine = {label_term(str(t)) for t in contact.tags or []}
        if not mine & {label_term(t) for t in filters["tags"]}:
            return False
    return all(
        _in_range(getattr(contact, field), filters.get(low), filters.get(high))
        for field, low, high in (
            ("created_at", "created_from", "created_to"),
            ("updated_at", "updated_from", "updated_to"),
            ("last_activity_at", "last_activity_from", "last_activity_to"),
        )
    )


def _leads(filters: dict[str, Any], leads: list[LeadState]) -> bool:
    """The conditions on the contact's live leads."""
    live = [lead for lead in leads if not lead.deleted]
    wanted_open = filters.get("has_open_lead")
    if wanted_open is not None and any(lead.open for lead in live) != wanted_open:
        return False
    stages = set(filters.get("lead_stage_ids") or [])
    return not stages or bool({lead.stage_id for lead in live} & stages)


def matches(filters: dict[str, Any], contact: ContactItem, leads: list[LeadState]) -> bool:
    """Whether the live contact holds every condition of `filters`."""
    if contact.deleted_at or not _person(filters, contact) or not _leads(filters, leads):
        return False
    values = plain(contact.custom_fields)
    return all(_custom(condition, values) for condition in filters.get("custom") or [])


def sort_value(sort: str, contact: ContactItem) -> str:
    """The contact's place in a list sorted by `sort`: names A to Z, times as ISO text."""
    if sort == "name":
        name = contact_display_name(contact.first_name, contact.last_name, contact.email, contact.phone)
        return fold(name)[:80] or "~"
    if sort == "updated":
        return contact.updated_at
    if sort == "last_activity":
        return contact.last_activity_at or contact.created_at
    return contact.created_at


def newest_first(sort: str) -> bool:
    return sort != "name"
