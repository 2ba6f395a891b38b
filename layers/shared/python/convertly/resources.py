"""Definitions of the AWS resources, shared by the CDK stack and the local stack bootstrap.

CDK turns these into CloudFormation; devstack creates the same things in moto. A change here changes
both, so local and production never drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    """An EventBridge rule on the custom bus that routes domain events to one consumer's queue."""

    name: str
    detail_types: tuple[str, ...]
    source_prefix: str = "convertly."


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
            detail_types=("LeadCreated", "LeadUpdated", "LeadDeleted", "LeadRestored", "NoteAdded"),
        ),
    ),
)

STREAM_CONSUMERS: tuple[StreamConsumerSpec, ...] = (
    StreamConsumerSpec(
        function="event_relay", filter_type="OutboxEvent", failure_queue="convertly-event-relay-dlq"
    ),
)

SCHEDULES: tuple[ScheduleSpec, ...] = ()

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


FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        "auth", "Sign-up, login, token refresh, password reset, profile", "readwrite", cognito_admin=True
    ),
    FunctionSpec("users", "Team: list and invite users", "readwrite", cognito_admin=True),
    FunctionSpec("pipelines", "Pipelines and stages", "read"),
    FunctionSpec("leads", "Lead CRUD, search, notes", "readwrite"),
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
)


def function_spec(name: str) -> FunctionSpec:
    return next(spec for spec in FUNCTIONS if spec.name == name)
