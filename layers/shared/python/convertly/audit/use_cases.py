"""The audit log's reading side: pages filtered by days, category and person, and the CSV export."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from pynamodb.expressions.condition import Condition

from convertly.audit import keys
from convertly.audit.domain import AuditEntry, AuditPage, Category
from convertly.audit.items import AuditEntryItem
from convertly.audit.service import CATEGORY_OF, CATEGORY_TYPES
from convertly.platform.clock import now
from convertly.platform.errors import ValidationError
from convertly.platform.store.paging import query_page

MAX_DAYS = 366
EXPORT_ROWS = 10_000


def to_entry(item: AuditEntryItem) -> AuditEntry:
    return AuditEntry(
        at=item.occurred_at,
        type=item.detail_type,
        category=item.category or CATEGORY_OF.get(item.detail_type, "other"),
        actor_id=item.actor_id,
        actor_name=item.actor_name,
        subject_id=item.subject_id,
        summary=item.summary,
        tenant_id=item.about_tenant_id,
    )


def _window(date_from: date | None, date_to: date | None) -> tuple[str, str]:
    last = date_to or now().date()
    first = date_from or last - timedelta(days=29)
    if first > last:
        raise ValidationError("The start is after the end", fields={"date_from": "must not be after date_to"})
    if (last - first).days >= MAX_DAYS:
        raise ValidationError(f"Choose at most {MAX_DAYS} days", fields={"date_from": "too far back"})
    return f"{first.isoformat()}T00:00:00", f"{last.isoformat()}T23:59:59.999Z~"


def _filter(category: Category | None, actor_id: str | None) -> Condition | None:
    conditions: list[Condition] = []
    if category:
        conditions.append(AuditEntryItem.detail_type.is_in(*CATEGORY_TYPES[category]))
    if actor_id:
        conditions.append(AuditEntryItem.actor_id == actor_id)
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else conditions[0] & conditions[1]


def page(
    tenant_id: str,
    *,
    date_from: date | None,
    date_to: date | None,
    category: Category | None,
    actor_id: str | None,
    cursor: str | None,
    limit: int,
) -> AuditPage:
    """Newest first, within the days asked (the last 30 by default): reads grow with the days and
    the page, never with the log's age."""
    start, end = _window(date_from, date_to)
    items, next_cursor = query_page(
        AuditEntryItem,
        keys.audit(tenant_id),
        limit=limit,
        cursor=cursor,
        range_condition=AuditEntryItem.SK.between(start, end),
        filter_condition=_filter(category, actor_id),
    )
    return AuditPage(items=[to_entry(item) for item in items], next_cursor=next_cursor)


def export_csv(
    tenant_id: str,
    *,
    date_from: date | None,
    date_to: date | None,
    category: Category | None,
    actor_id: str | None,
) -> str:
    """The filtered log as CSV, newest first, up to EXPORT_ROWS rows."""
    start, end = _window(date_from, date_to)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["time (UTC)", "who", "category", "event", "what", "record"])
    rows = AuditEntryItem.query(
        keys.audit(tenant_id),
        AuditEntryItem.SK.between(start, end),
        filter_condition=_filter(category, actor_id),
        scan_index_forward=False,
        limit=EXPORT_ROWS,
    )
    for item in rows:
        entry = to_entry(item)
        writer.writerow(
            [
                entry.at,
                entry.actor_name or entry.actor_id or "",
                entry.category,
                entry.type,
                entry.summary,
                entry.subject_id or "",
            ]
        )
    return out.getvalue()
