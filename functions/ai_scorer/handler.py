"""AI scorer: rescores a lead on each of its events with the tenant's served model
(convertly.ai.scorer). A redelivered event finds its marker and changes nothing; a message that cannot
be handled fails alone (partial batch response) and reaches the DLQ after its retries."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.ai.scorer import Scorer
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.observability import instrumented

processor = BatchProcessor(event_type=EventType.SQS)
SCORER = Scorer()  # per warm container: the served models, kept a few minutes


def record_handler(record: SQSRecord) -> None:
    SCORER.handle(DomainEvent.from_eventbridge(json.loads(record.body)))


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    response = process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
    return dict(response)
