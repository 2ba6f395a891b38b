"""What follow-ups and tasks share: who may be given work, the reminder schedule of an open item,
and the lead names a queue page shows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from convertly.accounts import service as accounts
from convertly.leads.service import Lead, batch_get_leads
from convertly.permissions import Permission, Role, has_permission
from convertly.platform.clock import iso, parse_iso
from convertly.platform.config import get_settings
from convertly.platform.errors import ForbiddenError, NotFoundError, ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.principal import Principal
from convertly.platform.store.transaction import Transaction
from convertly.work.items import FollowUpItem, TaskItem


@dataclass(frozen=True)
class LeadRef:
    name: str
    deleted: bool
    owner_id: str | None


def overdue_after() -> timedelta:
    return timedelta(minutes=get_settings().reminder_overdue_minutes)


def first_reminder(attention_at: str, now: datetime) -> tuple[str, str]:
    """The first reminder an open item owes: `due` when it falls due (now, if that has passed), or
    straight `overdue` (now) when it is already past its overdue time."""
    moment = parse_iso(attention_at)
    if now < moment:
        return attention_at, "due"
    if now < moment + overdue_after():
        return iso(now), "due"
    return iso(now), "overdue"


def next_reminder(attention_at: str, fired: str, now: datetime) -> tuple[str, str] | None:
    """After the `due` reminder comes the `overdue` one; after that, none."""
    if fired != "due":
        return None
    at = iso(max(parse_iso(attention_at) + overdue_after(), now))
    return at, "overdue"


def resolve_assignee(principal: Principal, assignee_id: str | None, permission: Permission) -> accounts.User:
    """The user to give the work to (the caller when none is named).

    Only a role with `work:assign` names someone else (403). The user must be in the caller's tenant
    (404 otherwise: another tenant's user simply is not found) and able to work the item (422).
    """
    target = assignee_id or principal.user_id
    if target != principal.user_id and not principal.can(Permission.WORK_ASSIGN):
        raise ForbiddenError("You can only give this work to yourself", code="forbidden_assignee")
    user = accounts.get_user(principal.tenant_id, target, consistent=True)
    if user is None:
        raise NotFoundError("No such user in this account", code="assignee_not_found")
    if user.status != "active" or not has_permission(Role(user.role), permission):
        raise ValidationError(
            "Some fields are not valid", fields={"assignee_id": f"a {user.role} user cannot work this"}
        )
    return user


def check_assignee(tx: Transaction, tenant_id: str, user_id: str) -> None:
    """The assignee must still be a user of the tenant when the write commits."""
    accounts.check_user_exists(tx, "assignee", tenant_id, user_id)


def lead_refs(tenant_id: str, lead_ids: Iterable[str]) -> dict[str, LeadRef]:
    """Name, deleted flag and owner of each lead (one BatchGetItem per 100 leads)."""
    wanted = [lead_id for lead_id in dict.fromkeys(lead_ids) if lead_id]
    if not wanted:
        return {}
    found = batch_get_leads(tenant_id, wanted)
    return {lead_id: _ref(item) for lead_id, item in found.items()}


def _ref(item: Lead) -> LeadRef:
    name = " ".join(part for part in (item.first_name, item.last_name) if part) or (
        item.email or item.phone or ""
    )
    return LeadRef(name=name, deleted=bool(item.deleted_at), owner_id=item.owner_id)


def lead_name(item: Lead) -> str:
    return _ref(item).name


def save_versioned(
    principal: Principal,
    item: FollowUpItem | TaskItem,
    label: str,
    now: datetime,
    *,
    schedule: Callable[[], None],
    event: Callable[[], DomainEvent],
    commit: Callable[[Transaction], None],
    assignee_changed: bool,
) -> None:
    """The one save of a changed follow-up or task: the next version, on the condition that nobody
    changed it since it was read, its reminder rescheduled (`schedule`), a newly named assignee
    checked to still be a user, and its event, in one transaction (`commit` maps a cancellation).

    A reminder run may have moved the item's reminder meanwhile; writing the one read back is
    harmless, since the reminder records say what was sent for this due time (work.reminders).
    """
    read_version = int(item.version or 1)
    item.version, item.updated_at = read_version + 1, iso(now)
    schedule()
    tx = Transaction()
    tx.put(label, item, condition=type(item).version == read_version)
    if assignee_changed:
        check_assignee(tx, principal.tenant_id, item.assignee_id)
    tx.put("outbox", outbox_item(event()))
    commit(tx)
