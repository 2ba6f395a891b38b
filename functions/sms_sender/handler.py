"""SMS sender: sends each queued text (SmsQueued) through the tenant's Twilio account, once.

Each message of the batch is delivered in turn (convertly.messaging.sms_sender); a message whose text
met a transient failure (429, 5xx, a timeout), or whose text another delivery is sending, fails alone
through Powertools' partial batch response, with its visibility set to its backoff; its last receive
records the text as failed instead. An unreadable message fails until the queue moves it to its DLQ.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.messaging.sms_sender import SmsSender
from convertly.platform.events.backoff import VisibilityBackoff
from convertly.platform.observability import MetricUnit, instrumented, metrics

# A batch whose every message waits for a retry is still a partial response, not an exception.
processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)
# Per warm container: the opened Auth Tokens, the queue URL.
SENDER = SmsSender()
BACKOFF = VisibilityBackoff()


class SmsRetryError(Exception):
    """The message's text was not settled; it comes back after its backoff."""


@instrumented()
def handler(
    event: dict[str, Any],
    context: LambdaContext,
    sender: SmsSender | None = None,
    backoff: VisibilityBackoff | None = None,
) -> dict[str, Any]:
    records = event.get("Records") or []
    result = (sender or SENDER).send_batch(records)
    if result.retries:
        (backoff or BACKOFF).delay(records, result.retries)
    for outcome in result.outcomes:
        metrics.add_metric(name=f"Sms.{outcome}", unit=MetricUnit.Count, value=1)
    failed = set(result.retries) | result.unreadable

    def record_handler(record: SQSRecord) -> None:
        if record.message_id in failed:
            raise SmsRetryError(record.message_id)

    response = process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
    return dict(response)
