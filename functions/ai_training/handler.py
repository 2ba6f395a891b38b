"""AI training: trains one tenant's score model per message (ScoreTrainingRequested) and rescores its
open leads (convertly.ai.training_job). numpy and scikit-learn ship in this function's own bundle
(requirements.txt here), not in the shared layer."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.ai.training_job import train_tenant
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.observability import instrumented, logger

processor = BatchProcessor(event_type=EventType.SQS)


def record_handler(record: SQSRecord) -> None:
    event = DomainEvent.from_eventbridge(json.loads(record.body))
    report = train_tenant(event.tenant_id)
    logger.info("score model training", extra={"report": asdict(report)})


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    response = process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
    return dict(response)
