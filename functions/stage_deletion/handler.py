"""Stage deletion consumer: moves the leads of a stage being deleted, then deletes the stage.

Each invocation works until its time is nearly up; if leads remain it records a new
StageDeletionStarted event, which brings the job back through the bus (see
convertly/pipelines/stage_deletion.py). Running a job twice moves every lead once.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.pipelines.stage_deletion import continue_deletion
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.hold import held
from convertly.platform.observability import MetricUnit, instrumented, metrics

processor = BatchProcessor(event_type=EventType.SQS)
# Stop starting batches this long before the function's timeout (a batch takes well under a second).
SAFETY_SECONDS = 20.0


def _handler_for(context: LambdaContext) -> Any:
    def record_handler(record: SQSRecord) -> None:
        event = DomainEvent.from_eventbridge(json.loads(record.body))
        if held(event):  # a suspended tenant's event waits for its reactivation
            return
        result = continue_deletion(
            event, lambda: context.get_remaining_time_in_millis() / 1000 - SAFETY_SECONDS
        )
        metrics.add_metric(name="StageLeadsMoved", unit=MetricUnit.Count, value=result.moved)

    return record_handler


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    response = process_partial_response(
        event=event, record_handler=_handler_for(context), processor=processor, context=context
    )
    return dict(response)
