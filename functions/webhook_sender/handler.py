"""Webhook sender: posts the outbound webhooks workflows queued (`WebhookQueued`), signed, and records
every attempt in the delivery's log (convertly.automation.webhook_delivery).

The batch's deliveries are sent at once; each message is then reported through Powertools' partial
batch response: one to retry fails alone with its visibility set to its backoff, and after its last
attempt the queue moves it to the DLQ.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.automation.webhook_delivery import Message, WebhookSender
from convertly.platform.events.backoff import VisibilityBackoff
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.hold import held
from convertly.platform.observability import MetricUnit, instrumented, metrics

# A batch whose every message waits for a retry is still a partial response, not an exception.
processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)
# Per warm container: opened secrets, the queue URL.
SENDER = WebhookSender()
BACKOFF = VisibilityBackoff()


class WebhookRetryError(Exception):
    """The message's delivery is to be tried again (or, after its last attempt, dead-lettered)."""


def _message(record: dict[str, Any]) -> tuple[DomainEvent, Message] | None:
    """The message's event and delivery; None when the body is not a WebhookQueued event."""
    try:
        event = DomainEvent.from_eventbridge(json.loads(record["body"]))
        receives = int((record.get("attributes") or {}).get("ApproximateReceiveCount") or 1)
        message = Message(
            record["messageId"],
            receives,
            event.tenant_id,
            str(event.data["delivery_id"]),
            int(event.data.get("round") or 0),
        )
    except (ValueError, KeyError, TypeError):
        return None
    return event, message


def dispatch(event: dict[str, Any], sender: WebhookSender, backoff: VisibilityBackoff) -> set[str]:
    """The ids of the messages that fail (to retry after their backoff, or for the DLQ)."""
    records = event.get("Records") or []
    unreadable: set[str] = set()
    messages: list[Message] = []
    for record in records:
        parsed = _message(record)
        if parsed is None:
            unreadable.add(record["messageId"])  # reaches the DLQ after its receives
        elif not held(parsed[0]):  # a suspended tenant's webhooks wait for its reactivation
            messages.append(parsed[1])
    results = sender.send(messages)
    delays = {mid: r.retry_in for mid, r in results.items() if r.retry_in is not None}
    if delays:
        backoff.delay(records, delays)
    for result in results.values():
        name = "Dead" if result.dead else ("Retried" if result.retry_in is not None else "Done")
        metrics.add_metric(name=f"Webhooks.{name}", unit=MetricUnit.Count, value=1)
    return {mid for mid, r in results.items() if r.retry_in is not None or r.dead} | unreadable


@instrumented()
def handler(
    event: dict[str, Any],
    context: LambdaContext,
    sender: WebhookSender | None = None,
    backoff: VisibilityBackoff | None = None,
) -> dict[str, Any]:
    failed = dispatch(event, sender or SENDER, backoff or BACKOFF)

    def record_handler(record: SQSRecord) -> None:
        if record.message_id in failed:
            raise WebhookRetryError(record.message_id)

    response = process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
    return dict(response)
