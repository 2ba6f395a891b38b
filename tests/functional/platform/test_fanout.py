"""Fan-out: outbox -> relay -> the custom bus (moto) -> one queue per consumer by the rules' content
filters -> the notifier, idempotent on the event id; a poisoned message reaches the DLQ alone."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from convertly.platform.specs import ConsumerSpec, RuleSpec
from devstack.aws import LocalAws as DevstackAws
from devstack.bootstrap.messaging import ensure_bus, ensure_consumer
from devstack.functions import lambda_context
from devstack.lambda_events import sqs_record
from devstack.sqs_consumer import SqsConsumer
from functions.event_relay.handler import handler as relay_handler
from functions.notifier.handler import handler as notifier_handler
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up
from tests.functional.pipelines.test_stage_change import create, move, pipeline, stage_id
from tests.functional.platform.test_events import Ctx, outbox_records


def relay(aws: LocalAws, tenant_id: str) -> None:
    """The tenant's outbox, through the relay to the real (moto) bus."""
    assert relay_handler({"Records": outbox_records(aws, tenant_id)}, Ctx()) == {"batchItemFailures": []}


def drain(aws: LocalAws, queue_url: str, tenant_id: str) -> list[dict[str, Any]]:
    """Every message of this tenant in the queue (received with all attributes, left in flight)."""
    sqs, mine = aws.client("sqs"), []
    while True:
        batch = sqs.receive_message(
            QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0, MessageSystemAttributeNames=["All"]
        ).get("Messages", [])
        if not batch:
            return mine
        mine += [m for m in batch if json.loads(m["Body"])["detail"].get("tenant_id") == tenant_id]


def kinds(messages: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    out = []
    for message in messages:
        event = json.loads(message["Body"])
        data = event["detail"]["data"]
        out.append((event["detail-type"], "reopened" if data.get("reopened") else data.get("to_kind")))
    return sorted(out, key=str)


def sqs_event(aws: LocalAws, function: str, messages: list[dict[str, Any]]) -> dict[str, Any]:
    arn = aws.consumers[function].queue.arn
    return {"Records": [sqs_record(m, arn, "us-east-1") for m in messages]}


def team(api: Api) -> tuple[Account, Account, Account]:
    admin = sign_up(api, "Fanout Roofing")
    return (
        admin,
        invite(api, admin, "Manager", name="Morgan Manager"),
        invite(api, admin, "Sales", name="Sam Sales"),
    )


def test_rules_route_stage_changes_to_conversions_and_lead_events_to_notifications(
    api: Api, aws: LocalAws
) -> None:
    # Given a tenant where a lead is created, edited, reassigned, moved, won and reopened
    admin, _, sales = team(api)
    found = pipeline(api, admin)
    lead = create(api, admin, owner_id=sales.tokens["user_id"])
    api.call("PATCH", f"/leads/{lead['lead_id']}", {"company": "Acme", "version": 1}, admin.token)
    other = create(api, admin)
    api.call(
        "PATCH",
        f"/leads/{other['lead_id']}",
        {"owner_id": sales.tokens["user_id"], "version": 1},
        admin.token,
    )
    _, lead = move(api, admin, {**lead, "version": 2}, stage_id(found, "Qualified"))
    _, lead = move(api, admin, lead, stage_id(found, "Closed Won"))
    move(api, admin, lead, stage_id(found, "Contacted"))
    # When the outbox is relayed to the bus
    relay(aws, admin.tenant_id)
    # Then the conversions queue holds the win and the reopening only
    conversions = drain(aws, aws.consumers["conversions"].queue.url, admin.tenant_id)
    assert kinds(conversions) == [("LeadStageChanged", "reopened"), ("LeadStageChanged", "won")]
    # And the notifications queue holds the creations, the change of owner (not the other edit) and the moves
    notifications = drain(aws, aws.consumers["notifier"].queue.url, admin.tenant_id)
    detail_types = sorted(json.loads(m["Body"])["detail-type"] for m in notifications)
    assert detail_types == ["LeadCreated"] * 2 + ["LeadStageChanged"] * 3 + ["LeadUpdated"]
    updated = next(json.loads(m["Body"]) for m in notifications if "LeadUpdated" in m["Body"])
    assert "owner_id" in updated["detail"]["data"]["changes"]


def test_notifications_are_written_once_however_often_a_batch_is_delivered(api: Api, aws: LocalAws) -> None:
    # Given a Sales rep's lead that the Admin moves, then wins
    admin, manager, sales = team(api)
    found = pipeline(api, admin)
    lead = create(
        api, admin, owner_id=sales.tokens["user_id"], first_name="Jo", last_name="Ortiz", value="4800"
    )
    _, lead = move(api, admin, lead, stage_id(found, "Qualified"))
    move(api, admin, lead, stage_id(found, "Closed Won"))
    relay(aws, admin.tenant_id)
    messages = drain(aws, aws.consumers["notifier"].queue.url, admin.tenant_id)
    assert len(messages) == 3
    # When the notifier gets the same batch three times
    event = sqs_event(aws, "notifier", messages)
    for _ in range(3):
        assert notifier_handler(event, lambda_context("notifier")) == {"batchItemFailures": []}
    # Then the rep has each notification once: assigned, moved, won, three unread
    _, rep = api.call("GET", "/notifications", token=sales.token)
    assert [(n["kind"], n["read"]) for n in rep["items"]] == [
        ("lead_won", False),
        ("lead_moved", False),
        ("lead_assigned", False),
    ]
    assert rep["unread_count"] == 3
    assert rep["items"][1]["body"] == "Jo Ortiz: New to Qualified by Ada Admin"
    assert rep["items"][0]["body"] == "Jo Ortiz: $4,800"
    # And the Manager hears of the win only; the Admin, who did it all, of nothing
    _, boss = api.call("GET", "/notifications", token=manager.token)
    assert [n["kind"] for n in boss["items"]] == ["lead_won"] and boss["unread_count"] == 1
    _, actor = api.call("GET", "/notifications", token=admin.token)
    assert actor["items"] == [] and actor["unread_count"] == 0


def test_a_poisoned_message_reaches_the_dlq_while_the_rest_of_its_batch_succeeds(
    api: Api, aws: LocalAws
) -> None:
    # Given a notifications queue that redrives after two receives, one visibility second each
    name = f"test-notify-{uuid.uuid4().hex[:8]}"
    spec = ConsumerSpec(
        function="notifier",
        queue=name,
        dead_letter_queue=f"{name}-dlq",
        rule=RuleSpec(name=name, detail_types=("NeverPublished",)),
        max_receive_count=2,
        visibility_timeout_seconds=1,
        max_batching_window_seconds=0,
    )
    local = DevstackAws(aws.endpoint)
    ensure_bus(aws.client("events"), "test-poison-bus")
    queues = ensure_consumer(aws.client("sqs"), aws.client("events"), "test-poison-bus", spec)
    # And in it two real lead events around two poisoned messages (not JSON; an event without a tenant)
    admin, _, sales = team(api)
    create(api, admin, owner_id=sales.tokens["user_id"], first_name="Good")
    create(api, admin, owner_id=sales.tokens["user_id"], first_name="Fine")
    relay(aws, admin.tenant_id)
    good = [m["Body"] for m in drain(aws, aws.consumers["notifier"].queue.url, admin.tenant_id)]
    broken = json.dumps({"detail-type": "LeadCreated", "detail": {"data": {}}})
    for body in (good[0], "{not json", broken, good[1]):
        aws.client("sqs").send_message(QueueUrl=queues.queue.url, MessageBody=body)
    # When the local event source mapping runs the real notifier until the DLQ has them
    consumer = SqsConsumer(spec, queues.queue, local, notifier_handler)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _visible(aws, queues.dead_letter_queue.url) < 2:
        consumer.poll_once()
        time.sleep(0.1)
    # Then the good messages were handled once, the poisoned ones wait in the DLQ, the queue is empty
    _, rep = api.call("GET", "/notifications", token=sales.token)
    assert sorted(n["body"] for n in rep["items"]) == ["Fine (manual)", "Good (manual)"]
    assert rep["unread_count"] == 2
    dead = aws.client("sqs").receive_message(QueueUrl=queues.dead_letter_queue.url, MaxNumberOfMessages=10)
    assert sorted(m["Body"] for m in dead["Messages"]) == sorted(["{not json", broken])
    assert _visible(aws, queues.queue.url) == 0


def _visible(aws: LocalAws, queue_url: str) -> int:
    attributes = aws.client("sqs").get_queue_attributes(
        QueueUrl=queue_url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(
        attributes["ApproximateNumberOfMessagesNotVisible"]
    )


def test_the_local_stack_runs_no_consumer_for_a_function_not_yet_written() -> None:
    # A consumer may be defined ahead of its function (its queue keeps the events meanwhile)
    from convertly.resources import CONSUMERS
    from devstack.stack import LocalStack

    assert LocalStack._runnable("function_not_written_yet") is False
    assert {"audit_log", "notifier", "stage_deletion"} <= {
        c.function for c in CONSUMERS if LocalStack._runnable(c.function)
    }
