"""The event bus, each consumer's queue + DLQ + rule, and each stream consumer's failure queue."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from convertly.platform.specs import ConsumerSpec, StreamConsumerSpec

log = logging.getLogger("devstack.bootstrap")

DLQ_RETENTION_SECONDS = 14 * 24 * 3600  # as the CDK stack's DLQs: two weeks to inspect and replay


@dataclass(frozen=True)
class QueueRef:
    name: str
    url: str
    arn: str


@dataclass(frozen=True)
class ConsumerQueues:
    queue: QueueRef
    dead_letter_queue: QueueRef


def ensure_bus(events: Any, name: str) -> str:
    try:
        return str(events.describe_event_bus(Name=name)["Arn"])
    except events.exceptions.ResourceNotFoundException:
        log.info("creating event bus %s", name)
        return str(events.create_event_bus(Name=name)["EventBusArn"])


def ensure_queue(sqs: Any, name: str, attributes: dict[str, str]) -> QueueRef:
    """Create the queue, or bring an existing one's attributes in line with the spec."""
    try:
        url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
        sqs.set_queue_attributes(QueueUrl=url, Attributes=attributes)
    except sqs.exceptions.QueueDoesNotExist:
        log.info("creating queue %s", name)
        url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return QueueRef(name=name, url=url, arn=arn)


def ensure_consumer(sqs: Any, events: Any, bus_name: str, spec: ConsumerSpec) -> ConsumerQueues:
    """DLQ, then the queue redriving to it, then the rule that feeds the queue (put_* are upserts)."""
    dlq = ensure_queue(sqs, spec.dead_letter_queue, {"MessageRetentionPeriod": str(DLQ_RETENTION_SECONDS)})
    redrive = {"deadLetterTargetArn": dlq.arn, "maxReceiveCount": spec.max_receive_count}
    queue = ensure_queue(
        sqs,
        spec.queue,
        {"VisibilityTimeout": str(spec.visibility_timeout_seconds), "RedrivePolicy": json.dumps(redrive)},
    )
    events.put_rule(
        Name=spec.rule.name,
        EventBusName=bus_name,
        EventPattern=json.dumps(spec.rule.event_pattern()),  # the pattern CDK installs too
        State="ENABLED",
    )
    events.put_targets(
        Rule=spec.rule.name, EventBusName=bus_name, Targets=[{"Id": spec.queue, "Arn": queue.arn}]
    )
    return ConsumerQueues(queue=queue, dead_letter_queue=dlq)


def ensure_failure_queue(sqs: Any, spec: StreamConsumerSpec) -> QueueRef:
    return ensure_queue(sqs, spec.failure_queue, {"MessageRetentionPeriod": str(DLQ_RETENTION_SECONDS)})
