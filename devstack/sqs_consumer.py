"""An SQS queue drained into a Lambda handler with event-source-mapping semantics.

As on AWS: up to batch_size messages per invocation (gathered for at most the batching window),
`batchItemFailures` deletes only the successes, an exception or an unknown item identifier fails the
whole batch, and failed messages reappear after the visibility timeout until the queue's
RedrivePolicy (which moto applies on receive) moves them to the DLQ after maxReceiveCount receives.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from convertly.platform.specs import ConsumerSpec
from devstack import wakeups
from devstack.aws import LocalAws
from devstack.bootstrap import QueueRef
from devstack.functions import Handler, LazyHandler, lambda_context
from devstack.lambda_events import sqs_record
from devstack.worker import PollingWorker

_MAX_RECEIVE = 10  # SQS returns at most 10 messages per ReceiveMessage


class SqsConsumer(PollingWorker):
    """Feeds `queue` to `spec.function` (or to `handler`, which tests pass instead)."""

    def __init__(
        self,
        spec: ConsumerSpec,
        queue: QueueRef,
        aws: LocalAws,
        handler: Handler | None = None,
        *,
        idle_seconds: float = 0.25,
    ) -> None:
        # Short polls, not long ones: a long poll holds the snapshot gate for its whole wait. An idle
        # consumer waits for a message to reach its queue (devstack/wakeups.py).
        super().__init__(f"sqs.{spec.function}", idle_seconds=idle_seconds, wake_key=f"sqs:{queue.name}")
        self.spec = spec
        self.queue = queue
        self.region = aws.region
        self.handler = handler or LazyHandler(spec.function)
        self._sqs = aws.client("sqs")

    def poll_once(self) -> bool:
        if not wakeups.sqs_ready(self.queue.arn):  # nothing to receive: no request to moto
            return False
        messages = self._receive_batch()
        if not messages:
            return False
        failed = self._invoke(messages)
        done = [m for m in messages if m["MessageId"] not in failed]
        self._delete(done)
        # Quiet while all goes well (`POWERTOOLS_LOG_LEVEL`-style noise would bury the banner).
        level = logging.WARNING if failed else logging.DEBUG
        self.log.log(level, "%d message(s), %d failed", len(messages), len(failed))
        return True

    def _receive(self, count: int) -> list[dict[str, Any]]:
        response = self._sqs.receive_message(
            QueueUrl=self.queue.url,
            MaxNumberOfMessages=min(count, _MAX_RECEIVE),
            WaitTimeSeconds=0,
            MessageSystemAttributeNames=["All"],
            MessageAttributeNames=["All"],
        )
        return list(response.get("Messages", []))

    def _receive_batch(self) -> list[dict[str, Any]]:
        batch_size = self.spec.batch_size
        messages = self._receive(batch_size)
        if not messages:
            return []
        deadline = time.monotonic() + self.spec.max_batching_window_seconds
        while len(messages) < batch_size and time.monotonic() < deadline and not self.stopping:
            more = self._receive(batch_size - len(messages))
            messages += more
            if not more:
                time.sleep(0.05)
        return messages

    def _invoke(self, messages: list[dict[str, Any]]) -> set[str]:
        """The ids of the messages that failed."""
        ids = {m["MessageId"] for m in messages}
        event = {"Records": [sqs_record(m, self.queue.arn, self.region) for m in messages]}
        try:
            response = self.handler(event, lambda_context(self.spec.function))
        except Exception:
            self.log.exception("handler raised: the whole batch will be retried")
            return ids
        failures = response.get("batchItemFailures") if isinstance(response, dict) else None
        if not failures:
            return set()
        identifiers = [f.get("itemIdentifier") if isinstance(f, dict) else None for f in failures]
        if not all(isinstance(identifier, str) and identifier in ids for identifier in identifiers):
            self.log.error("batchItemFailures names unknown messages: the whole batch will be retried")
            return ids
        return {str(identifier) for identifier in identifiers}

    def _delete(self, messages: list[dict[str, Any]]) -> None:
        for start in range(0, len(messages), _MAX_RECEIVE):
            chunk = messages[start : start + _MAX_RECEIVE]
            self._sqs.delete_message_batch(
                QueueUrl=self.queue.url,
                Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(chunk)],
            )
