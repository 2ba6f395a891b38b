"""Creates every resource of `convertly.resources` in moto; safe to run again on existing state."""

from __future__ import annotations

from dataclasses import dataclass, field

from convertly import resources
from convertly.platform.specs import ConsumerSpec, StreamConsumerSpec, TableSpec, UserPoolSpec
from devstack.aws import LocalAws
from devstack.bootstrap.auth import UserPoolRef, ensure_user_pool
from devstack.bootstrap.extras import ensure_bucket, ensure_key, ensure_sender, ensure_uploads
from devstack.bootstrap.messaging import (
    ConsumerQueues,
    QueueRef,
    ensure_bus,
    ensure_consumer,
    ensure_failure_queue,
)
from devstack.bootstrap.table import ensure_table

__all__ = ["ConsumerQueues", "Definitions", "Outputs", "QueueRef", "UserPoolRef", "bootstrap"]


@dataclass(frozen=True)
class Definitions:
    """What to create; the defaults are the production definitions, tests pass smaller ones."""

    table: TableSpec = resources.TABLE
    event_bus: str = resources.EVENT_BUS
    consumers: tuple[ConsumerSpec, ...] = resources.CONSUMERS
    stream_consumers: tuple[StreamConsumerSpec, ...] = resources.STREAM_CONSUMERS
    user_pool: UserPoolSpec = resources.USER_POOL


@dataclass(frozen=True)
class Outputs:
    """Names, ids and URLs of what exists, keyed by consuming function where there is one."""

    table_name: str
    stream_arn: str
    event_bus_name: str
    event_bus_arn: str
    user_pool: UserPoolRef
    consumer_queues: dict[str, ConsumerQueues] = field(default_factory=dict)
    failure_queues: dict[str, QueueRef] = field(default_factory=dict)
    web_bucket: str = ""
    uploads_bucket: str = ""
    secrets_key_id: str = ""
    mail_sender: str = ""


def bootstrap(aws: LocalAws, definitions: Definitions | None = None) -> Outputs:
    spec = definitions or Definitions()
    sqs, events = aws.client("sqs"), aws.client("events")
    stream_arn = ensure_table(aws.client("dynamodb"), spec.table)
    bus_arn = ensure_bus(events, spec.event_bus)
    queues = {c.function: ensure_consumer(sqs, events, spec.event_bus, c) for c in spec.consumers}
    uploads_queue = next((queues[c.function].queue.arn for c in spec.consumers if c.uploads), None)
    return Outputs(
        table_name=spec.table.name,
        stream_arn=stream_arn,
        event_bus_name=spec.event_bus,
        event_bus_arn=bus_arn,
        user_pool=ensure_user_pool(aws.client("cognito-idp"), spec.user_pool),
        consumer_queues=queues,
        failure_queues={c.function: ensure_failure_queue(sqs, c) for c in spec.stream_consumers},
        web_bucket=ensure_bucket(aws.client("s3")),
        uploads_bucket=ensure_uploads(aws.client("s3"), uploads_queue),
        secrets_key_id=ensure_key(aws.client("kms")),
        mail_sender=ensure_sender(aws.client("ses")),
    )
