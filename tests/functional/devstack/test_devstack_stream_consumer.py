"""The stream runner delivers the table's filtered inserts to a handler with Lambda's semantics."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from convertly.platform.specs import IndexSpec, StreamConsumerSpec, TableSpec
from devstack.aws import LocalAws
from devstack.bootstrap.messaging import QueueRef, ensure_failure_queue
from devstack.bootstrap.table import ensure_table
from devstack.moto_server import MotoServer
from devstack.stream_consumer import Checkpoint, StreamConsumer


class FakeHandler:
    """Records delivered event ids; fails a record by id `fail_times[id]` times (or always: -1)."""

    def __init__(self, fail_times: dict[str, int] | None = None):
        self.fail_times = dict(fail_times or {})
        self.events: list[dict[str, Any]] = []

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.events.append(event)
        for record in event["Records"]:
            remaining = self.fail_times.get(_event_id(record), 0)
            if remaining:
                self.fail_times[_event_id(record)] = remaining - 1
                return {"batchItemFailures": [{"itemIdentifier": record["dynamodb"]["SequenceNumber"]}]}
        return {"batchItemFailures": []}

    @property
    def delivered(self) -> list[str]:
        return [_event_id(record) for event in self.events for record in event["Records"]]


def _event_id(record: dict[str, Any]) -> str:
    return str(record["dynamodb"]["NewImage"]["event_id"]["S"])


@pytest.fixture(scope="module")
def aws() -> Iterator[LocalAws]:
    server = MotoServer("127.0.0.1", 0)
    server.start()
    yield LocalAws(server.url)
    server.stop()


class Table:
    def __init__(self, aws: LocalAws) -> None:
        self.name = f"test-{uuid.uuid4().hex[:8]}"
        spec = TableSpec(
            self.name, "PK", "SK", (IndexSpec("GSI1", "GSI1PK", "GSI1SK"),), "expires_at", "NEW_IMAGE"
        )
        self.stream_arn = ensure_table(aws.client("dynamodb"), spec)
        self._dynamodb = aws.client("dynamodb")

    def put(self, event_id: str, item_type: str = "OutboxEvent") -> None:
        item = {"PK": {"S": f"T#1#{event_id}"}, "SK": {"S": "X"}, "type": {"S": item_type}}
        self._dynamodb.put_item(TableName=self.name, Item={**item, "event_id": {"S": event_id}})

    def touch(self, event_id: str) -> None:
        self._dynamodb.update_item(
            TableName=self.name,
            Key={"PK": {"S": f"T#1#{event_id}"}, "SK": {"S": "X"}},
            UpdateExpression="SET touched = :t",
            ExpressionAttributeValues={":t": {"S": "yes"}},
        )


def _spec(failure_queue: str, **overrides: Any) -> StreamConsumerSpec:
    fields: dict[str, Any] = {
        "function": "fake",
        "filter_type": "OutboxEvent",
        "failure_queue": failure_queue,
    }
    return StreamConsumerSpec(**{**fields, "batch_size": 2, "max_retry_attempts": 2, **overrides})


def _consumer(
    aws: LocalAws, table: Table, handler: FakeHandler, checkpoint: Checkpoint | None = None, **overrides: Any
) -> StreamConsumer:
    spec = _spec(f"{table.name}-failures", **overrides)
    queue = ensure_failure_queue(aws.client("sqs"), spec)
    return StreamConsumer(
        spec, table.stream_arn, queue, aws, handler, checkpoint=checkpoint, retry_delay_seconds=0.0
    )


def _drain(consumer: StreamConsumer) -> None:
    for _ in range(50):
        if not consumer.poll_once():
            return
    raise AssertionError("the stream runner never went idle")


def _failure_messages(aws: LocalAws, queue: QueueRef) -> list[dict[str, Any]]:
    response = aws.client("sqs").receive_message(QueueUrl=queue.url, MaxNumberOfMessages=10)
    return [json.loads(message["Body"]) for message in response.get("Messages", [])]


def test_only_inserts_of_the_filtered_type_are_delivered_in_batches(aws: LocalAws) -> None:
    # Given outbox inserts mixed with other item types and an update of an outbox item
    table = Table(aws)
    table.put("e1")
    table.put("lead-1", item_type="Lead")
    table.put("e2")
    table.touch("e1")
    table.put("e3")
    handler = FakeHandler()

    # When the runner drains the stream with a batch size of 2
    _drain(_consumer(aws, table, handler))

    # Then the three outbox inserts arrive in order, at most two per invocation
    assert handler.delivered == ["e1", "e2", "e3"]
    assert [len(event["Records"]) for event in handler.events] == [2, 1]
    record = handler.events[0]["Records"][0]
    assert record["eventName"] == "INSERT"
    assert record["eventSource"] == "aws:dynamodb"
    assert record["eventSourceARN"] == table.stream_arn
    assert isinstance(record["dynamodb"]["ApproximateCreationDateTime"], int)
    assert record["dynamodb"]["Keys"] == {"PK": {"S": "T#1#e1"}, "SK": {"S": "X"}}


def test_a_partial_failure_is_retried_from_the_failed_record(aws: LocalAws) -> None:
    # Given a handler that fails e2 once
    table = Table(aws)
    for event_id in ("e1", "e2", "e3"):
        table.put(event_id)
    handler = FakeHandler(fail_times={"e2": 1})

    _drain(_consumer(aws, table, handler, batch_size=10))

    # Then e1 is not delivered again; e2 and e3 are
    assert [[_event_id(r) for r in event["Records"]] for event in handler.events] == [
        ["e1", "e2", "e3"],
        ["e2", "e3"],
    ]


def test_exhausted_retries_send_the_records_to_the_failure_queue_and_move_on(aws: LocalAws) -> None:
    # Given a handler that always fails e1, with two retries allowed
    table = Table(aws)
    table.put("e1")
    handler = FakeHandler(fail_times={"e1": -1})
    consumer = _consumer(aws, table, handler, max_retry_attempts=2)

    # When the runner drains the stream, and a new record arrives after
    _drain(consumer)
    table.put("e2")
    _drain(consumer)

    # Then e1 was tried three times (once and two retries), parked in the failure queue, and e2 flowed
    assert handler.delivered == ["e1", "e1", "e1", "e2"]
    (message,) = _failure_messages(aws, consumer.failure_queue)
    assert message["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert message["DDBStreamBatchInfo"]["batchSize"] == 1
    assert [_event_id(record) for record in message["Records"]] == ["e1"]


def test_a_restarted_runner_resumes_after_its_checkpoint(aws: LocalAws) -> None:
    # Given a runner that delivered two records
    table = Table(aws)
    table.put("e1")
    table.put("e2")
    first = FakeHandler()
    consumer = _consumer(aws, table, first)
    _drain(consumer)

    # When a new runner starts from the first one's checkpoint and a record arrives
    table.put("e3")
    second = FakeHandler()
    _drain(_consumer(aws, table, second, checkpoint=consumer.checkpoint))

    # Then it delivers only the new record
    assert first.delivered == ["e1", "e2"]
    assert second.delivered == ["e3"]
