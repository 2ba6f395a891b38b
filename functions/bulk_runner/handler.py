"""Bulk runner: resolves a bulk action's records and applies it a chunk per message
(convertly.bulk.run)."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.bulk.run import run_step
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.hold import held
from convertly.platform.observability import instrumented

processor = BatchProcessor(event_type=EventType.SQS)


def record_handler(record: SQSRecord) -> None:
    event = DomainEvent.from_eventbridge(json.loads(record.body))
    if held(event):  # a suspended tenant's bulk action waits for its reactivation
        return
    run_step(event)


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    response = process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
    return dict(response)
