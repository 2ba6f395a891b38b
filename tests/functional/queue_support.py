"""What the consumer tests share: an SQS record of a consumer's queue as Lambda hands it over, and a
backoff that keeps the delays a handler asked for instead of changing the (made-up) messages'
visibility."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from convertly.platform.events.backoff import VisibilityBackoff
from tests.functional.conftest import LocalAws


def queue_record(
    body: Mapping[str, Any], aws: LocalAws, consumer: str, *, receives: int = 1, message_id: str | None = None
) -> dict[str, Any]:
    """One SQS record of `consumer`'s queue carrying `body`, received `receives` times."""
    return {
        "messageId": message_id or str(uuid.uuid4()),
        "receiptHandle": f"handle-{uuid.uuid4().hex}",
        "body": json.dumps(body),
        "attributes": {"ApproximateReceiveCount": str(receives), "SentTimestamp": "0"},
        "messageAttributes": {},
        "md5OfBody": "",
        "eventSource": "aws:sqs",
        "eventSourceARN": aws.consumers[consumer].queue.arn,
        "awsRegion": "us-east-1",
    }


class RecordedBackoff(VisibilityBackoff):
    """Keeps the delays instead of changing visibility (the records' receipt handles are made up)."""

    def __init__(self) -> None:
        super().__init__()
        self.delays: dict[str, int] = {}

    def delay(self, records: Any, seconds: Mapping[str, int]) -> None:
        self.delays.update(seconds)
