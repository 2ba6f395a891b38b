"""Follow-up use cases: schedule one on a lead, edit and reschedule it, snooze, complete, reopen,
delete; the lead's follow-ups and the follow-up queue (mine or the team's).

A follow-up lives in its lead's partition, with queue entries on GSI1 (the team) and GSI2 (its
assignee), and, while it owes a reminder, an entry in the due index (GSI6) that the reminder run reads.
Each write is one transaction with its domain event in the outbox.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from convertly.leads.service import lead_key, visible_lead
from convertly.permissions import Permission
from convertly.platform.clock import iso, new_id
from convertly.platform.clock import now as clock_now
from convertly.platform.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.principal import Principal
from convertly.platform.store import due
from convertly.platform.store.transaction import Transaction, TransactionCancelledError
from convertly.work import keys
from convertly.work import store as repo
from convertly.work.common import (
    LeadRef,
    check_assignee,
    first_reminder,
    lead_name,
    lead_refs,
    resolve_assignee,
    save_versioned,
)
from convertly.work.domain.due import queue_bucket as bucket_of
from convertly.work.domain.due import zone
from convertly.work.domain.followups import (
    MAX_PAGE,
    FollowUp,
    FollowUpCreate,
    FollowUpPage,
    FollowUpQueueFilters,
    FollowUpUpdate,
    Snooze,
)
from convertly.work.items import FollowUpItem

_UTC = ZoneInfo("UTC")


def to_followup(
    item: FollowUpItem, now: datetime | None = None, tz: ZoneInfo = _UTC, lead: LeadRef | None = None
) -> FollowUp:
    attention = repo.attention_at(item)
    done = item.status == "done"
    return FollowUp(
        followup_id=item.followup_id,
        lead_id=item.lead_id,
        type=item.followup_type,  # type: ignore[arg-type]
        due_at=item.due_at,
        snoozed_until=item.snoozed_until,
        attention_at=attention,
        note=item.note,
        assignee_id=item.assignee_id,
        status=item.status,  # type: ignore[arg-type]
        created_at=item.created_at,
        created_by=item.created_by,
        updated_at=item.updated_at,
        completed_at=item.completed_at,
        completed_by=item.completed_by,
        version=int(item.version or 1),
        lead_name=lead.name if lead else None,
        lead_deleted=lead.deleted if lead else False,
        bucket="done" if done else bucket_of(attention, now or clock_now(), tz),
    )


def _event(principal: Principal, detail_type: str, item: FollowUpItem, **data: Any) -> DomainEvent:
    return DomainEvent(
        detail_type=detail_type,
        tenant_id=principal.tenant_id,
        actor_id=principal.user_id,
        subject_id=item.lead_id,
        data={"followup": to_followup(item).model_dump(mode="json"), **data},
    )


def _schedule(item: FollowUpItem, now: datetime, *, reschedule: bool = True) -> None:
    """Queue keys from the item's state; a done item owes no reminder, and an open one whose time
    changed (`reschedule`) owes its first reminder again. Other edits keep the reminder it owes."""
    repo.apply_followup_keys(item)
    if item.status == "done":
        due.place(item, item.followup_id, None)
    elif reschedule:
        at, kind = first_reminder(repo.attention_at(item), now)
        due.place(item, item.followup_id, due.not_before(at, now), kind)


def create_followup(
    principal: Principal,
    lead_id: str,
    request: FollowUpCreate,
    now: datetime | None = None,
    *,
    followup_id: str | None = None,
) -> FollowUp:
    """A new follow-up; given its id (a workflow's step), one with that id already there answers 409."""
    now = now or clock_now()
    lead = visible_lead(principal, lead_id)
    if lead.deleted_at:
        raise ConflictError("This lead is deleted: restore it first", code="lead_deleted")
    assignee = resolve_assignee(principal, request.assignee_id, Permission.FOLLOWUPS_WRITE)
    at, followup_id = iso(now), followup_id or new_id()
    item = FollowUpItem(
        lead_key(principal.tenant_id, lead_id),
        keys.followup_sk(followup_id),
        followup_id=followup_id,
        lead_id=lead_id,
        tenant_id=principal.tenant_id,
        followup_type=request.type,
        note=request.note or None,
        assignee_id=assignee.user_id,
        due_at=request.due_at,
        created_at=at,
        created_by=principal.user_id,
        updated_at=at,
        version=1,
    )
    _schedule(item, now)
    tx = Transaction()
    tx.put("followup", item, condition=FollowUpItem.PK.does_not_exist())
    check_assignee(tx, principal.tenant_id, assignee.user_id)
    tx.put("outbox", outbox_item(_event(principal, "FollowUpCreated", item)))
    _commit(tx)
    return to_followup(item, now, lead=LeadRef(lead_name(lead), False, lead.owner_id))


def _commit(tx: Transaction, item: FollowUpItem | None = None) -> None:
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "assignee" in error.failed:
            raise NotFoundError("No such user in this account", code="assignee_not_found") from error
        current = repo.get_followup(item.tenant_id, item.lead_id, item.followup_id) if item else None
        raise _stale(current) from error


def _stale(current: FollowUpItem | None) -> ConflictError:
    details = {"followup": to_followup(current).model_dump(mode="json")} if current else None
    return ConflictError(
        "Someone else changed this follow-up: reload it", code="stale_version", details=details
    )


def _writable(principal: Principal, lead_id: str, followup_id: str) -> FollowUpItem:
    """The follow-up, if the caller may change it: their own, or anyone's with `work:assign`."""
    item = repo.get_followup(principal.tenant_id, lead_id, followup_id)
    if item is None:
        raise NotFoundError("No such follow-up", code="followup_not_found")
    if item.assignee_id != principal.user_id and not principal.can(Permission.WORK_ASSIGN):
        raise ForbiddenError("This follow-up is assigned to someone else", code="not_assignee")
    return item


def _save(
    principal: Principal,
    item: FollowUpItem,
    detail_type: str,
    now: datetime,
    *,
    reschedule: bool = False,
    **data: Any,
) -> FollowUp:
    save_versioned(
        principal,
        item,
        "followup",
        now,
        schedule=lambda: _schedule(item, now, reschedule=reschedule),
        event=lambda: _event(principal, detail_type, item, **data),
        commit=lambda tx: _commit(tx, item),
        assignee_changed="assignee_id" in data.get("changes", {}),
    )
    return to_followup(item, now)


def update_followup(
    principal: Principal, lead_id: str, followup_id: str, request: FollowUpUpdate, now: datetime | None = None
) -> FollowUp:
    now = now or clock_now()
    item = _writable(principal, lead_id, followup_id)
    if request.version != int(item.version or 1):
        raise _stale(item)
    changes = _changes(principal, item, request)
    if not changes:
        return to_followup(item, now)
    for name, (_, new) in changes.items():
        setattr(item, "followup_type" if name == "type" else name, new)
    if "due_at" in changes:
        item.snoozed_until = None  # a new due time ends the snooze
    changed = {name: {"from": old, "to": new} for name, (old, new) in changes.items()}
    return _save(principal, item, "FollowUpUpdated", now, reschedule="due_at" in changes, changes=changed)


def _changes(principal: Principal, item: FollowUpItem, request: FollowUpUpdate) -> dict[str, tuple[Any, Any]]:
    current = {
        "type": item.followup_type,
        "due_at": item.due_at,
        "note": item.note,
        "assignee_id": item.assignee_id,
    }
    changes: dict[str, tuple[Any, Any]] = {}
    for name in request.model_fields_set & set(current):
        new = getattr(request, name)
        if new is None and name != "note":
            raise ValidationError("Some fields are not valid", fields={name: "cannot be null"})
        if name == "note":
            new = new or None
        if new != current[name]:
            changes[name] = (current[name], new)
    if "assignee_id" in changes:
        resolve_assignee(principal, changes["assignee_id"][1], Permission.FOLLOWUPS_WRITE)
    return changes


def complete_followup(
    principal: Principal, lead_id: str, followup_id: str, now: datetime | None = None
) -> FollowUp:
    """Mark it done (done already: answered as it is). It leaves the open queues and owes nothing."""
    now = now or clock_now()
    item = _writable(principal, lead_id, followup_id)
    if item.status == "done":
        return to_followup(item, now)
    item.status, item.completed_at, item.completed_by = "done", iso(now), principal.user_id
    return _save(principal, item, "FollowUpCompleted", now)


def reopen_followup(
    principal: Principal, lead_id: str, followup_id: str, now: datetime | None = None
) -> FollowUp:
    now = now or clock_now()
    item = _writable(principal, lead_id, followup_id)
    if item.status == "open":
        return to_followup(item, now)
    item.status, item.completed_at, item.completed_by = "open", None, None
    changes = {"status": {"from": "done", "to": "open"}}
    return _save(principal, item, "FollowUpUpdated", now, reschedule=True, changes=changes)


def snooze_followup(
    principal: Principal, lead_id: str, followup_id: str, request: Snooze, now: datetime | None = None
) -> FollowUp:
    """Remind again later; the due time stays, the queue and the next reminder follow the snooze."""
    now = now or clock_now()
    item = _writable(principal, lead_id, followup_id)
    if item.status == "done":
        raise ConflictError("This follow-up is done: reopen it first", code="followup_done")
    until = request.until or iso(now + timedelta(minutes=int(request.minutes or 0)))
    if until <= iso(now):
        raise ValidationError("Some fields are not valid", fields={"until": "must be in the future"})
    previous, item.snoozed_until = item.snoozed_until, until
    changes = {"snoozed_until": {"from": previous, "to": until}}
    return _save(principal, item, "FollowUpUpdated", now, reschedule=True, changes=changes)


def delete_followup(principal: Principal, lead_id: str, followup_id: str) -> FollowUp:
    """Delete it (a reminder it owed goes with it); answers the follow-up as it was."""
    item = _writable(principal, lead_id, followup_id)
    tx = Transaction()
    tx.delete("followup", item, condition=FollowUpItem.version == int(item.version or 1))
    tx.put("outbox", outbox_item(_event(principal, "FollowUpDeleted", item)))
    _commit(tx, item)
    return to_followup(item)


def lead_followups(principal: Principal, lead_id: str, tz_name: str | None = None) -> FollowUpPage:
    """A lead's follow-ups: open ones by when they need attention, then done ones, newest first."""
    tz = _zone(tz_name)
    lead = visible_lead(principal, lead_id)
    ref = LeadRef(lead_name(lead), bool(lead.deleted_at), lead.owner_id)
    items = repo.lead_followups(principal.tenant_id, lead_id)
    open_items = sorted((i for i in items if i.status != "done"), key=repo.attention_at)
    done_items = sorted(
        (i for i in items if i.status == "done"), key=lambda i: str(i.completed_at), reverse=True
    )
    now = clock_now()
    return FollowUpPage(
        items=[to_followup(i, now, tz, ref) for i in open_items + done_items], next_cursor=None
    )


def _zone(name: str | None) -> ZoneInfo:
    try:
        return zone(name)
    except ValueError as error:
        raise ValidationError("Some fields are not valid", fields={"tz": str(error)}) from error


def followup_queue(
    principal: Principal,
    filters: FollowUpQueueFilters,
    cursor: str | None,
    limit: int,
    now: datetime | None = None,
) -> FollowUpPage:
    """Mine or the team's, open (overdue first, then today, then upcoming) or done (latest first)."""
    now, tz = now or clock_now(), _zone(filters.tz)
    limit = max(1, min(limit, MAX_PAGE))
    assignee = _queue_assignee(principal, filters)
    done = filters.status == "done"
    index = "GSI2" if assignee else "GSI1"
    hash_key = keys.followup_queue(principal.tenant_id, done, assignee)
    items, next_cursor = repo.query_page(index, hash_key, None, None, limit, cursor, forward=not done)
    followups = [item for item in items if isinstance(item, FollowUpItem)]
    refs = lead_refs(principal.tenant_id, (item.lead_id for item in followups))
    return FollowUpPage(
        items=[to_followup(item, now, tz, refs.get(item.lead_id)) for item in followups],
        next_cursor=next_cursor,
    )


def _queue_assignee(principal: Principal, filters: FollowUpQueueFilters) -> str | None:
    if filters.scope == "mine":
        if filters.assignee_id not in (None, principal.user_id):
            raise ValidationError("Some fields are not valid", fields={"assignee_id": "use scope=team"})
        return principal.user_id
    if not principal.can(Permission.LEADS_READ_ALL):
        raise ForbiddenError("Your role sees only its own follow-ups", code="forbidden_scope")
    return filters.assignee_id
