"""The SQS runner gives a handler Lambda's event-source-mapping semantics against moto."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from convertly.platform.specs import ConsumerSpec, RuleSpec
from devstack import wakeups
from devstack.aws import LocalAws
from devstack.bootstrap.messaging import ConsumerQueues, ensure_bus, ensure_consumer
from devstack.moto_server import MotoServer
from devstack.sqs_consumer import SqsConsumer


class FakeHandler:
    """Records every event; fails the messages whose body is in `fail_bodies`, or raises."""

    def __init__(self, fail_bodies: tuple[str, ...] = (), *, raises: bool = False, bogus_id: bool = False):
        self.fail_bodies = fail_bodies
        self.raises = raises
        self.bogus_id = bogus_id
        self.events: list[dict[str, Any]] = []

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.events.append(event)
        if self.raises:
            raise RuntimeError("boom")
        if self.bogus_id:
            return {"batchItemFailures": [{"itemIdentifier": "not-in-this-batch"}]}
        failed = [r["messageId"] for r in event["Records"] if r["body"] in self.fail_bodies]
        return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failed]}

    @property
    def bodies(self) -> list[str]:
        return [record["body"] for event in self.events for record in event["Records"]]


@pytest.fixture(scope="module")
def aws() -> Iterator[LocalAws]:
    server = MotoServer("127.0.0.1", 0)
    server.start()
    yield LocalAws(server.url)
    server.stop()


def _spec(**overrides: Any) -> ConsumerSpec:
    name = f"test-{uuid.uuid4().hex[:8]}"
    fields: dict[str, Any] = {
        "function": "fake",
        "queue": name,
        "dead_letter_queue": f"{name}-dlq",
        "rule": RuleSpec(name=name, detail_types=("LeadCreated",)),
        "max_receive_count": 2,
        "visibility_timeout_seconds": 1,
        "max_batching_window_seconds": 0,
    }
    return ConsumerSpec(**{**fields, **overrides})


def _queues(aws: LocalAws, spec: ConsumerSpec) -> ConsumerQueues:
    ensure_bus(aws.client("events"), "test-bus")
    return ensure_consumer(aws.client("sqs"), aws.client("events"), "test-bus", spec)


def _send(aws: LocalAws, queue_url: str, *bodies: str) -> None:
    for body in bodies:
        aws.client("sqs").send_message(QueueUrl=queue_url, MessageBody=body)


def _counts(aws: LocalAws, queue_url: str) -> tuple[int, int]:
    """(visible, in flight) messages."""
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    attributes = aws.client("sqs").get_queue_attributes(QueueUrl=queue_url, AttributeNames=names)[
        "Attributes"
    ]
    return int(attributes[names[0]]), int(attributes[names[1]])


def test_partial_batch_failure_deletes_only_the_successes(aws: LocalAws) -> None:
    # Given three messages and a handler that reports the "bad" one as failed
    spec = _spec()
    queues = _queues(aws, spec)
    _send(aws, queues.queue.url, "good-1", "bad", "good-2")
    handler = FakeHandler(fail_bodies=("bad",))
    consumer = SqsConsumer(spec, queues.queue, aws, handler)

    # When the runner polls once
    consumer.poll_once()

    # Then all three were delivered in one batch, and only "bad" is left (in flight)
    assert sorted(handler.bodies) == ["bad", "good-1", "good-2"]
    assert _counts(aws, queues.queue.url) == (0, 1)
    # ...and it comes back after the visibility timeout, on its second receive
    time.sleep(1.2)
    consumer.poll_once()
    assert handler.events[-1]["Records"][0]["body"] == "bad"
    assert handler.events[-1]["Records"][0]["attributes"]["ApproximateReceiveCount"] == "2"


def test_an_exception_fails_the_whole_batch(aws: LocalAws) -> None:
    # Given two messages and a handler that raises
    spec = _spec()
    queues = _queues(aws, spec)
    _send(aws, queues.queue.url, "one", "two")

    # When the runner polls once
    SqsConsumer(spec, queues.queue, aws, FakeHandler(raises=True)).poll_once()

    # Then nothing was deleted
    assert _counts(aws, queues.queue.url) == (0, 2)


def test_an_unknown_item_identifier_fails_the_whole_batch(aws: LocalAws) -> None:
    spec = _spec()
    queues = _queues(aws, spec)
    _send(aws, queues.queue.url, "one", "two")

    SqsConsumer(spec, queues.queue, aws, FakeHandler(bogus_id=True)).poll_once()

    assert _counts(aws, queues.queue.url) == (0, 2)


def test_a_message_failing_every_time_lands_in_the_dlq_after_max_receive_count(aws: LocalAws) -> None:
    # Given a queue redriving after 2 receives, and a handler that always fails the message
    spec = _spec(max_receive_count=2)
    queues = _queues(aws, spec)
    _send(aws, queues.queue.url, "poison")
    handler = FakeHandler(fail_bodies=("poison",))
    consumer = SqsConsumer(spec, queues.queue, aws, handler)

    # When the runner keeps polling past two visibility timeouts
    deadline = time.monotonic() + 6
    while time.monotonic() < deadline and _counts(aws, queues.dead_letter_queue.url)[0] == 0:
        consumer.poll_once()

    # Then the handler saw it exactly twice, and the DLQ holds it
    assert handler.bodies == ["poison", "poison"]
    dlq = aws.client("sqs").receive_message(QueueUrl=queues.dead_letter_queue.url)["Messages"]
    assert [message["Body"] for message in dlq] == ["poison"]
    assert _counts(aws, queues.queue.url) == (0, 0)


def test_the_event_has_the_lambda_sqs_shape(aws: LocalAws) -> None:
    spec = _spec()
    queues = _queues(aws, spec)
    aws.client("sqs").send_message(
        QueueUrl=queues.queue.url,
        MessageBody="hello",
        MessageAttributes={"kind": {"DataType": "String", "StringValue": "greeting"}},
    )
    handler = FakeHandler()

    SqsConsumer(spec, queues.queue, aws, handler).poll_once()

    record = handler.events[0]["Records"][0]
    assert record["eventSource"] == "aws:sqs"
    assert record["eventSourceARN"] == queues.queue.arn
    assert record["awsRegion"] == "us-east-1"
    assert record["md5OfBody"] == "5d41402abc4b2a76b9719d911017c592"
    assert record["receiptHandle"]
    assert record["attributes"]["ApproximateReceiveCount"] == "1"
    assert record["attributes"]["SentTimestamp"].isdigit()
    assert record["messageAttributes"]["kind"]["stringValue"] == "greeting"
    assert record["messageAttributes"]["kind"]["dataType"] == "String"


def test_the_running_consumer_receives_events_routed_by_the_rule(aws: LocalAws) -> None:
    # Given a consumer thread on the queue its rule feeds
    spec = _spec()
    queues = _queues(aws, spec)
    handler = FakeHandler()
    consumer = SqsConsumer(spec, queues.queue, aws, handler)
    consumer.start()
    try:
        # When a matching and a non-matching event are published to the bus
        entries = [
            {
                "Source": "convertly.crm",
                "DetailType": "LeadCreated",
                "Detail": '{"n": 1}',
                "EventBusName": "test-bus",
            },
            {
                "Source": "convertly.crm",
                "DetailType": "Other",
                "Detail": '{"n": 2}',
                "EventBusName": "test-bus",
            },
            {
                "Source": "elsewhere",
                "DetailType": "LeadCreated",
                "Detail": '{"n": 3}',
                "EventBusName": "test-bus",
            },
        ]
        aws.client("events").put_events(Entries=entries)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not handler.events:
            time.sleep(0.05)
        time.sleep(0.3)
    finally:
        consumer.stop()

    # Then only the matching event reached the handler, and it was deleted
    assert [json.loads(body)["detail"] for body in handler.bodies] == [{"n": 1}]
    assert _counts(aws, queues.queue.url) == (0, 0)


def test_an_idle_consumer_waits_for_a_message_instead_of_polling(aws: LocalAws) -> None:
    # Given the stack's wake-ups and a running consumer that would poll 100 times a second without them
    wakeups.install()
    spec = _spec()
    queues = _queues(aws, spec)
    handler = FakeHandler()
    consumer = SqsConsumer(spec, queues.queue, aws, handler, idle_seconds=0.01)
    receives: list[str] = []
    consumer._sqs.meta.events.register("before-call.sqs.ReceiveMessage", lambda **_: receives.append("x"))
    consumer.start()
    try:
        # When it has been idle for a second
        time.sleep(1.0)
        idle_receives = len(receives)
        # And a message arrives
        _send(aws, queues.queue.url, "wake")
        deadline = time.monotonic() + 10
        while not handler.bodies and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        consumer.stop()
    # Then it asked moto for nothing while idle (it looks at the queue in this process: no request), and
    # got the message
    assert idle_receives == 0
    assert handler.bodies == ["wake"]


def test_a_failed_message_comes_back_to_an_idle_consumer_after_its_visibility_timeout(aws: LocalAws) -> None:
    # Given the stack's wake-ups and a running consumer whose handler fails one message once
    wakeups.install()
    spec = _spec(max_receive_count=3)
    queues = _queues(aws, spec)
    handler = FakeHandler(fail_bodies=("retry",))
    consumer = SqsConsumer(spec, queues.queue, aws, handler)
    consumer.start()
    try:
        # When the message fails, and nothing new is added to the queue
        _send(aws, queues.queue.url, "retry")
        deadline = time.monotonic() + 10
        while len(handler.bodies) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        consumer.stop()
    # Then the consumer, idle meanwhile, receives it again once its visibility timeout (1 s) has passed
    assert handler.bodies[:2] == ["retry", "retry"]
