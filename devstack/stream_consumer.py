"""The table's DynamoDB stream fed to a Lambda handler with event-source-mapping semantics.

As on AWS with a filter and ReportBatchItemFailures: only INSERTs whose new image has
`type == filter_type` are delivered, in order, batch_size at a time; a failure (an exception, or the
lowest SequenceNumber in `batchItemFailures`) is retried from that record; after max_retry_attempts
retries the failed records go to the failure queue and the stream moves on.

The checkpoint (last sequence number handled) is saved with the moto snapshot, so a restart resumes
where the snapshot was taken: records handled after the last snapshot are delivered again, which
consumers tolerate because they are idempotent on the event id (at-least-once, as on AWS).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from convertly.platform.specs import StreamConsumerSpec
from devstack.aws import LocalAws
from devstack.bootstrap import QueueRef
from devstack.functions import Handler, LazyHandler, lambda_context
from devstack.lambda_events import stream_record
from devstack.worker import PollingWorker

_READ_LIMIT = 1000


@dataclass(frozen=True)
class Checkpoint:
    shard_id: str
    sequence_number: str  # the last record handled (delivered, filtered out or sent to the failure queue)


def _sequence(record: dict[str, Any]) -> str:
    return str(record["dynamodb"]["SequenceNumber"])


class StreamConsumer(PollingWorker):
    """Feeds the stream at `stream_arn` to `spec.function` (or to `handler`, which tests pass instead)."""

    def __init__(
        self,
        spec: StreamConsumerSpec,
        stream_arn: str,
        failure_queue: QueueRef,
        aws: LocalAws,
        handler: Handler | None = None,
        *,
        checkpoint: Checkpoint | None = None,
        idle_seconds: float = 0.5,
        retry_delay_seconds: float = 1.0,
    ) -> None:
        # An idle consumer waits for a record to reach the table's stream (devstack/wakeups.py); the
        # ARN is arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>.
        table = stream_arn.split(":table/", 1)[-1].split("/", 1)[0]
        super().__init__(f"stream.{spec.function}", idle_seconds=idle_seconds, wake_key=f"stream:{table}")
        self.spec = spec
        self.stream_arn = stream_arn
        self.failure_queue = failure_queue
        self.handler = handler or LazyHandler(spec.function)
        self.checkpoint = checkpoint
        self.retry_delay_seconds = retry_delay_seconds
        self._streams = aws.client("dynamodbstreams")
        self._sqs = aws.client("sqs")
        self._shard_id: str | None = None
        self._failing: tuple[str, int] | None = None  # (sequence number, failed attempts)

    def poll_once(self) -> bool:
        records = self._read()
        if not records:
            return False
        batch = [r for r in records if self._wanted(r)][: self.spec.batch_size]
        if not batch:
            self._advance(records[-1])
            return True
        failed_at = self._invoke(batch)
        if failed_at is None:
            self._failing = None
            self._advance(batch[-1])
            self.log.debug("%d record(s) delivered", len(batch))
        else:
            self._on_failure(records, batch, failed_at)
        return True

    def _wanted(self, record: dict[str, Any]) -> bool:
        image = record.get("dynamodb", {}).get("NewImage", {})
        return record.get("eventName") == "INSERT" and image.get("type", {}).get("S") == self.spec.filter_type

    def _read(self) -> list[dict[str, Any]]:
        if self._shard_id is None:
            shards = self._streams.describe_stream(StreamArn=self.stream_arn)["StreamDescription"]["Shards"]
            self._shard_id = str(shards[0]["ShardId"])  # moto keeps one shard per table
        position: dict[str, str] = {"ShardIteratorType": "TRIM_HORIZON"}
        if self.checkpoint and self.checkpoint.shard_id == self._shard_id:
            position = {
                "ShardIteratorType": "AFTER_SEQUENCE_NUMBER",
                "SequenceNumber": self.checkpoint.sequence_number,
            }
        iterator = self._streams.get_shard_iterator(
            StreamArn=self.stream_arn, ShardId=self._shard_id, **position
        )
        response = self._streams.get_records(ShardIterator=iterator["ShardIterator"], Limit=_READ_LIMIT)
        return [stream_record(record, self.stream_arn) for record in response.get("Records", [])]

    def _advance(self, record: dict[str, Any]) -> None:
        assert self._shard_id is not None
        self.checkpoint = Checkpoint(self._shard_id, _sequence(record))

    def _invoke(self, batch: list[dict[str, Any]]) -> int | None:
        """The index in `batch` to retry from, or None when the whole batch succeeded."""
        try:
            response = self.handler({"Records": batch}, lambda_context(self.spec.function))
        except Exception:
            self.log.exception("handler raised: the batch will be retried")
            return 0
        failures = response.get("batchItemFailures") if isinstance(response, dict) else None
        if not failures:
            return None
        positions = {_sequence(record): index for index, record in enumerate(batch)}
        identifiers = [f.get("itemIdentifier") if isinstance(f, dict) else None for f in failures]
        if not all(isinstance(identifier, str) and identifier in positions for identifier in identifiers):
            self.log.error("batchItemFailures names unknown records: the batch will be retried")
            return 0
        return min(positions[str(identifier)] for identifier in identifiers)

    def _on_failure(self, records: list[dict[str, Any]], batch: list[dict[str, Any]], failed_at: int) -> None:
        first_failed = batch[failed_at]
        # Everything before the failed record is done, including filtered-out records in between.
        preceding = records.index(first_failed) - 1
        if preceding >= 0:
            self._advance(records[preceding])
        sequence = _sequence(first_failed)
        attempts = self._failing[1] + 1 if self._failing and self._failing[0] == sequence else 1
        self._failing = (sequence, attempts)
        if attempts <= self.spec.max_retry_attempts:
            self.log.warning("record %s failed (attempt %d), retrying", sequence, attempts)
            self._stop.wait(self.retry_delay_seconds)
            return
        self._send_to_failure_queue(batch[failed_at:], attempts)
        self._failing = None
        self._advance(batch[-1])

    def _send_to_failure_queue(self, records: list[dict[str, Any]], attempts: int) -> None:
        info = {
            "shardId": self._shard_id,
            "startSequenceNumber": _sequence(records[0]),
            "endSequenceNumber": _sequence(records[-1]),
            "approximateArrivalOfFirstRecord": records[0]["dynamodb"].get("ApproximateCreationDateTime"),
            "approximateArrivalOfLastRecord": records[-1]["dynamodb"].get("ApproximateCreationDateTime"),
            "batchSize": len(records),
            "streamArn": self.stream_arn,
        }
        context = lambda_context(self.spec.function)
        message = {
            "version": "1.0",
            "timestamp": datetime.now(UTC).isoformat(),
            "requestContext": {
                "requestId": context.aws_request_id,
                "functionArn": context.invoked_function_arn,
                "condition": "RetryAttemptsExhausted",
                "approximateInvokeCount": attempts,
            },
            "DDBStreamBatchInfo": info,
            # AWS sends only the batch info; locally the records come along so they can be replayed.
            "Records": records,
        }
        self._sqs.send_message(QueueUrl=self.failure_queue.url, MessageBody=json.dumps(message))
        self.log.error(
            "%d record(s) sent to %s after %d attempts", len(records), self.failure_queue.name, attempts
        )

    def saved_state(self) -> dict[str, str] | None:
        return asdict(self.checkpoint) if self.checkpoint else None
