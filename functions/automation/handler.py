"""Automation API: workflows (draft, publish, pause, clone, delete, test), enrolments, a contact's and
a lead's workflows, and the manual actions queue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import Field

from convertly.automation.domain import (
    DryRunRequest,
    Enrolment,
    EnrolmentPage,
    EnrolmentStatus,
    EnrolRequest,
    EnrolResult,
    HookSecret,
    ManualAction,
    ManualActionComplete,
    ManualActionPage,
    PublishedWorkflowList,
    SubjectWorkflows,
    WebhookDelivery,
    WebhookDeliveryPage,
    WebhookDeliveryStatus,
    WebhookReplay,
    WebhookSecret,
    Workflow,
    WorkflowCreate,
    WorkflowList,
    WorkflowStatus,
    WorkflowUpdate,
)
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.domain import DomainModel
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.automation import inbound, webhooks
    from convertly.automation import use_cases as automation
else:
    inbound = deferred("convertly.automation.inbound")
    webhooks = deferred("convertly.automation.webhooks")
    automation = deferred("convertly.automation.use_cases")

app = create_resolver(route_table("automation"))


class VersionRead(DomainModel):
    version: int = Field(ge=1, description="The version read: a change made since answers 409")


@app.get("/workflows")
def list_workflows(status: Annotated[WorkflowStatus | None, Query()] = None) -> WorkflowList:
    return automation.list_workflows(principal_of(app), status)


@app.get("/workflows/published")
def published_workflows() -> PublishedWorkflowList:
    return automation.published_workflows(principal_of(app))


@app.post("/workflows", status_code=201)
def create_workflow(body: WorkflowCreate) -> Workflow:
    return automation.create_workflow(principal_of(app), body)


@app.get("/workflows/<workflow_id>")
def get_workflow(workflow_id: str) -> Workflow:
    return automation.get_workflow(principal_of(app), workflow_id)


@app.put("/workflows/<workflow_id>")
def update_workflow(workflow_id: str, body: WorkflowUpdate) -> Workflow:
    return automation.update_workflow(principal_of(app), workflow_id, body)


@app.delete(
    "/workflows/<workflow_id>",
    status_code=204,
    responses={204: {"description": "The workflow is deleted", "content": {}}},
)
def delete_workflow(workflow_id: str) -> Response[Any]:
    automation.delete_workflow(principal_of(app), workflow_id)
    return Response(status_code=204)


@app.post("/workflows/<workflow_id>/publish")
def publish_workflow(workflow_id: str, body: VersionRead) -> Workflow:
    return automation.publish_workflow(principal_of(app), workflow_id, body.version)


@app.post("/workflows/<workflow_id>/pause")
def pause_workflow(workflow_id: str, body: VersionRead) -> Workflow:
    return automation.pause_workflow(principal_of(app), workflow_id, body.version)


@app.post("/workflows/<workflow_id>/clone", status_code=201)
def clone_workflow(workflow_id: str) -> Workflow:
    return automation.clone_workflow(principal_of(app), workflow_id)


@app.post("/workflows/<workflow_id>/test")
def test_workflow(workflow_id: str, body: DryRunRequest) -> Enrolment:
    return automation.test_run(principal_of(app), workflow_id, body)


@app.get("/workflows/<workflow_id>/enrolments")
def list_enrolments(
    workflow_id: str,
    status: Annotated[EnrolmentStatus | None, Query()] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> EnrolmentPage:
    return automation.list_enrolments(principal_of(app), workflow_id, status, cursor, limit)


@app.post("/workflows/<workflow_id>/enrolments", status_code=202)
def enrol(workflow_id: str, body: EnrolRequest) -> EnrolResult:
    return automation.enrol_manually(principal_of(app), workflow_id, body)


@app.get("/enrolments/<enrolment_id>")
def get_enrolment(enrolment_id: str) -> Enrolment:
    return automation.get_enrolment(principal_of(app), enrolment_id)


@app.post("/enrolments/<enrolment_id>/end")
def end_enrolment(enrolment_id: str) -> Enrolment:
    return automation.end_enrolment(principal_of(app), enrolment_id)


@app.get("/contacts/<contact_id>/workflows")
def contact_workflows(contact_id: str) -> SubjectWorkflows:
    return automation.contact_workflows(principal_of(app), contact_id)


@app.get("/leads/<lead_id>/workflows")
def lead_workflows(lead_id: str) -> SubjectWorkflows:
    return automation.lead_workflows(principal_of(app), lead_id)


@app.get("/manual-actions")
def list_manual_actions(
    assignee_id: Annotated[str | None, Query(max_length=64)] = None,
    workflow_id: Annotated[str | None, Query(max_length=64)] = None,
    status: Annotated[Literal["open", "done"], Query()] = "open",
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> ManualActionPage:
    return automation.list_manual_actions(
        principal_of(app),
        assignee_id=assignee_id,
        workflow_id=workflow_id,
        status=status,
        cursor=cursor,
        limit=limit,
    )


@app.get("/manual-actions/<action_id>")
def get_manual_action(action_id: str) -> ManualAction:
    return automation.get_manual_action(principal_of(app), action_id)


@app.post("/manual-actions/<action_id>/complete")
def complete_manual_action(action_id: str, body: ManualActionComplete) -> ManualAction:
    return automation.complete_manual_action(principal_of(app), action_id, body)


@app.delete(
    "/manual-actions/<action_id>",
    status_code=204,
    responses={204: {"description": "The manual action is deleted", "content": {}}},
)
def delete_manual_action(action_id: str) -> Response[Any]:
    automation.delete_manual_action(principal_of(app), action_id)
    return Response(status_code=204)


# Webhooks ----------------------------------------------------------------------------------------


@app.get("/automation/workflows/<workflow_id>/webhook-deliveries")
def list_webhook_deliveries(
    workflow_id: str,
    status: Annotated[WebhookDeliveryStatus | None, Query()] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> WebhookDeliveryPage:
    return webhooks.list_deliveries(principal_of(app), workflow_id, status, cursor, limit)


@app.get("/automation/webhook-deliveries/<delivery_id>")
def get_webhook_delivery(delivery_id: str) -> WebhookDelivery:
    return webhooks.get_delivery(principal_of(app), delivery_id)


@app.post("/automation/webhook-deliveries/<delivery_id>/replay", status_code=202)
def replay_webhook_delivery(delivery_id: str, body: WebhookReplay) -> WebhookDelivery:
    return webhooks.replay_delivery(principal_of(app), delivery_id, body.request_key)


@app.get("/automation/webhook-secret")
def reveal_webhook_secret() -> WebhookSecret:
    return webhooks.reveal_secret(principal_of(app))


@app.post("/automation/webhook-secret/rotate")
def rotate_webhook_secret() -> WebhookSecret:
    return webhooks.rotate_secret(principal_of(app))


@app.get("/automation/workflows/<workflow_id>/hook-secret")
def reveal_hook_secret(workflow_id: str) -> HookSecret:
    return inbound.reveal_hook_secret(principal_of(app), workflow_id)


@app.post("/automation/workflows/<workflow_id>/hook-secret/rotate")
def rotate_hook_secret(workflow_id: str) -> HookSecret:
    return inbound.rotate_hook_secret(principal_of(app), workflow_id)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
