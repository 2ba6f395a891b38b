"""What other capabilities may ask of automation: put a lead or contact in a published workflow
(a bulk action's "add to workflow").

The one door into automation from elsewhere (import-linter checks it). Automation's use cases (its
engine, actions and messaging) load at the first call, not with the caller: a bulk action that adds
nothing to a workflow never loads them (SnapStart preloads them: convertly.platform.snapstart)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from convertly.platform.snapstart import preload

if TYPE_CHECKING:
    from convertly.automation.items import WorkflowItem
    from convertly.platform.principal import Principal

preload("convertly.automation.use_cases")


def published_workflow(principal: Principal, workflow_id: str) -> WorkflowItem:
    from convertly.automation.use_cases import published_workflow

    return published_workflow(principal, workflow_id)


def enrol_record(
    principal: Principal, workflow: WorkflowItem, kind: str, record_id: str, request_key: str
) -> str:
    from convertly.automation.use_cases import enrol_record

    return enrol_record(principal, workflow, kind, record_id, request_key)


__all__ = ["enrol_record", "published_workflow"]
