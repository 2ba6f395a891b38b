"""Task use cases: create, read, edit (status, priority, due time, assignee, lead), delete, bulk
complete, and the task queue with its filters (assignee, status, priority, lead, due range,
overdue) and sort (due time or priority, either way).

A task is its own partition (`T#<t>#TASK#<id>`). Its queue entries: GSI1/GSI3 for the team and
GSI2/GSI4 for its assignee (by due time / by priority), split into active and done partitions, and
GSI5 for its lead. While it owes a reminder it also sits in the due index (GSI6).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pynamodb.expressions.condition import Condition

from convertly.leads.service import visible_lead
from convertly.permissions import Permission
from convertly.platform.clock import iso, new_id
from convertly.platform.clock import now as clock_now
from convertly.platform.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.principal import Principal
from convertly.platform.store import due
from convertly.platform.store.items import Item
from convertly.platform.store.transaction import Transaction, TransactionCancelledError
from convertly.work import keys
from convertly.work import store as repo
from convertly.work.common import (
    LeadRef,
    check_assignee,
    first_reminder,
    lead_refs,
    resolve_assignee,
    save_versioned,
)
from convertly.work.domain.due import parse_due, queue_bucket, zone
from convertly.work.domain.tasks import (
    MAX_PAGE,
    BulkCompleteResult,
    Task,
    TaskCreate,
    TaskFilters,
    TaskPage,
    TaskUpdate,
)
from convertly.work.items import TaskItem

_UTC = ZoneInfo("UTC")
_EDITABLE = ("title", "description", "due_at", "priority", "status", "assignee_id", "lead_id")
_NULLABLE = {"description", "lead_id"}


def to_task(
    item: TaskItem, now: datetime | None = None, tz: ZoneInfo = _UTC, lead: LeadRef | None = None
) -> Task:
    now = now or clock_now()
    done = item.status == "done"
    return Task(
        task_id=item.task_id,
        title=item.title,
        description=item.description,
        due_at=item.due_at,
        priority=item.priority,  # type: ignore[arg-type]
        status=item.status,  # type: ignore[arg-type]
        assignee_id=item.assignee_id,
        lead_id=item.lead_id,
        lead_name=lead.name if lead else None,
        created_at=item.created_at,
        created_by=item.created_by,
        updated_at=item.updated_at,
        completed_at=item.completed_at,
        completed_by=item.completed_by,
        version=int(item.version or 1),
        overdue=not done and item.due_at < iso(now),
        bucket="done" if done else queue_bucket(item.due_at, now, tz),
    )


def _event(principal: Principal, detail_type: str, item: TaskItem, **data: Any) -> DomainEvent:
    return DomainEvent(
        detail_type=detail_type,
        tenant_id=principal.tenant_id,
        actor_id=principal.user_id,
        subject_id=item.task_id,
        data={"task": to_task(item).model_dump(mode="json"), **data},
    )


def _schedule(item: TaskItem, now: datetime, *, reschedule: bool) -> None:
    repo.apply_task_keys(item)
    if item.status == "done":
        due.place(item, item.task_id, None)
    elif reschedule:
        at, kind = first_reminder(item.due_at, now)
        due.place(item, item.task_id, due.not_before(at, now), kind)


def _linked_lead(principal: Principal, lead_id: str) -> LeadRef:
    lead = visible_lead(principal, lead_id)
    if lead.deleted_at:
        raise ConflictError("This lead is deleted: restore it first", code="lead_deleted")
    return lead_refs(principal.tenant_id, [lead_id])[lead_id]


def create_task(
    principal: Principal, request: TaskCreate, now: datetime | None = None, *, task_id: str | None = None
) -> Task:
    """A new task; given its id (a workflow's step), a task with that id already there answers 409."""
    now = now or clock_now()
    assignee = resolve_assignee(principal, request.assignee_id, Permission.TASKS_WRITE)
    lead = _linked_lead(principal, request.lead_id) if request.lead_id else None
    at, task_id = iso(now), task_id or new_id()
    item = TaskItem(
        keys.task(principal.tenant_id, task_id),
        keys.TASK_SK,
        task_id=task_id,
        tenant_id=principal.tenant_id,
        title=request.title,
        description=request.description or None,
        due_at=request.due_at,
        priority=request.priority,
        status=request.status,
        assignee_id=assignee.user_id,
        lead_id=request.lead_id,
        created_at=at,
        created_by=principal.user_id,
        updated_at=at,
        version=1,
    )
    _schedule(item, now, reschedule=True)
    tx = Transaction()
    tx.put("task", item, condition=TaskItem.PK.does_not_exist())
    check_assignee(tx, principal.tenant_id, assignee.user_id)
    tx.put("outbox", outbox_item(_event(principal, "TaskCreated", item)))
    _commit(tx)
    return to_task(item, now, lead=lead)


def _commit(tx: Transaction, item: TaskItem | None = None) -> None:
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "assignee" in error.failed:
            raise NotFoundError("No such user in this account", code="assignee_not_found") from error
        raise _stale(repo.get_task(item.tenant_id, item.task_id) if item else None) from error


def _stale(current: TaskItem | None) -> ConflictError:
    details = {"task": to_task(current).model_dump(mode="json")} if current else None
    return ConflictError("Someone else changed this task: reload it", code="stale_version", details=details)


def _may_touch(principal: Principal, item: TaskItem) -> bool:
    return item.assignee_id == principal.user_id or principal.can(Permission.WORK_ASSIGN)


def _visible(principal: Principal, task_id: str) -> TaskItem:
    item = repo.get_task(principal.tenant_id, task_id)
    if item is None:
        raise NotFoundError("No such task", code="task_not_found")
    if not _may_touch(principal, item):
        raise ForbiddenError("This task is assigned to someone else", code="not_assignee")
    return item


def get_task(principal: Principal, task_id: str) -> Task:
    item = _visible(principal, task_id)
    return to_task(item, lead=lead_refs(principal.tenant_id, [item.lead_id or ""]).get(item.lead_id or ""))


def update_task(principal: Principal, task_id: str, request: TaskUpdate, now: datetime | None = None) -> Task:
    now = now or clock_now()
    item = _visible(principal, task_id)
    if request.version != int(item.version or 1):
        raise _stale(item)
    changes = _changes(principal, item, request)
    if not changes:
        return to_task(item, now)
    was_done = item.status == "done"
    for name, (_, new) in changes.items():
        setattr(item, name, new)
    _complete_fields(item, principal, now, was_done)
    reschedule = "due_at" in changes or (was_done and item.status != "done")
    changed = {name: {"from": old, "to": new} for name, (old, new) in changes.items()}
    detail_type = "TaskCompleted" if item.status == "done" and not was_done else "TaskUpdated"
    return _save(principal, item, detail_type, now, reschedule=reschedule, changes=changed)


def _complete_fields(item: TaskItem, principal: Principal, now: datetime, was_done: bool) -> None:
    if item.status == "done" and not was_done:
        item.completed_at, item.completed_by = iso(now), principal.user_id
    elif item.status != "done":
        item.completed_at, item.completed_by = None, None


def _changes(principal: Principal, item: TaskItem, request: TaskUpdate) -> dict[str, tuple[Any, Any]]:
    changes: dict[str, tuple[Any, Any]] = {}
    for name in request.model_fields_set & set(_EDITABLE):
        new, old = getattr(request, name), getattr(item, name)
        if new is None and name not in _NULLABLE:
            raise ValidationError("Some fields are not valid", fields={name: "cannot be null"})
        if new != old and not (name == "description" and not new and not old):
            changes[name] = (old, new or None if name in _NULLABLE else new)
    if "assignee_id" in changes:
        resolve_assignee(principal, changes["assignee_id"][1], Permission.TASKS_WRITE)
    if changes.get("lead_id", (None, None))[1]:
        _linked_lead(principal, changes["lead_id"][1])
    return changes


def _save(
    principal: Principal, item: TaskItem, detail_type: str, now: datetime, *, reschedule: bool, **data: Any
) -> Task:
    save_versioned(
        principal,
        item,
        "task",
        now,
        schedule=lambda: _schedule(item, now, reschedule=reschedule),
        event=lambda: _event(principal, detail_type, item, **data),
        commit=lambda tx: _commit(tx, item),
        assignee_changed="assignee_id" in data.get("changes", {}),
    )
    return to_task(item, now)


def delete_task(principal: Principal, task_id: str) -> Task:
    """Delete it (a reminder it owed goes with it); answers the task as it was."""
    item = _visible(principal, task_id)
    tx = Transaction()
    tx.delete("task", item, condition=TaskItem.version == int(item.version or 1))
    tx.put("outbox", outbox_item(_event(principal, "TaskDeleted", item)))
    _commit(tx, item)
    return to_task(item)


def bulk_complete(
    principal: Principal, task_ids: list[str], now: datetime | None = None
) -> BulkCompleteResult:
    """Complete each task the caller may touch; one transaction per task, so one task changed
    meanwhile does not hold back the others."""
    now = now or clock_now()
    result = BulkCompleteResult(completed=[], already_done=[], not_found=[], forbidden=[])
    found = repo.batch_get_tasks(principal.tenant_id, task_ids)
    for task_id in task_ids:
        item = found.get(task_id)
        if item is None:
            result.not_found.append(task_id)
        elif not _may_touch(principal, item):
            result.forbidden.append(task_id)
        elif item.status == "done":
            result.already_done.append(task_id)
        else:
            changes = {"status": {"from": item.status, "to": "done"}}
            item.status = "done"
            _complete_fields(item, principal, now, was_done=False)
            try:
                _save(principal, item, "TaskCompleted", now, reschedule=False, changes=changes)
                result.completed.append(task_id)
            except ConflictError:
                current = repo.get_task(principal.tenant_id, task_id)
                bucket = result.already_done if current and current.status == "done" else result.not_found
                bucket.append(task_id)
    return result


@dataclass(frozen=True)
class _Plan:
    """Which index partition answers the filters, and what is left to filter within it."""

    index: str
    hash_key: str
    range_condition: Condition | None
    filter_condition: Condition | None
    forward: bool


def list_tasks(
    principal: Principal, filters: TaskFilters, cursor: str | None, limit: int, now: datetime | None = None
) -> TaskPage:
    now = now or clock_now()
    limit = max(1, min(limit, MAX_PAGE))
    tz = _zone(filters.tz)
    plan = _plan(principal, filters, now, tz)
    items, next_cursor = repo.query_page(
        plan.index,
        plan.hash_key,
        plan.range_condition,
        plan.filter_condition,
        limit,
        cursor,
        forward=plan.forward,
    )
    tasks = [item for item in items if isinstance(item, TaskItem)]
    refs = lead_refs(principal.tenant_id, (item.lead_id or "" for item in tasks))
    return TaskPage(
        items=[to_task(item, now, tz, refs.get(item.lead_id or "")) for item in tasks],
        next_cursor=next_cursor,
    )


def _zone(name: str | None) -> ZoneInfo:
    try:
        return zone(name)
    except ValueError as error:
        raise ValidationError("Some fields are not valid", fields={"tz": str(error)}) from error


def _bound(value: str | None, name: str, tz: ZoneInfo, *, end: bool) -> str | None:
    """A date (the start or end of that day in `tz`) or a date-time, as UTC ISO."""
    if not value:
        return None
    try:
        if len(value) == 10:
            day = datetime.combine(date.fromisoformat(value), datetime.min.time(), tzinfo=tz)
            return iso(day + timedelta(days=1, milliseconds=-1) if end else day)
        return parse_due(value)
    except ValueError as error:
        raise ValidationError(
            "Some fields are not valid",
            fields={name: "use a date like 2026-01-31 or a date-time with a zone"},
        ) from error


def _assignee(principal: Principal, filters: TaskFilters) -> str | None:
    if principal.can(Permission.WORK_ASSIGN):
        return filters.assignee_id
    if filters.assignee_id not in (None, principal.user_id):
        raise ForbiddenError("Your role sees only its own tasks", code="forbidden_scope")
    return principal.user_id


def _plan(principal: Principal, filters: TaskFilters, now: datetime, tz: ZoneInfo) -> _Plan:
    if filters.overdue and filters.status == "done":
        raise ValidationError("Some fields are not valid", fields={"overdue": "a done task is never overdue"})
    assignee = _assignee(principal, filters)
    low, upper = _due_range(filters, now, tz)
    forward = not filters.sort.startswith("-")
    conditions = _filters(filters)
    if filters.lead_id:
        if assignee:
            conditions.append(TaskItem.assignee_id == assignee)
        hash_key, index = keys.lead_tasks(principal.tenant_id, filters.lead_id), "GSI5"
        return _Plan(index, hash_key, _range(index, low, upper), _all(conditions), forward)
    done = filters.status == "done"
    hash_key = keys.task_queue(principal.tenant_id, done, assignee)
    if filters.sort.endswith("priority"):
        index = "GSI4" if assignee else "GSI3"
        conditions += _due_filters(low, upper)
        return _Plan(index, hash_key, None, _all(conditions), forward)
    index = "GSI2" if assignee else "GSI1"
    return _Plan(index, hash_key, _range(index, low, upper), _all(conditions), forward)


def _due_range(filters: TaskFilters, now: datetime, tz: ZoneInfo) -> tuple[str | None, str | None]:
    """The lowest and highest due sort key wanted. A sort key is `<due>#<id>`, so `<= now` holds
    exactly the tasks due before now."""
    low = _bound(filters.due_from, "due_from", tz, end=False)
    high = _bound(filters.due_to, "due_to", tz, end=True)
    uppers = [
        bound for bound in (f"{high}#~" if high else None, iso(now) if filters.overdue else None) if bound
    ]
    return low, min(uppers) if uppers else None


def _filters(filters: TaskFilters) -> list[Condition]:
    conditions: list[Condition] = []
    if filters.status in ("open", "in_progress") or (filters.lead_id and filters.status == "done"):
        conditions.append(TaskItem.status == filters.status)
    elif filters.lead_id:
        conditions.append(TaskItem.status != "done")
    if filters.priority:
        conditions.append(TaskItem.priority == filters.priority)
    return conditions


def _range(index: str, low: str | None, upper: str | None) -> Condition | None:
    sort_key = getattr(Item, f"{index}SK")
    if low and upper:
        return sort_key.between(low, upper)
    if low:
        return sort_key >= low
    if upper:
        return sort_key <= upper
    return None


def _due_filters(low: str | None, upper: str | None) -> list[Condition]:
    conditions: list[Condition] = []
    if low:
        conditions.append(TaskItem.due_at >= low)
    if upper:
        conditions.append(TaskItem.due_at < upper if "#" not in upper else TaskItem.due_at <= upper)
    return conditions


def _all(conditions: list[Condition]) -> Condition | None:
    combined: Condition | None = None
    for condition in conditions:
        combined = condition if combined is None else combined & condition
    return combined
