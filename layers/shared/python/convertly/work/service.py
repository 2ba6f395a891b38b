"""What other capabilities may ask of work: the follow-ups kept in a lead's partition and the tasks.

The one door into work from elsewhere (import-linter checks it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeGuard

from convertly.platform.store.paging import query_page
from convertly.work import keys
from convertly.work.items import FollowUpItem, TaskItem

FollowUp = FollowUpItem
Task = TaskItem


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


__all__ = [
    "FollowUp",
    "Task",
    "active_task_page",
    "active_tasks",
    "done_tasks",
    "get_task",
    "has_open_work",
    "is_followup",
]
