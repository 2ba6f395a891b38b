"""What a workflow is: a trigger, filters, and a list of steps, some of them if/else branches.

The builder saves this document as the draft; publishing copies it into a numbered version, which
enrolments run on. Steps are a tree: an `if` step holds a `then` and an `else` list; after a branch's
last step the run goes on with the step after the `if`. Every step has an id unique in the workflow
(the builder makes them), which names its record in an enrolment (one record per step, so a step
runs at most once per enrolment).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from convertly.platform.domain import DomainModel

StepId = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")]
Text = Annotated[str, Field(max_length=500)]
Name = Annotated[str, Field(min_length=1, max_length=120)]
Id = Annotated[str, Field(min_length=1, max_length=64)]

TriggerType = Literal[
    "lead_created",
    "form_submitted",
    "stage_changed",
    "lead_won",
    "lead_lost",
    "value_changed",
    "tag_added",
    "tag_removed",
    "contact_role_changed",
    "followup_overdue",
    "task_overdue",
    "no_activity",
    "date_reached",
    "conversion_failed",
    "webhook",
    "manual",
]
TRIGGER_LABELS: dict[str, str] = {
    "lead_created": "Lead created",
    "form_submitted": "Form submitted",
    "stage_changed": "Stage changed",
    "lead_won": "Lead won",
    "lead_lost": "Lead lost",
    "value_changed": "Value changed",
    "tag_added": "Tag added",
    "tag_removed": "Tag removed",
    "contact_role_changed": "Contact role changed",
    "followup_overdue": "Follow-up overdue",
    "task_overdue": "Task overdue",
    "no_activity": "No activity on an open lead",
    "date_reached": "A date field reached",
    "conversion_failed": "Conversion failed or not sent",
    "webhook": "Inbound webhook",
    "manual": "Manual enrolment",
}

Operator = Literal[
    "equals",
    "not_equals",
    "contains",
    "not_contains",
    "starts_with",
    "is_empty",
    "is_not_empty",
    "greater_than",
    "less_than",
    "between",
    "in",
    "not_in",
]
NO_VALUE = frozenset({"is_empty", "is_not_empty"})

# The fields a condition can read. `lead.custom.<key>` and `contact.custom.<key>` read custom fields.
FIELDS: dict[str, str] = {
    "contact.first_name": "text",
    "contact.last_name": "text",
    "contact.email": "text",
    "contact.phone": "text",
    "contact.role": "text",
    "contact.tags": "list",
    "contact.source": "text",
    "contact.owner_id": "text",
    "contact.company_name": "text",
    "lead.value": "number",
    "lead.source": "text",
    "lead.stage_id": "text",
    "lead.pipeline_id": "text",
    "lead.owner_id": "text",
    "lead.tags": "list",
    "lead.utm_source": "text",
    "lead.utm_medium": "text",
    "lead.utm_campaign": "text",
    "lead.utm_term": "text",
    "lead.utm_content": "text",
    "lead.form_id": "text",
    "lead.landing_page": "text",
    "lead.referrer": "text",
    "time.day_of_week": "list_of_days",
    "time.business_hours": "boolean",
}
_CUSTOM = re.compile(r"^(lead|contact)\.custom\.[a-z0-9_]{1,40}$")


class Condition(DomainModel):
    """One test on the contact, the lead or the time (the tenant's time zone)."""

    field: Annotated[str, Field(min_length=1, max_length=80)]
    operator: Operator = "equals"
    value: Any = None

    @field_validator("field")
    @classmethod
    def _known_field(cls, field: str) -> str:
        if field not in FIELDS and not _CUSTOM.match(field):
            raise ValueError(f"There is no field {field!r} to test")
        return field

    @model_validator(mode="after")
    def _value_fits(self) -> Condition:
        if self.operator in NO_VALUE:
            return self
        if self.value is None or self.value == "" or self.value == []:
            raise ValueError(f"Give a value to compare {self.field} with")
        if self.operator == "between" and not (isinstance(self.value, list) and len(self.value) == 2):
            raise ValueError("Between takes two values: the lowest and the highest")
        if self.operator in ("in", "not_in") and not isinstance(self.value, list):
            raise ValueError("Is one of takes a list of values")
        return self


class BusinessHours(DomainModel):
    days: list[Annotated[int, Field(ge=1, le=7)]] = Field(default=[1, 2, 3, 4, 5], max_length=7)  # ISO, 1=Mon
    start: Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = "09:00"
    end: Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = "17:00"

    @model_validator(mode="after")
    def _ordered(self) -> BusinessHours:
        if self.start >= self.end:
            raise ValueError("Business hours end after they start")
        if not self.days:
            raise ValueError("Business hours need at least one day")
        return self


# What a conversion_failed trigger listens for: a platform refused it or the retries ran out
# (failed), a win worth 0 (no_value), or nothing the platform can match the person on (no_identifier).
ConversionProblem = Literal["failed", "no_value", "no_identifier"]
CONVERSION_PROBLEMS: dict[str, frozenset[str]] = {
    "failed": frozenset({"rejected", "dead_lettered", "expired"}),
    "no_value": frozenset({"no_value"}),
    "no_identifier": frozenset({"not_attributable"}),
}


class Trigger(DomainModel):
    """What starts the workflow, narrowed by its options (each applies only to its triggers)."""

    type: TriggerType
    form_id: Id | None = None  # lead_created, form_submitted
    source: Annotated[str, Field(max_length=40)] | None = None  # lead_created
    pipeline_id: Id | None = None  # stage_changed, lead_won, lead_lost
    from_stage_id: Id | None = None  # stage_changed
    to_stage_id: Id | None = None  # stage_changed
    tag: Annotated[str, Field(max_length=40)] | None = None  # tag_added, tag_removed
    role: Literal["Lead", "Prospect", "Client"] | None = None  # contact_role_changed: the new role
    days: Annotated[int, Field(ge=1, le=365)] | None = None  # no_activity: idle for this many days
    target: Literal["lead", "contact"] | None = None  # date_reached: whose custom field
    field_key: Annotated[str, Field(pattern=r"^[a-z0-9_]{1,40}$")] | None = None  # date_reached
    offset_days: Annotated[int, Field(ge=-365, le=365)] = 0  # date_reached: before (<0) or after
    at_time: Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = "09:00"  # date_reached, local
    reason: ConversionProblem | None = None  # conversion_failed: which outcome (None: any of them)
    platform: Literal["google_ads", "meta"] | None = None  # conversion_failed
    hook_id: Annotated[str, Field(max_length=64)] | None = None  # webhook: set when the hook is made

    @model_validator(mode="after")
    def _options(self) -> Trigger:
        if self.type == "no_activity" and not self.days:
            raise ValueError("Say after how many days without activity")
        if self.type == "date_reached" and not (self.target and self.field_key):
            raise ValueError("Choose the date field")
        return self


class _Step(DomainModel):
    id: StepId
    name: Annotated[str, Field(max_length=120)] | None = None


Assignee = Annotated[str, Field(min_length=1, max_length=64)]  # a user id, or "owner"


class AssignOwner(_Step):
    kind: Literal["assign_owner"]
    mode: Literal["user", "round_robin", "least_loaded"] = "user"
    user_ids: list[Id] = Field(min_length=1, max_length=50)
    only_if_unowned: bool = False


class CreateTask(_Step):
    kind: Literal["create_task"]
    title: Name
    description: Text | None = None
    due_in_minutes: Annotated[int, Field(ge=0, le=525_600)] = 1440
    priority: Literal["low", "normal", "high", "urgent"] = "normal"
    assignee: Assignee = "owner"


class ScheduleFollowUp(_Step):
    kind: Literal["schedule_followup"]
    followup_type: Literal["call", "email", "sms", "meeting"] = "call"
    note: Text | None = None
    due_in_minutes: Annotated[int, Field(ge=0, le=525_600)] = 60
    assignee: Assignee = "owner"


class ManualAction(_Step):
    kind: Literal["manual_action"]
    action_type: Literal["call", "sms"] = "call"
    assignee: Assignee = "owner"
    note: Text | None = None
    template_id: Id | None = None  # an SMS template the composer starts from


class SendEmail(_Step):
    kind: Literal["send_email"]
    template_id: Id
    to: Literal["contact", "owner", "address"] = "contact"
    address: Annotated[str, Field(max_length=254)] | None = None

    @model_validator(mode="after")
    def _address(self) -> SendEmail:
        if self.to == "address" and not (self.address and "@" in self.address):
            raise ValueError("Give the address to send to")
        return self


class SendSms(_Step):
    kind: Literal["send_sms"]
    template_id: Id


class Webhook(_Step):
    """POST the contact and lead as JSON to a URL, signed with the tenant's webhook secret."""

    kind: Literal["webhook"]
    url: Annotated[str, Field(min_length=8, max_length=500, pattern=r"^https?://[^\s]+$")]


class Notify(_Step):
    kind: Literal["notify"]
    user_ids: list[Assignee] = Field(min_length=1, max_length=50)  # user ids, or "owner"
    message: Annotated[str, Field(min_length=1, max_length=300)]


class Tags(_Step):
    kind: Literal["add_tag", "remove_tag"]
    tags: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(min_length=1, max_length=20)
    target: Literal["lead", "contact"] = "lead"


class ChangeRole(_Step):
    kind: Literal["change_role"]
    role: Literal["Lead", "Prospect", "Client"]


class SetField(_Step):
    kind: Literal["set_field"]
    target: Literal["lead", "contact"] = "lead"
    field_key: Annotated[str, Field(pattern=r"^[a-z0-9_]{1,40}$")]
    value: Any = None


class MoveStage(_Step):
    kind: Literal["move_stage"]
    pipeline_id: Id
    stage_id: Id


class Wait(_Step):
    kind: Literal["wait"]
    mode: Literal["duration", "until", "business_hours", "condition"] = "duration"
    minutes: Annotated[int, Field(ge=1, le=525_600)] | None = None  # duration; condition: the timeout
    until: datetime | None = None
    match: Literal["all", "any"] = "all"  # condition
    conditions: list[Condition] = Field(default_factory=list, max_length=20)  # condition

    @model_validator(mode="after")
    def _complete(self) -> Wait:
        if self.mode == "duration" and not self.minutes:
            raise ValueError("Say how long to wait")
        if self.mode == "until" and self.until is None:
            raise ValueError("Say when to go on")
        if self.mode == "condition" and not self.conditions:
            raise ValueError("Say what to wait for")
        if self.mode == "condition" and not self.minutes:
            raise ValueError("Say how long to wait at most")
        if self.until is not None and self.until.tzinfo is None:
            raise ValueError("Give the time with its offset (for example 2026-12-01T09:00:00Z)")
        return self


class Enrol(_Step):
    kind: Literal["enrol"]
    workflow_id: Id


class End(_Step):
    kind: Literal["end"]


class IfElse(_Step):
    kind: Literal["if"]
    match: Literal["all", "any"] = "all"
    conditions: list[Condition] = Field(min_length=1, max_length=20)
    then: list[Step] = Field(default_factory=list, max_length=50)
    otherwise: list[Step] = Field(default_factory=list, max_length=50, alias="else")

    model_config = {"populate_by_name": True, "defer_build": True}


Step = Annotated[
    AssignOwner
    | CreateTask
    | ScheduleFollowUp
    | ManualAction
    | SendEmail
    | SendSms
    | Webhook
    | Notify
    | Tags
    | ChangeRole
    | SetField
    | MoveStage
    | Wait
    | Enrol
    | End
    | IfElse,
    Field(discriminator="kind"),
]
STEP_KINDS = (
    "assign_owner",
    "create_task",
    "schedule_followup",
    "manual_action",
    "send_email",
    "send_sms",
    "webhook",
    "notify",
    "add_tag",
    "remove_tag",
    "change_role",
    "set_field",
    "move_stage",
    "wait",
    "enrol",
    "end",
    "if",
)
MAX_STEPS = 100


class Definition(DomainModel):
    """A workflow's trigger, filters (all or any must hold to enrol) and steps."""

    trigger: Trigger
    match: Literal["all", "any"] = "all"
    filters: list[Condition] = Field(default_factory=list, max_length=20)
    steps: list[Step] = Field(default_factory=list, max_length=50)
    allow_reentry: bool = False  # may a contact (lead) be enrolled again once its enrolment ended
    business_hours: BusinessHours = Field(default_factory=BusinessHours)

    @model_validator(mode="after")
    def _unique_ids(self) -> Definition:
        seen: set[str] = set()
        for step in walk(self.steps):
            if step.id in seen:
                raise ValueError(f"Two steps have the id {step.id!r}")
            seen.add(step.id)
        if len(seen) > MAX_STEPS:
            raise ValueError(f"A workflow has at most {MAX_STEPS} steps")
        return self

    def dump(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


def walk(steps: list[Any]) -> Iterator[Any]:
    """Every step, depth first, in the order the builder shows them."""
    for step in steps:
        yield step
        if step.kind == "if":
            yield from walk(step.then)
            yield from walk(step.otherwise)


def find(steps: list[Any], step_id: str) -> Any | None:
    return next((step for step in walk(steps) if step.id == step_id), None)


def _trail(steps: list[Any], step_id: str) -> list[tuple[list[Any], int]] | None:
    """The lists (and positions) from the top down to the step: where it sits in the tree."""
    for index, step in enumerate(steps):
        if step.id == step_id:
            return [(steps, index)]
        if step.kind == "if":
            for branch in (step.then, step.otherwise):
                below = _trail(branch, step_id)
                if below is not None:
                    return [(steps, index), *below]
    return None


def first_step(steps: list[Any]) -> str | None:
    return steps[0].id if steps else None


def next_after(steps: list[Any], step_id: str) -> str | None:
    """The step that runs after `step_id` is done: its next sibling, else the step after the `if`
    whose branch it ends, and so on up; None at the end of the workflow."""
    trail = _trail(steps, step_id)
    if trail is None:
        return None
    for siblings, index in reversed(trail):
        if index + 1 < len(siblings):
            return str(siblings[index + 1].id)
    return None


def branch_start(step: IfElse, taken: bool) -> str | None:
    """The first step of the branch an `if` took; an empty branch goes on after the `if`."""
    branch = step.then if taken else step.otherwise
    return branch[0].id if branch else None
