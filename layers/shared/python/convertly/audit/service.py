"""The tenant audit log: one entry per domain event, written at most once per event id, read by
Admins filtered by date range, category and person, and exported as CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from pynamodb.exceptions import PutError
from pynamodb.expressions.condition import Condition

from convertly.accounts import service as accounts
from convertly.audit import keys
from convertly.audit.domain import AuditEntry, AuditPage, Category
from convertly.audit.items import AuditEntryItem
from convertly.platform.clock import now
from convertly.platform.errors import ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.store.paging import query_page

_TEAM = {
    "UserInvited": "invited {name} ({email}) as {role}",
    "InvitationResent": "sent the invitation of {name} ({email}) again",
    "InvitationRevoked": "revoked the invitation of {name} ({email})",
    "UserJoined": "{name} accepted the invitation",
    "UserRoleChanged": "changed the role of {name} from {from_role} to {to_role}",
    "UserDeactivated": "deactivated {name} ({email})",
    "UserReactivated": "reactivated {name} ({email})",
    "UserDeleted": "deleted {name} ({email})",
    "ReassignmentRequested": "asked to reassign the open work of a user",
    "ReassignmentFinished": "reassigned {leads} leads, {followups} follow-ups and {tasks} tasks",
}

CATEGORY_TYPES: dict[str, tuple[str, ...]] = {
    "team": tuple(_TEAM),
    "leads": (
        "LeadCreated",
        "LeadUpdated",
        "LeadDeleted",
        "LeadRestored",
        "NoteAdded",
        "LeadStageChanged",
        "LeadTouched",
    ),
    "contacts": (
        "ContactDeleted",
        "ContactRestored",
        "ContactMerged",
        "CompanyDeleted",
        "CompanyRestored",
        "CompanyMerged",
    ),
    "settings": ("AuditedAction", "TenantPlanChanged"),
    "access": (
        "ImpersonationStarted",
        "ImpersonationEnded",
        "ImpersonatedWrite",
        "TenantSuspended",
        "TenantReactivated",
    ),
}
_CATEGORY_OF = {detail: category for category, types in CATEGORY_TYPES.items() for detail in types}
MAX_DAYS = 366
EXPORT_ROWS = 10_000


def _summary(event: DomainEvent) -> str:
    data = event.data
    if event.detail_type in _TEAM:
        user = data.get("user") or {}
        values = {"name": "", "email": "", "role": "", "from_role": "", "to_role": "", **user, **data}
        values.update({k: str(data.get(k, 0)) for k in ("leads", "followups", "tasks")})
        return _TEAM[event.detail_type].format(**{k: v for k, v in values.items() if isinstance(v, str)})
    if event.detail_type == "AuditedAction":
        return str(data.get("action") or "changed a setting")
    if event.detail_type == "TenantPlanChanged":
        return f"plan changed to {data.get('plan') or data.get('to_plan') or 'another plan'}"
    if event.detail_type == "LeadStageChanged":
        moved = f"{data.get('from_stage_name')} to {data.get('to_stage_name')}"
        return f"{event.detail_type} {event.subject_id}: {moved}"
    lead = data.get("lead") or data.get("contact") or data.get("company") or {}
    name = lead.get("name") or event.subject_id or ""
    return f"{event.detail_type} {name}".strip()


def _actor_name(event: DomainEvent) -> str | None:
    if not event.actor_id or event.actor_id == "system":
        return "Convertly" if event.actor_id == "system" else None
    user = accounts.get_user(event.tenant_id, event.actor_id)
    return str(user.name) if user is not None else None


def record_event(event: DomainEvent) -> bool:
    """Write the entry; False when this event id was recorded before (a redelivery)."""
    entry = AuditEntryItem(
        keys.audit(event.tenant_id),
        f"{event.occurred_at}#{event.event_id}",
        event_id=event.event_id,
        detail_type=event.detail_type,
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        actor_name=_actor_name(event),
        subject_id=event.subject_id,
        summary=_summary(event),
        category=_CATEGORY_OF.get(event.detail_type, "other"),
    )
    try:
        entry.save(condition=AuditEntryItem.PK.does_not_exist())
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def entries(tenant_id: str, limit: int = 50) -> list[AuditEntryItem]:
    """The newest entries of a tenant's audit log."""
    return list(AuditEntryItem.query(keys.audit(tenant_id), scan_index_forward=False, limit=limit))


def to_entry(item: AuditEntryItem) -> AuditEntry:
    return AuditEntry(
        at=item.occurred_at,
        type=item.detail_type,
        category=item.category or _CATEGORY_OF.get(item.detail_type, "other"),
        actor_id=item.actor_id,
        actor_name=item.actor_name,
        subject_id=item.subject_id,
        summary=item.summary,
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
