"""Smart lists consumer: keeps each list's members as contacts and their leads change, builds a list
after it is saved (or its filters or order change), and deletes a deleted list's members.

Each contact or lead event refreshes that contact in every list (reading what is stored now, so an
event delivered twice or late changes nothing wrongly). A build that runs out of time saves its place
and writes an event that brings it back; a deletion that does fails its record, so SQS delivers it
again. Every step is idempotent.
"""

from __future__ import annotations

import json
import time
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.contacts import membership
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.hold import held
from convertly.platform.observability import instrumented

processor = BatchProcessor(event_type=EventType.SQS)
# Each build step stops with this much of the function's time left, to save its place.
MARGIN_SECONDS = 10.0


class _Budget:
    def __init__(self, context: LambdaContext | None) -> None:
        remaining = context.get_remaining_time_in_millis() / 1000 if context is not None else 60.0
        self._deadline = time.monotonic() + max(1.0, remaining - MARGIN_SECONDS)

    def __call__(self) -> bool:
        return time.monotonic() < self._deadline


_budget = _Budget(None)


def record_handler(record: SQSRecord) -> None:
    event = DomainEvent.from_eventbridge(json.loads(record.body))
    if held(event):  # a suspended tenant's event waits for its reactivation
        return
    if event.detail_type == "SmartListBuild":
        membership.build(event.tenant_id, str(event.data["list_id"]), _budget)
        return
    if event.detail_type == "SmartListDeleted":
        done = membership.drop_members(
            event.tenant_id, str(event.data["list_id"]), int(event.data["generation"]), _budget
        )
        if not done:
            raise TimeoutError("members left to delete: the message comes back")
        return
    contact_id = membership.contact_of(event)
    if contact_id:
        membership.refresh_contact(event.tenant_id, contact_id)


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    global _budget
    _budget = _Budget(context)
    response = process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
    return dict(response)
