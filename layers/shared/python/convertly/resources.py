"""Definitions of the AWS resources, shared by the CDK stack and the local stack bootstrap.

CDK turns these into CloudFormation; devstack creates the same things in moto. A change here changes
both, so local and production never drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from convertly.names import TENANT_ATTRIBUTE
from convertly.permissions import Role


@dataclass(frozen=True)
class IndexSpec:
    name: str
    partition_key: str
    sort_key: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    partition_key: str
    sort_key: str
    indexes: tuple[IndexSpec, ...]
    ttl_attribute: str
    stream_view_type: str  # the outbox relay reads new images from the table's stream


@dataclass(frozen=True)
class RuleSpec:
    """An EventBridge rule on the custom bus that routes domain events to one consumer's queue.

    `detail_filters` narrows a detail type to the events whose `detail` matches an EventBridge content
    filter; the other detail types match every event of theirs. CDK and the local stack both install
    `event_pattern()`, so production and moto filter alike.
    """

    name: str
    detail_types: tuple[str, ...]
    source_prefix: str = "convertly."
    detail_filters: tuple[tuple[str, Mapping[str, Any]], ...] = field(default=(), hash=False)

    def event_pattern(self) -> dict[str, Any]:
        """The rule's event pattern: one alternative per filtered detail type, one for all the others."""
        filters = dict(self.detail_filters)
        if not set(filters) <= set(self.detail_types):
            raise ValueError(f"{self.name}: filters name detail types the rule does not route")
        plain = [detail_type for detail_type in self.detail_types if detail_type not in filters]
        alternatives: list[dict[str, Any]] = [{"detail-type": plain}] if plain else []
        alternatives += [
            {"detail-type": [detail_type], "detail": dict(filters[detail_type])}
            for detail_type in self.detail_types
            if detail_type in filters
        ]
        pattern: dict[str, Any] = {"source": [{"prefix": self.source_prefix}]}
        if len(alternatives) == 1:
            pattern.update(alternatives[0])
        else:
            pattern["$or"] = alternatives
        return pattern


@dataclass(frozen=True)
class ConsumerSpec:
    """An SQS consumer: queue + DLQ + redrive, fed by a rule, drained by one Lambda function."""

    function: str
    queue: str
    dead_letter_queue: str
    rule: RuleSpec
    max_receive_count: int = 5
    # AWS's advice for an SQS event source: six times the function's timeout (tests/unit checks it).
    visibility_timeout_seconds: int = 180
    batch_size: int = 10
    max_batching_window_seconds: int = 1


@dataclass(frozen=True)
class StreamConsumerSpec:
    """A DynamoDB stream consumer with a record filter and an SQS on-failure destination."""

    function: str
    filter_type: str  # only items whose `type` attribute equals this reach the function
    failure_queue: str
    batch_size: int = 10
    max_retry_attempts: int = 10


@dataclass(frozen=True)
class ScheduleSpec:
    function: str
    rate_minutes: int


@dataclass(frozen=True)
class UserPoolSpec:
    name: str
    client_name: str
    tenant_attribute: str  # custom attribute holding the tenant id; the only source of a request's tenant
    groups: tuple[str, ...]
    # What the app client may read; these claims land in the ID token (name shows on notes and the profile).
    read_attributes: tuple[str, ...] = ("email", "email_verified", "name", "custom:tenant_id")
    password_min_length: int = 10


@dataclass(frozen=True)
class WebSpec:
    """Where the SPA is hosted, and the file that tells it its API and user pool at start-up."""

    bucket: str  # the local bucket's name; on AWS the account and region follow it (S3 names are global)
    config_file: str


TABLE = TableSpec(
    name="convertly",
    partition_key="PK",
    sort_key="SK",
    indexes=(
        IndexSpec("GSI1", "GSI1PK", "GSI1SK"),
        IndexSpec("GSI2", "GSI2PK", "GSI2SK"),
        IndexSpec("GSI3", "GSI3PK", "GSI3SK"),
        IndexSpec("GSI4", "GSI4PK", "GSI4SK"),
        IndexSpec("GSI5", "GSI5PK", "GSI5SK"),
        # The due index: platform-level minute buckets, sparse (docs/data-model.md).
        IndexSpec("GSI6", "GSI6PK", "GSI6SK"),
    ),
    ttl_attribute="expires_at",
    stream_view_type="NEW_IMAGE",
)

EVENT_BUS = "convertly"

CONSUMERS: tuple[ConsumerSpec, ...] = (
    ConsumerSpec(
        function="audit_log",
        queue="convertly-audit-log",
        dead_letter_queue="convertly-audit-log-dlq",
        rule=RuleSpec(
            name="convertly-audit-log",
            detail_types=(
                "LeadCreated",
                "LeadUpdated",
                "LeadDeleted",
                "LeadRestored",
                "NoteAdded",
                "LeadStageChanged",
                "LeadTouched",
            ),
        ),
    ),
    # Pipeline: conversions, notifications, and the lead moves of a stage being deleted.
    ConsumerSpec(
        function="conversions",
        queue="convertly-conversions",
        dead_letter_queue="convertly-conversions-dlq",
        rule=RuleSpec(
            name="convertly-conversions",
            detail_types=("LeadStageChanged", "ConversionReplayRequested"),
            # Wins, reopened wins, and any move of a lead from Meta (`source` meta_ads: a Lead Ads
            # lead's mapped stages are sent as CRM events); an admin's replay request.
            detail_filters=(
                (
                    "LeadStageChanged",
                    {
                        "data": {
                            "$or": [
                                {"to_kind": ["won"]},
                                {"reopened": [True]},
                                {"source": ["meta_ads"]},
                            ]
                        }
                    },
                ),
            ),
        ),
    ),
    ConsumerSpec(
        function="notifier",
        queue="convertly-notifications",
        dead_letter_queue="convertly-notifications-dlq",
        rule=RuleSpec(
            name="convertly-notifications",
            detail_types=("LeadCreated", "LeadUpdated", "LeadStageChanged"),
            # Of the updates, only a change of owner notifies anyone.
            detail_filters=(
                ("LeadUpdated", {"data": {"changes": {"owner_id": {"to": [{"exists": True}]}}}}),
            ),
        ),
    ),
    ConsumerSpec(
        function="stage_deletion",
        queue="convertly-stage-deletion",
        dead_letter_queue="convertly-stage-deletion-dlq",
        rule=RuleSpec(name="convertly-stage-deletion", detail_types=("StageDeletionStarted",)),
        visibility_timeout_seconds=6 * 300,
        batch_size=1,
        max_batching_window_seconds=0,
    ),
    # Lead capture: a round-robin form's new leads get their owner here, off the submit path.
    ConsumerSpec(
        function="lead_assignment",
        queue="convertly-lead-assignment",
        dead_letter_queue="convertly-lead-assignment-dlq",
        rule=RuleSpec(
            name="convertly-lead-assignment",
            detail_types=("LeadCreated",),
            detail_filters=(("LeadCreated", {"data": {"form": {"assignment": ["round_robin"]}}}),),
        ),
    ),
)

STREAM_CONSUMERS: tuple[StreamConsumerSpec, ...] = (
    # Up to 100 events per invocation; the relay puts them on the bus ten per PutEvents call.
    StreamConsumerSpec(
        function="event_relay",
        filter_type="OutboxEvent",
        failure_queue="convertly-event-relay-dlq",
        batch_size=100,
    ),
)

SCHEDULES: tuple[ScheduleSpec, ...] = (
    # Follow-ups and tasks: reminders and the mail outbox, every minute.
    ScheduleSpec(function="reminders", rate_minutes=1),
)

USER_POOL = UserPoolSpec(
    name="convertly-users",
    client_name="convertly-web",
    tenant_attribute=TENANT_ATTRIBUTE,
    groups=tuple(role.value for role in Role),
)

WEB = WebSpec(bucket="convertly-web", config_file="config.json")


def event_functions() -> tuple[str, ...]:
    """Functions fed by queues, the table stream or schedules (not behind API Gateway)."""
    names = [c.function for c in CONSUMERS] + [c.function for c in STREAM_CONSUMERS]
    names += [s.function for s in SCHEDULES]
    return tuple(dict.fromkeys(names))


@dataclass(frozen=True)
class FunctionSpec:
    """What one Lambda function is and what it may touch; CDK grants exactly this (least privilege)."""

    name: str
    description: str
    table_access: str = ""  # "", "read" or "readwrite"
    publishes_events: bool = False
    cognito_admin: bool = False
    memory_mb: int = 512
    timeout_seconds: int = 10
    secrets_key: str = ""  # "", "encrypt", "decrypt" or "encrypt_decrypt": the per-tenant secrets KMS key
    stripe: bool = False  # reads the Stripe keys secret (STRIPE_SECRET_ARN)
    meta_app: bool = False  # reads the Meta app's secret and webhook verify token (META_APP_SECRET_ARN)
    sends_mail: bool = False  # may send email through SES (the platform's default mail transport)


FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        "auth", "Sign-up, login, token refresh, password reset, profile", "readwrite", cognito_admin=True
    ),
    FunctionSpec("users", "Team: list and invite users", "readwrite", cognito_admin=True),
    FunctionSpec("pipelines", "Pipelines and stages: settings and the Kanban board", "readwrite"),
    FunctionSpec("leads", "Lead CRUD, search, notes", "readwrite"),
    # Lead capture: the form builder, the public submit function, round-robin owners.
    FunctionSpec("forms", "Form builder: forms, publishing, submissions", "readwrite", secrets_key="encrypt"),
    FunctionSpec(
        "form_submit",
        "Public form posts: hosted page, definition, CORS, submissions",
        "readwrite",
        secrets_key="decrypt",
    ),
    FunctionSpec(
        "lead_assignment",
        "Gives round-robin forms' new leads their owner",
        "readwrite",
        timeout_seconds=30,
    ),
    FunctionSpec("docs", "OpenAPI document and Swagger UI"),
    FunctionSpec(
        "event_relay",
        "Outbox relay: table stream to the event bus",
        publishes_events=True,
        timeout_seconds=30,
    ),
    FunctionSpec(
        "audit_log", "Writes every domain event to the tenant's audit log", "readwrite", timeout_seconds=30
    ),
    # Pipeline: stage moves, in-app notifications, and the lead moves of a stage being deleted.
    FunctionSpec("stage_change", "Moves a lead to another stage: history, counters, event", "readwrite"),
    FunctionSpec("notifications", "In-app notifications: list, unread count, mark read", "readwrite"),
    FunctionSpec("notifier", "Writes in-app notifications for lead events", "readwrite", timeout_seconds=30),
    FunctionSpec(
        "stage_deletion",
        "Moves the leads of a stage being deleted in batches, then deletes it",
        "readwrite",
        timeout_seconds=300,
    ),
    # Billing: the Billing page's API, and Stripe's webhook (no token; it verifies Stripe's signature).
    FunctionSpec(
        "billing",
        "Billing: plan, usage, subscribe, change plan, cancel, portal",
        "readwrite",
        stripe=True,
        timeout_seconds=20,  # a subscription's first charge waits on Stripe
    ),
    FunctionSpec(
        "billing_webhook",
        "Stripe webhook: applies subscription changes to tenants",
        "readwrite",
        stripe=True,
        timeout_seconds=20,
    ),
    # Conversions: won revenue to Google Ads and Meta with a ledger, the settings and log API, and the
    # Meta Lead Ads webhook (no token; it verifies Meta's signature).
    FunctionSpec(
        "conversions",
        "Sends won revenue to Google Ads and Meta and records every attempt in the ledger",
        "readwrite",
        timeout_seconds=30,
        secrets_key="decrypt",
    ),
    FunctionSpec(
        "ads_settings",
        "Ad platform settings, connection tests, the conversions log and replay",
        "readwrite",
        timeout_seconds=25,
        secrets_key="encrypt_decrypt",
    ),
    FunctionSpec(
        "meta_webhook",
        "Meta Lead Ads webhook: verifies the signature, fetches each lead, creates it once",
        "readwrite",
        timeout_seconds=25,
        secrets_key="decrypt",
        meta_app=True,
    ),
    # Follow-ups and tasks: the queues' APIs, email settings and preferences, and the reminder run.
    FunctionSpec("followups", "Follow-ups on leads: schedule, queue, complete, snooze", "readwrite"),
    FunctionSpec("tasks", "Tasks: create, assign, queue with filters, bulk complete", "readwrite"),
    FunctionSpec(
        "settings",
        "Tenant email (SMTP) settings, test email, notification preferences",
        "readwrite",
        timeout_seconds=30,
        secrets_key="encrypt_decrypt",
        sends_mail=True,
    ),
    FunctionSpec(
        "reminders",
        "Every minute: reminds of due and overdue follow-ups and tasks, sends queued email",
        "readwrite",
        timeout_seconds=60,
        secrets_key="decrypt",
        sends_mail=True,
    ),
)


def function_spec(name: str) -> FunctionSpec:
    return next(spec for spec in FUNCTIONS if spec.name == name)
