"""Conversions consumer: reports wins (and retractions, and Meta CRM events) to Google Ads and Meta.

The whole batch is dispatched at once (one request per tenant and platform), then each message is
reported through Powertools' partial batch response: a message with a transient outcome fails alone,
with its visibility set to its backoff; after its last receive the queue moves it to the DLQ.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.conversions.dispatch import ConversionDispatcher, Message
from convertly.platform.events.backoff import VisibilityBackoff
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.hold import held
from convertly.platform.observability import MetricUnit, instrumented, metrics

# A batch whose every message waits for a retry is still a partial response, not an exception.
processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)
# Per warm container: opened secrets, Google access tokens, the queue URL.
DISPATCHER = ConversionDispatcher()
BACKOFF = VisibilityBackoff()


class ConversionRetryError(Exception):
    """A conversion of this message met a transient failure; the message comes back after its backoff."""


def _message(record: dict[str, Any]) -> Message | None:
    try:
        event = DomainEvent.from_eventbridge(json.loads(record["body"]))
    except (ValueError, KeyError, TypeError):
        return None  # unreadable: its record fails below and reaches the DLQ
    receives = int((record.get("attributes") or {}).get("ApproximateReceiveCount") or 1)
    return Message(record["messageId"], receives, event)


def dispatch(event: dict[str, Any], dispatcher: ConversionDispatcher, backoff: VisibilityBackoff) -> set[str]:
    """The ids of the messages to retry (unreadable ones included)."""
    records = event.get("Records") or []
    messages = [_message(record) for record in records]
    unreadable = {
        record["messageId"] for record, message in zip(records, messages, strict=True) if message is None
    }
    # A suspended tenant's events wait for its reactivation (convertly.platform.events.hold).
    result = dispatcher.dispatch([m for m in messages if m is not None and not held(m.event)])
    if result.retries:
        backoff.delay(records, result.retries)
    for platform, kind, status in result.outcomes:
        metrics.add_metric(name=f"Conversions.{platform}.{status}", unit=MetricUnit.Count, value=1)
        if kind == "retraction" and status == "sent":
            metrics.add_metric(name="ConversionRetractions", unit=MetricUnit.Count, value=1)
    return set(result.retries) | unreadable


@instrumented()
def handler(
    event: dict[str, Any],
    context: LambdaContext,
    dispatcher: ConversionDispatcher | None = None,
    backoff: VisibilityBackoff | None = None,
) -> dict[str, Any]:
    failed = dispatch(event, dispatcher or DISPATCHER, backoff or BACKOFF)

    def record_handler(record: SQSRecord) -> None:
        if record.message_id in failed:
            raise ConversionRetryError(record.message_id)

    response = process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
    return dict(response)
