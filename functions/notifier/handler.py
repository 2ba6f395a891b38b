"""Notification consumer: turns lead events into in-app notifications for the right users.

Idempotent on (event id, recipient): delivering a message again writes nothing. A message that
cannot be handled fails alone (partial batch response) and reaches the DLQ after its retries.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.notifications.event_mail import queue_event_mail
from convertly.notifications.notifier import notify
from convertly.notifications.preferences import StoredPreferences
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.hold import held
from convertly.platform.observability import MetricUnit, instrumented, metrics

processor = BatchProcessor(event_type=EventType.SQS)


def record_handler(record: SQSRecord) -> None:
    event = DomainEvent.from_eventbridge(json.loads(record.body))
    if held(event):  # a suspended tenant's event waits for its reactivation
        return
    preferences = StoredPreferences()  # each user's channels: in-app, email, both or none
    notified = notify(event, preferences)
    queued = queue_event_mail(event, preferences)
    metrics.add_metric(name="NotificationsWritten", unit=MetricUnit.Count, value=len(notified))
    metrics.add_metric(name="NotificationMailsQueued", unit=MetricUnit.Count, value=len(queued))


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    response = process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
    return dict(response)
