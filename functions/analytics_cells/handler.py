"""Analytics cells consumer: each event's leads (or task) get their contribution to the aggregates
brought up to date, each record once per batch. A redelivery, or an older event after a newer one,
writes nothing more. A record whose refresh fails fails the messages that named it (partial batch
response): the queue gives them again."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.analytics.refresh import refresh_batch
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.hold import held
from convertly.platform.observability import instrumented


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    records = event.get("Records") or []
    by_event: dict[str, list[str]] = {}
    events = []
    for record in records:
        parsed = DomainEvent.from_eventbridge(json.loads(record["body"]))
        if held(parsed):  # a suspended tenant's event waits for its reactivation
            continue
        by_event.setdefault(parsed.event_id, []).append(record["messageId"])
        events.append(parsed)
    failed, _ = refresh_batch(events)
    return {
        "batchItemFailures": [
            {"itemIdentifier": message_id} for event_id in sorted(failed) for message_id in by_event[event_id]
        ]
    }
