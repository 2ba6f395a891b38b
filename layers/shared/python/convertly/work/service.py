"""What other capabilities may ask of work: the follow-ups kept in a lead's partition and the tasks.

The one door into work from elsewhere (import-linter checks it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeGuard

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


__all__ = [
    "FollowUp",
    "Task",
    "active_tasks",
    "done_tasks",
    "get_task",
    "is_followup",
]
