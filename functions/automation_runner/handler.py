"""Automation consumer: starts the workflows lead and contact events trigger, runs enrolments made
elsewhere, wakes waiting ones when the tick says their time came, and ends a deleted lead's.

A step runs at most once per enrolment however often a message arrives (convertly.automation.engine).
A message that cannot be handled fails alone (partial batch response) and reaches the DLQ after its
retries, from where it is replayed.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.automation.consumer import Consumer
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.hold import held
from convertly.platform.observability import instrumented

processor = BatchProcessor(event_type=EventType.SQS)


def record_handler(record: SQSRecord) -> None:
    event = DomainEvent.from_eventbridge(json.loads(record.body))
    if held(event):  # a suspended tenant's workflows wait for its reactivation
        return
    Consumer().handle(event)


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    response = process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
    return dict(response)
