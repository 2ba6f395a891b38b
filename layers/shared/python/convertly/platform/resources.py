"""The platform's AWS resources: the table, the event bus, the user pool, the web hosting, and the
platform's own functions (the outbox relay and the API docs)."""

from __future__ import annotations

from convertly.permissions import Role
from convertly.platform.names import TENANT_ATTRIBUTE
from convertly.platform.specs import (
    FunctionSpec,
    IndexSpec,
    StreamConsumerSpec,
    TableSpec,
    UploadsSpec,
    UserPoolSpec,
    WebSpec,
)

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
        # The lead list's other orders: last updated, value, name (live leads only, sparse). An
        # existing table takes them one deploy at a time (docs/data-model.md, "The lead list's sorts").
        IndexSpec("GSI7", "GSI7PK", "GSI7SK"),
        IndexSpec("GSI8", "GSI8PK", "GSI8SK"),
        IndexSpec("GSI9", "GSI9PK", "GSI9SK"),
    ),
    ttl_attribute="expires_at",
    stream_view_type="NEW_IMAGE",
)


EVENT_BUS = "convertly"

USER_POOL = UserPoolSpec(
    name="convertly-users",
    client_name="convertly-web",
    tenant_attribute=TENANT_ATTRIBUTE,
    groups=tuple(role.value for role in Role),
)

WEB = WebSpec(bucket="convertly-web", config_file="config.json")

# Uploaded spreadsheets and what imports make of them; kept 30 days (undo lasts 7).
UPLOADS = UploadsSpec(bucket="convertly-uploads", prefix="imports/", suffix="/source", expire_days=30)

STREAM_CONSUMERS: tuple[StreamConsumerSpec, ...] = (
    # Up to 100 events per invocation; the relay puts them on the bus ten per PutEvents call.
    StreamConsumerSpec(
        function="event_relay",
        filter_type="OutboxEvent",
        failure_queue="convertly-event-relay-dlq",
        batch_size=100,
    ),
)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec("docs", "OpenAPI document and Swagger UI"),
    FunctionSpec(
        "event_relay",
        "Outbox relay: table stream to the event bus",
        publishes_events=True,
        timeout_seconds=30,
    ),
)
