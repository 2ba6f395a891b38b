"""AI answers: writes the answer to each pipeline question (convertly.ai.questions), one question per
message. A redelivered question finds its answer done, failed or under a live lease and does nothing;
a message that fails before its answer is taken fails alone (partial batch response) and comes back."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.ai.questions import Answerer, deadline
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.hold import held
from convertly.platform.observability import instrumented

processor = BatchProcessor(event_type=EventType.SQS)
ANSWERER = Answerer()  # per warm container: the OpenAI client


def record_handler(record: SQSRecord) -> None:
    event = DomainEvent.from_eventbridge(json.loads(record.body))
    if held(event):  # a suspended tenant's event waits for its reactivation
        return
    ANSWERER.handle(event)


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    ANSWERER.time_left = deadline(remaining() / 1000 if remaining else 120.0)
    response = process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
    return dict(response)
