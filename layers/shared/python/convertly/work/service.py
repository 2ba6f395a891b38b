"""What other capabilities may ask of work: the follow-ups kept in a lead's partition and the tasks.

The one door into work from elsewhere (import-linter checks it).
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from typing import TYPE_CHECKING, Any, TypeGuard

from convertly.platform.errors import ConflictError
from convertly.platform.principal import Principal
from convertly.platform.store.paging import query_page
from convertly.work import keys
from convertly.work.items import FollowUpItem, TaskItem

if TYPE_CHECKING:
    pass

FollowUp = FollowUpItem
Task = TaskItem

# A workflow's steps create follow-ups and tasks as a person would: the use cases and their shapes
# load on first use, so a function that only reads work loads none of them.
_LAZY = {
    "create_task": "convertly.work.tasks",
    "create_followup": "convertly.work.followups",
    "TaskCreate": "convertly.work.domain.tasks",
    "FollowUpCreate": "convertly.work.domain.followups",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def get_followup(tenant_id: str, lead_id: str, followup_id: str) -> FollowUp | None:
    from convertly.leads.service import lead_key

    try:
        return FollowUpItem.get(
            lead_key(tenant_id, lead_id), keys.followup_sk(followup_id), consistent_read=True
        )
    except FollowUpItem.DoesNotExist:
        return None


def is_followup(item: object) -> TypeGuard[FollowUp]:
    return isinstance(item, FollowUpItem)


def get_task(tenant_id: str, task_id: str) -> Task | None:
    try:
        return TaskItem.get(keys.task(tenant_id, task_id), keys.TASK_SK, consistent_read=True)
    except TaskItem.DoesNotExist:
        return None


def active_tasks(tenant_id: str) -> Iterator[Task]:
    """The tenant's open and in-progress tasks (GSI1, the team's active queue)."""
    yield from TaskItem.gsi1.query(keys.task_queue(tenant_id))


def done_tasks(tenant_id: str) -> Iterator[Task]:
    yield from TaskItem.gsi1.query(keys.task_queue(tenant_id, done=True))


def active_task_page(tenant_id: str, cursor: str | None, limit: int) -> tuple[list[str], str | None]:
    """One page of the ids of the tenant's open and in-progress tasks, and the next page's cursor."""
    items, next_cursor = query_page(
        TaskItem.gsi1,
        keys.task_queue(tenant_id),
        limit=limit,
        cursor=cursor,
        forward=True,
        index_keys=("GSI1PK", "GSI1SK"),
    )
    return [str(item.task_id) for item in items], next_cursor


def has_open_work(tenant_id: str, assignee_id: str) -> bool:
    """Whether anyone's open follow-up or active task is still assigned to the user (two Queries of
    one item each, on the assignee's queues)."""
    followup = next(
        iter(FollowUpItem.gsi2.query(keys.followup_queue(tenant_id, assignee_id=assignee_id), limit=1)), None
    )
    if followup is not None:
        return True
    task = next(iter(TaskItem.gsi2.query(keys.task_queue(tenant_id, assignee_id=assignee_id), limit=1)), None)
    return task is not None


def open_followups_of(tenant_id: str, assignee_id: str, limit: int) -> list[tuple[str, str]]:
    """(lead id, follow-up id) of up to `limit` open follow-ups assigned to the user (GSI2)."""
    query = FollowUpItem.gsi2.query(keys.followup_queue(tenant_id, assignee_id=assignee_id), limit=limit)
    return [(str(item.lead_id), str(item.followup_id)) for item in query]


def leads_with_open_followups(tenant_id: str, limit: int) -> tuple[set[str], bool]:
    """The leads of up to `limit` of the team's open follow-ups (GSI1, one bounded pass), and whether
    open follow-ups were left unread."""
    query = FollowUpItem.gsi1.query(keys.followup_queue(tenant_id), limit=limit + 1)
    lead_ids = [str(item.lead_id) for item in query]
    return set(lead_ids[:limit]), len(lead_ids) > limit


def active_tasks_of(tenant_id: str, assignee_id: str, limit: int) -> list[str]:
    """Ids of up to `limit` open or in-progress tasks assigned to the user (GSI2)."""
    query = TaskItem.gsi2.query(keys.task_queue(tenant_id, assignee_id=assignee_id), limit=limit)
    return [str(item.task_id) for item in query]


def count_open_work(tenant_id: str, assignee_id: str) -> tuple[int, int]:
    """How many open follow-ups and active tasks the user has (two counting Queries of their queues)."""
    followups = FollowUpItem.gsi2.count(keys.followup_queue(tenant_id, assignee_id=assignee_id))
    tasks = TaskItem.gsi2.count(keys.task_queue(tenant_id, assignee_id=assignee_id))
    return int(followups), int(tasks)


def reassign_followup(principal: Principal, lead_id: str, followup_id: str, from_id: str, to_id: str) -> bool:
    """Give the follow-up to `to_id` if it is still open and `from_id`'s; True when it moved."""
    from convertly.work.domain.followups import FollowUpUpdate
    from convertly.work.followups import update_followup

    for _ in range(3):
        item = _followup(principal.tenant_id, lead_id, followup_id)
        if item is None or item.assignee_id != from_id or item.status != "open":
            return False
        try:
            update_followup(
                principal,
                lead_id,
                followup_id,
                FollowUpUpdate(assignee_id=to_id, version=int(item.version or 1)),
            )
        except ConflictError as error:
            if error.code in {"stale_version", "write_conflict"}:
                continue
            raise
        return True
    return False


def reassign_task(principal: Principal, task_id: str, from_id: str, to_id: str) -> bool:
    """Give the task to `to_id` if it is still active and `from_id`'s; True when it moved."""
    from convertly.work.domain.tasks import TaskUpdate
    from convertly.work.tasks import update_task

    for _ in range(3):
        item = get_task(principal.tenant_id, task_id)
        if item is None or item.assignee_id != from_id or item.status == "done":
            return False
        try:
            update_task(principal, task_id, TaskUpdate(assignee_id=to_id, version=int(item.version or 1)))
        except ConflictError as error:
            if error.code in {"stale_version", "write_conflict"}:
                continue
            raise
        return True
    return False


def _followup(tenant_id: str, lead_id: str, followup_id: str) -> FollowUpItem | None:
    from convertly.leads import service as leads

    try:
        return FollowUpItem.get(
            leads.lead_key(tenant_id, lead_id), keys.followup_sk(followup_id), consistent_read=True
        )
    except FollowUpItem.DoesNotExist:
        return None


__all__ = [
    "FollowUp",
    "Task",
    "active_task_page",
    "active_tasks",
    "active_tasks_of",
    "count_open_work",
    "done_tasks",
    "get_task",
    "has_open_work",
    "is_followup",
    "leads_with_open_followups",
    "open_followups_of",
    "reassign_followup",
    "reassign_task",
]
