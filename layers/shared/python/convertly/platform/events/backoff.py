"""Retry with backoff through SQS visibility: a failed message's visibility timeout is set to its
backoff, so it comes back after that delay instead of after the queue's whole visibility timeout.
Best effort: if the change fails, the message simply returns after the queue's own timeout."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import boto3

from convertly.platform.config import get_settings
from convertly.platform.observability import logger

MAX_VISIBILITY_SECONDS = 12 * 3600


class VisibilityBackoff:
    def __init__(self, client: Any = None) -> None:
        self._client = client
        self._urls: dict[str, str] = {}

    def _sqs(self) -> Any:
        if self._client is None:
            settings = get_settings()
            self._client = boto3.client(
                "sqs", region_name=settings.aws_region, endpoint_url=settings.aws_endpoint_url
            )
        return self._client

    def _queue_url(self, arn: str) -> str:
        if arn not in self._urls:
            _, _, _, _, account, name = arn.split(":", 5)
            self._urls[arn] = self._sqs().get_queue_url(QueueName=name, QueueOwnerAWSAccountId=account)[
                "QueueUrl"
            ]
        return self._urls[arn]

    def delay(self, records: list[Mapping[str, Any]], seconds: Mapping[str, int]) -> None:
        """Set each listed message's visibility to its delay (records: the SQS event's Records)."""
        by_queue: dict[str, list[dict[str, Any]]] = {}
        for record in records:
            message_id = str(record.get("messageId"))
            if message_id in seconds and record.get("eventSourceARN"):
                entry = {
                    "Id": str(len(by_queue.get(str(record["eventSourceARN"]), []))),
                    "ReceiptHandle": record["receiptHandle"],
                    "VisibilityTimeout": max(0, min(int(seconds[message_id]), MAX_VISIBILITY_SECONDS)),
                }
                by_queue.setdefault(str(record["eventSourceARN"]), []).append(entry)
        for arn, entries in by_queue.items():
            try:
                url = self._queue_url(arn)
                for start in range(0, len(entries), 10):
                    self._sqs().change_message_visibility_batch(
                        QueueUrl=url, Entries=entries[start : start + 10]
                    )
            except Exception:
                logger.warning(
                    "Could not delay the retry of failed messages", extra={"queue": arn.rsplit(":", 1)[-1]}
                )
