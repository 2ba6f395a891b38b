"""Import runner: inspects an uploaded spreadsheet (the uploads bucket's notification) and runs an
import a chunk per message, or undoes one a page per message (convertly.imports.run)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote_plus

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.imports.run import handle_upload, run_chunk, run_undo
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.hold import held
from convertly.platform.observability import instrumented

processor = BatchProcessor(event_type=EventType.SQS)
_UNDO = ("ImportUndoRequested", "ImportUndoContinued")


def record_handler(record: SQSRecord) -> None:
    body = json.loads(record.body)
    if "Records" in body or body.get("Event") == "s3:TestEvent":
        for entry in body.get("Records", []):
            if str(entry.get("eventName", "")).startswith("ObjectCreated"):
                s3 = entry["s3"]
                handle_upload(unquote_plus(s3["object"]["key"]), int(s3["object"].get("size") or 0))
        return
    event = DomainEvent.from_eventbridge(body)
    if held(event):  # a suspended tenant's import waits for its reactivation
        return
    if event.detail_type in _UNDO:
        run_undo(event)
    else:
        run_chunk(event)


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    response = process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
    return dict(response)
