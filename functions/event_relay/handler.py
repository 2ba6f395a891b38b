"""Outbox relay: publishes the domain events that the table stream hands over to the event bus.

The stream's event source mapping filters on new OutboxEvent items, so every committed change's
event is published at least once; consumers are idempotent on the event id. Records are published
in PutEvents calls of ten; a record the bus refused is reported as the batch's first failure, so
the stream retries from there (the records before it are not sent again).
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.platform.events.publisher import EventBridgePublisher, EventPublisher
from convertly.platform.events.stream import event_from_stream_image
from convertly.platform.observability import MetricUnit, instrumented, logger, metrics


def relay(event: dict[str, Any], publisher: EventPublisher) -> dict[str, Any]:
    records = [r for r in event.get("Records", []) if r.get("eventName") == "INSERT"]
    events = [event_from_stream_image(r["dynamodb"]["NewImage"]) for r in records]
    failed = set(publisher.publish(events))
    metrics.add_metric(name="EventsRelayed", unit=MetricUnit.Count, value=len(events) - len(failed))
    for record, domain_event in zip(records, events, strict=True):
        if domain_event.event_id in failed:
            logger.warning("Event not accepted by the bus", extra={"event_id": domain_event.event_id})
            return {"batchItemFailures": [{"itemIdentifier": record["dynamodb"]["SequenceNumber"]}]}
    return {"batchItemFailures": []}


_publisher: EventPublisher | None = None


@instrumented()
def handler(
    event: dict[str, Any], context: LambdaContext, publisher: EventPublisher | None = None
) -> dict[str, Any]:
    global _publisher
    if publisher is None:
        _publisher = _publisher or EventBridgePublisher()
        publisher = _publisher
    return relay(event, publisher)
