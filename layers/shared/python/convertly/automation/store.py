"""Reads of the automation items and the index keys they carry."""

from __future__ import annotations

from collections.abc import Iterator

from convertly.automation import keys
from convertly.automation.items import (
    EnrolmentItem,
    ManualActionItem,
    StepRunItem,
    WorkflowItem,
    WorkflowStatsItem,
    WorkflowVersionItem,
)
from convertly.platform.store import due


def get_workflow(tenant_id: str, workflow_id: str) -> WorkflowItem | None:
    if not workflow_id or len(workflow_id) > 64:
        return None
    try:
        return WorkflowItem.get(
            keys.workflows(tenant_id), keys.workflow_sk(workflow_id), consistent_read=True
        )
    except WorkflowItem.DoesNotExist:
        return None


def workflows_of(tenant_id: str) -> list[WorkflowItem]:
    return list(
        WorkflowItem.query(keys.workflows(tenant_id), WorkflowItem.SK.startswith(keys.workflow_sk("")))
    )


def published_with_trigger(tenant_id: str, trigger_type: str) -> list[WorkflowItem]:
    """The published workflows a trigger type starts: one Query of GSI1 (only they are indexed)."""
    return list(WorkflowItem.gsi1.query(keys.triggers(tenant_id, trigger_type)))


def index_workflow(item: WorkflowItem) -> None:
    """GSI1 under its trigger while published; out of it otherwise."""
    if item.status == "published" and item.live is not None:
        trigger = str(item.live.as_dict()["trigger"]["type"]) if hasattr(item.live, "as_dict") else ""
        item.GSI1PK = keys.triggers(item.tenant_id, trigger)
        item.GSI1SK = item.workflow_id
    else:
        item.GSI1PK = item.GSI1SK = None


def get_version(tenant_id: str, workflow_id: str, number: int) -> WorkflowVersionItem | None:
    try:
        return WorkflowVersionItem.get(
            keys.workflow(tenant_id, workflow_id), keys.version_sk(number), consistent_read=False
        )
    except WorkflowVersionItem.DoesNotExist:
        return None


def stats_of(tenant_id: str, workflow_id: str, number: int) -> list[WorkflowStatsItem]:
    return list(
        WorkflowStatsItem.query(
            keys.workflow(tenant_id, workflow_id), WorkflowStatsItem.SK.startswith(keys.stats_sk(number))
        )
    )


def get_enrolment(tenant_id: str, enrolment_id: str) -> EnrolmentItem | None:
    if not enrolment_id or len(enrolment_id) > 64:
        return None
    try:
        return EnrolmentItem.get(
            keys.enrolment(tenant_id, enrolment_id), keys.ENROLMENT_SK, consistent_read=True
        )
    except EnrolmentItem.DoesNotExist:
        return None


def steps_of(tenant_id: str, enrolment_id: str) -> list[StepRunItem]:
    found = StepRunItem.query(
        keys.enrolment(tenant_id, enrolment_id),
        StepRunItem.SK.startswith(keys.step_sk("")),
        consistent_read=True,
    )
    return sorted(found, key=lambda s: int(s.order or 0))


def get_step(tenant_id: str, enrolment_id: str, step_id: str) -> StepRunItem | None:
    try:
        return StepRunItem.get(
            keys.enrolment(tenant_id, enrolment_id), keys.step_sk(step_id), consistent_read=True
        )
    except StepRunItem.DoesNotExist:
        return None


def index_enrolment(item: EnrolmentItem) -> None:
    """GSI1 by workflow, GSI2 by contact, GSI3 by lead (each by start time); GSI6 (the wake index)
    while it waits for a time."""
    sort = f"{item.started_at}#{item.enrolment_id}"
    item.GSI1PK, item.GSI1SK = keys.workflow_enrolments(item.tenant_id, item.workflow_id), sort
    if item.contact_id:
        item.GSI2PK, item.GSI2SK = keys.contact_enrolments(item.tenant_id, item.contact_id), sort
    if item.lead_id:
        item.GSI3PK, item.GSI3SK = keys.lead_enrolments(item.tenant_id, item.lead_id), sort
    item.GSI6PK, item.GSI6SK = due.wake_keys(
        item.wake_at if item.status == "waiting" else None, str(item.enrolment_id)
    )


def lead_enrolments(tenant_id: str, lead_id: str) -> Iterator[EnrolmentItem]:
    yield from EnrolmentItem.gsi3.query(keys.lead_enrolments(tenant_id, lead_id), scan_index_forward=False)


def watching(tenant_id: str, subject_id: str) -> list[EnrolmentItem]:
    """The enrolments waiting for a condition on the lead (or contact): usually none, one key read."""
    return list(EnrolmentItem.gsi4.query(keys.watching(tenant_id, subject_id), limit=50))


def contact_enrolments(tenant_id: str, contact_id: str, limit: int) -> list[EnrolmentItem]:
    return list(
        EnrolmentItem.gsi2.query(
            keys.contact_enrolments(tenant_id, contact_id), scan_index_forward=False, limit=limit
        )
    )


def get_manual_action(tenant_id: str, action_id: str) -> ManualActionItem | None:
    if not action_id or len(action_id) > 64:
        return None
    try:
        return ManualActionItem.get(
            keys.manual_action(tenant_id, action_id), keys.MANUAL_ACTION_SK, consistent_read=True
        )
    except ManualActionItem.DoesNotExist:
        return None


def index_manual_action(item: ManualActionItem) -> None:
    """GSI1 the team's open (done) queue, GSI2 the assignee's, by date added (done: by completion)."""
    done = item.status == "done"
    sort = f"{item.completed_at if done else item.created_at}#{item.action_id}"
    item.GSI1PK, item.GSI1SK = keys.manual_queue(item.tenant_id, done=done), sort
    item.GSI2PK, item.GSI2SK = keys.manual_queue(item.tenant_id, item.assignee_id, done=done), sort
