"""Follow-up and task data access: their queue index keys, and one page of a queue."""

from __future__ import annotations

from typing import Any

from pynamodb.expressions.condition import Condition

from convertly.leads.service import lead_key
from convertly.platform.store import paging
from convertly.platform.store.items import Item
from convertly.work import keys
from convertly.work.items import FollowUpItem, TaskItem

# A task's priority in its queue's sort key: sorting by priority puts the most urgent first.
PRIORITY_RANK: dict[str, int] = {"urgent": 0, "high": 1, "normal": 2, "low": 3}
INDEXES = {"GSI1": Item.gsi1, "GSI2": Item.gsi2, "GSI3": Item.gsi3, "GSI4": Item.gsi4, "GSI5": Item.gsi5}


def attention_at(item: FollowUpItem) -> str:
    """When a follow-up needs attention: the end of its snooze, else its due time."""
    return item.snoozed_until or item.due_at


def apply_followup_keys(item: FollowUpItem) -> None:
    """GSI1: the team's open (or done) follow-ups; GSI2: one assignee's. Open ones sort by when they
    need attention (overdue first), done ones by completion."""
    done = item.status == "done"
    sort = f"{item.completed_at if done else attention_at(item)}#{item.followup_id}"
    item.GSI1PK, item.GSI1SK = keys.followup_queue(item.tenant_id, done), sort
    item.GSI2PK, item.GSI2SK = keys.followup_queue(item.tenant_id, done, item.assignee_id), sort


def apply_task_keys(item: TaskItem) -> None:
    """GSI1/GSI2: the team's / one assignee's active (or done) tasks by due time; GSI3/GSI4: the same
    by priority, then due time; GSI5: a lead's tasks by due time."""
    done = item.status == "done"
    by_due = f"{item.due_at}#{item.task_id}"
    by_priority = f"{PRIORITY_RANK[item.priority]}#{by_due}"
    team, mine = (
        keys.task_queue(item.tenant_id, done),
        keys.task_queue(item.tenant_id, done, item.assignee_id),
    )
    item.GSI1PK, item.GSI1SK = team, by_due
    item.GSI2PK, item.GSI2SK = mine, by_due
    item.GSI3PK, item.GSI3SK = team, by_priority
    item.GSI4PK, item.GSI4SK = mine, by_priority
    linked = bool(item.lead_id)
    item.GSI5PK = keys.lead_tasks(item.tenant_id, str(item.lead_id)) if linked else None
    item.GSI5SK = by_due if linked else None


def get_followup(tenant_id: str, lead_id: str, followup_id: str) -> FollowUpItem | None:
    try:
        return FollowUpItem.get(
            lead_key(tenant_id, lead_id), keys.followup_sk(followup_id), consistent_read=True
        )
    except FollowUpItem.DoesNotExist:
        return None


def lead_followups(tenant_id: str, lead_id: str) -> list[FollowUpItem]:
    return list(
        FollowUpItem.query(
            lead_key(tenant_id, lead_id),
            FollowUpItem.SK.startswith(keys.FOLLOWUP_PREFIX),
            consistent_read=True,
        )
    )


def get_task(tenant_id: str, task_id: str) -> TaskItem | None:
    try:
        return TaskItem.get(keys.task(tenant_id, task_id), keys.TASK_SK, consistent_read=True)
    except TaskItem.DoesNotExist:
        return None


def batch_get_tasks(tenant_id: str, task_ids: list[str]) -> dict[str, TaskItem]:
    found: dict[str, TaskItem] = {}
    for item in TaskItem.batch_get(
        [(keys.task(tenant_id, t), keys.TASK_SK) for t in task_ids], consistent_read=True
    ):
        found[item.task_id] = item
    return found


def query_page(
    index: str,
    hash_key: str,
    range_condition: Condition | None,
    filter_condition: Condition | None,
    limit: int,
    cursor: str | None,
    *,
    forward: bool = True,
) -> tuple[list[Any], str | None]:
    """One page of a queue from an index partition, filtered within it; the cursor is checked to
    belong to the same index and partition."""
    return paging.query_page(
        INDEXES[index],
        hash_key,
        limit=limit,
        cursor=cursor,
        range_condition=range_condition,
        filter_condition=filter_condition,
        forward=forward,
        index_keys=(f"{index}PK", f"{index}SK"),
    )
