"""Workflow, enrolment and manual action shapes: what the API takes and answers."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from convertly.automation.definition import Definition
from convertly.platform.domain import DomainModel

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64)]
WorkflowStatus = Literal["draft", "published", "paused"]
EnrolmentStatus = Literal["running", "waiting", "done", "failed", "ended"]


class WorkflowCreate(DomainModel):
    name: Name
    description: Description | None = None
    definition: Definition | None = Field(default=None, description="Empty: a lead-created trigger, no steps")


class WorkflowUpdate(DomainModel):
    version: int = Field(ge=1, description="The version read: a change made since answers 409")
    name: Name | None = None
    description: Description | None = None
    definition: Definition | None = None


class StepCounts(DomainModel):
    waiting: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0


class Workflow(DomainModel):
    workflow_id: str
    name: str
    description: str | None
    status: WorkflowStatus
    trigger_type: str
    draft: dict[str, Any] = Field(description="The definition being edited")
    live: dict[str, Any] | None = Field(description="The published version's definition")
    live_version: int
    changed_since_publish: bool
    enrolled: int
    active: int
    created_at: str
    updated_at: str
    published_at: str | None
    version: int
    step_counts: dict[str, StepCounts] = Field(
        default_factory=dict, description="Per step of the published version (on a single workflow)"
    )


class WorkflowList(DomainModel):
    items: list[Workflow]


class PublishedWorkflow(DomainModel):
    workflow_id: str
    name: str
    trigger_type: str


class PublishedWorkflowList(DomainModel):
    items: list[PublishedWorkflow]


class StepRun(DomainModel):
    step_id: str
    kind: str
    name: str | None
    status: Literal["running", "done", "waiting", "failed", "skipped"]
    detail: str | None
    attempts: int
    started_at: str
    finished_at: str | None


class Enrolment(DomainModel):
    enrolment_id: str
    workflow_id: str
    workflow_name: str
    workflow_version: int
    contact_id: str | None
    lead_id: str | None
    subject_name: str
    status: EnrolmentStatus
    position: str | None
    wake_at: str | None
    waiting_for: str | None
    trigger: dict[str, Any]
    dry_run: bool
    started_at: str
    finished_at: str | None
    outcome: str | None
    steps: list[StepRun] | None = Field(default=None, description="On a single enrolment")


class EnrolmentPage(DomainModel):
    items: list[Enrolment]
    next_cursor: str | None


class SubjectWorkflows(DomainModel):
    """A contact's (lead's) workflows: the ones it is in now, and the ones it was in."""

    active: list[Enrolment]
    past: list[Enrolment]


class EnrolRequest(DomainModel):
    contact_ids: list[Id] = Field(default_factory=list, max_length=100)
    lead_ids: list[Id] = Field(default_factory=list, max_length=100)
    request_key: Annotated[str, StringConstraints(min_length=8, max_length=64)] | None = Field(
        default=None, description="The same key twice enrols once (a double click, a retry)"
    )

    @model_validator(mode="after")
    def _someone(self) -> EnrolRequest:
        if not self.contact_ids and not self.lead_ids:
            raise ValueError("Choose at least one contact or lead to enrol")
        return self


class EnrolResult(DomainModel):
    enrolled: list[str] = Field(description="The new enrolments' ids")
    skipped: list[dict[str, str]] = Field(description="Who was not enrolled, and why")


class DryRunRequest(DomainModel):
    contact_id: Id | None = None
    lead_id: Id | None = None
    use_draft: bool = Field(default=True, description="Run the draft (true) or the published version")

    @model_validator(mode="after")
    def _someone(self) -> DryRunRequest:
        if not self.contact_id and not self.lead_id:
            raise ValueError("Choose a contact or a lead to test with")
        return self


class ManualAction(DomainModel):
    action_id: str
    action_type: Literal["call", "sms"]
    assignee_id: str
    assignee_name: str | None
    workflow_id: str
    workflow_name: str
    enrolment_id: str
    contact_id: str | None
    lead_id: str | None
    subject_name: str
    phone: str | None
    note: str | None
    template_id: str | None
    status: Literal["open", "done"]
    outcome: str | None
    outcome_note: str | None
    created_at: str
    completed_at: str | None


class ManualActionPage(DomainModel):
    items: list[ManualAction]
    next_cursor: str | None
    open_count: int = Field(description="Open actions in this view (assignee filter applied)")


class ManualActionComplete(DomainModel):
    outcome: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)] = Field(
        description="Call: connected, voicemail, no_answer, wrong_number; SMS: sent"
    )
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None = None


# Webhooks ----------------------------------------------------------------------------------------

WebhookDeliveryStatus = Literal["pending", "delivered", "failed"]


class WebhookAttempt(DomainModel):
    number: int = Field(description="1 for the first attempt; replays go on counting")
    round: int = Field(description="0: the first delivery; 1 and on: the replays")
    at: str
    outcome: Literal["delivered", "retrying", "failed"]
    status_code: int | None = Field(description="The receiver's HTTP status; none when it did not answer")
    duration_ms: int
    response_excerpt: str | None = Field(description="The first 500 characters of the answer")
    error: str | None


class WebhookDelivery(DomainModel):
    delivery_id: str = Field(description="Sent as the Convertly-Delivery header and the body's id")
    workflow_id: str
    workflow_name: str
    enrolment_id: str
    step_id: str
    url: str
    event: str
    status: WebhookDeliveryStatus
    replays: int
    attempts: int
    last_status_code: int | None
    last_attempt_at: str | None
    last_error: str | None
    next_attempt_at: str | None
    delivered_at: str | None
    created_at: str
    updated_at: str
    payload: dict[str, Any] | None = Field(default=None, description="The JSON sent (on a single delivery)")
    log: list[WebhookAttempt] | None = Field(default=None, description="Every attempt (on a single delivery)")


class WebhookDeliveryPage(DomainModel):
    items: list[WebhookDelivery]
    next_cursor: str | None


class WebhookReplay(DomainModel):
    request_key: Annotated[str, StringConstraints(min_length=8, max_length=64)] | None = Field(
        default=None, description="The same key twice replays once (a double click, a retry)"
    )


class WebhookSecret(DomainModel):
    """A signing secret, shown to the people who may see it."""

    secret: str = Field(description="The HMAC-SHA256 key of Convertly-Signature's v1")
    previous_valid_until: str | None = Field(
        description="After a rotation the old secret stays valid until then (and is signed with too)"
    )
    created_at: str
    rotated_at: str | None


class HookSecret(WebhookSecret):
    """A workflow's inbound hook: where to post and the secret to sign with."""

    hook_id: str
    path: str = Field(description="The hook's path on the API (POST, signed)")


class HookReceipt(DomainModel):
    enrolment_id: str
    contact_id: str
    contact_created: bool = Field(description="True when the body's person was new")
    status: str = Field(description="The enrolment's status: running at first")
