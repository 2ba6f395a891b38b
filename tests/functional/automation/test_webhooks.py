"""Outbound webhooks on moto, posted to a real local receiver: a delivery queued in a step's transaction
is posted once (signed) however often its message arrives; 5xx is retried with backoff, 400 is final,
the last failed attempt leaves the message for the DLQ; every attempt is its own log item; a replay
sends the same body again once per request; another tenant's delivery is not found."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from convertly.automation import keys
from convertly.automation.items import WebhookAttemptItem, WebhookDeliveryItem
from convertly.automation.signing import verify
from convertly.automation.webhook_delivery import MAX_ATTEMPTS, WebhookSender
from convertly.automation.webhooks import UrlPolicy, outbound_writes
from convertly.contacts import service as contacts
from convertly.leads import service as leads
from convertly.platform.clock import new_id, parse_iso
from convertly.platform.clock import now as clock_now
from convertly.platform.store.transaction import Transaction
from tests.functional.automation.support import Flow, enrolments, lead, professional, workflow
from tests.functional.automation.webhook_support import (
    Clock,
    ImmediateBackoff,
    Receiver,
    RecordedBackoff,
    deliver,
    local_webhooks,
    queued_events,
    receiver,
    record,
)
from tests.functional.conftest import Account, Api, LocalAws, sign_up
from tests.functional.platform.test_fanout import drain, relay, sqs_event

__all__ = ["local_webhooks", "receiver"]  # the fixtures, used by name

pytestmark = pytest.mark.usefixtures("local_webhooks")


def _workflow(api: Api, account: Account) -> dict[str, Any]:
    status, created = api.call(
        "POST",
        "/workflows",
        {"name": "Hand-off", "definition": {"trigger": {"type": "lead_created"}}},
        account.token,
    )
    assert status == 201, created
    return dict(created)


def queue_delivery(api: Api, account: Account, url: str) -> tuple[str, dict[str, Any]]:
    """A delivery queued as a workflow's webhook step queues it: in one transaction, for a new lead
    and its contact. Its id and the workflow."""
    professional(account)
    flow = _workflow(api, account)
    created = lead(
        api, account, first_name="Grace", email=f"grace-{new_id().lower()}@example.test", value=1250
    )
    found = leads.get_lead(account.tenant_id, created["lead_id"])
    assert found is not None
    contact = contacts.get_contact(account.tenant_id, str(found.contact_id))
    delivery_id = new_id()
    tx = Transaction()
    writes = outbound_writes(
        tenant_id=account.tenant_id,
        delivery_id=delivery_id,
        url=url,
        workflow_id=flow["workflow_id"],
        workflow_name=flow["name"],
        enrolment_id="E-" + delivery_id,
        step_id="hook",
        contact=contact,
        lead=found,
        now=clock_now(),
    )
    for write in writes:
        write(tx)
    tx.commit()
    return delivery_id, flow


def delivery(api: Api, account: Account, delivery_id: str) -> dict[str, Any]:
    status, body = api.call("GET", f"/automation/webhook-deliveries/{delivery_id}", token=account.token)
    assert status == 200, body
    return dict(body)


def the_event(aws: LocalAws, account: Account, round_: int = 0) -> dict[str, Any]:
    return next(e for e in queued_events(aws, account.tenant_id) if e["detail"]["data"]["round"] == round_)


def secret_of(api: Api, account: Account) -> str:
    status, body = api.call("GET", "/automation/webhook-secret", token=account.token)
    assert status == 200, body
    return str(body["secret"])


def test_a_delivery_is_posted_once_signed_however_often_its_message_arrives(
    api: Api, aws: LocalAws, tenant: Account, receiver: Receiver
) -> None:
    # Given a delivery queued by a step
    delivery_id, flow = queue_delivery(api, tenant, receiver.url)
    event = the_event(aws, tenant)
    # When its message arrives twice in one batch (a copy waits while the other holds the lease), then
    # once more in a later batch
    assert len(deliver([record(event, aws), record(event, aws)])) <= 1
    assert deliver([record(event, aws, receives=2)]) == set()
    # Then the receiver got it once, with the documented headers
    assert len(receiver.requests) == 1
    [got] = receiver.requests
    assert got.path == "/hooks/convertly"
    assert got.headers["content-type"] == "application/json"
    assert got.headers["user-agent"] == "Convertly-Webhooks/1"
    assert got.headers["convertly-delivery"] == delivery_id
    assert got.headers["convertly-event"] == "workflow.step"
    # signed with the account's secret over the raw body
    verify(got.headers["convertly-signature"], got.body, [secret_of(api, tenant)], clock_now())
    body = got.json()
    assert body["id"] == delivery_id and body["type"] == "workflow.step"
    assert body["workflow"] == {"id": flow["workflow_id"], "name": "Hand-off"}
    assert body["contact"]["first_name"] == "Grace" and body["lead"]["value"] == 1250.0
    assert body["lead"]["stage"]["name"] and body["lead"]["pipeline"]["name"]
    # And the delivery says delivered, with one attempt in its log
    shown = delivery(api, tenant, delivery_id)
    assert shown["status"] == "delivered" and shown["attempts"] == 1 and shown["last_status_code"] == 200
    assert shown["payload"] == body
    [attempt] = shown["log"]
    assert attempt["number"] == 1 and attempt["outcome"] == "delivered" and attempt["status_code"] == 200
    assert attempt["response_excerpt"] == '{"ok":true}' and attempt["duration_ms"] >= 0


def test_a_workflows_webhook_step_queues_one_delivery_however_often_its_event_arrives(
    api: Api, aws: LocalAws, tenant: Account, receiver: Receiver
) -> None:
    # Given a published workflow that posts every new lead to the receiver
    professional(tenant)
    flow = workflow(
        api,
        tenant,
        {
            "trigger": {"type": "lead_created"},
            "steps": [{"id": "erp", "kind": "webhook", "url": receiver.url}],
        },
    )
    # When a lead is created and its event reaches the automation consumer three times
    created = lead(api, tenant, first_name="Lin", email="lin@example.test")
    Flow(aws, tenant.tenant_id).run(times=3)
    # Then one delivery was queued, and its message posts the lead once
    [queued] = queued_events(aws, tenant.tenant_id)
    assert deliver([record(queued, aws)]) == set()
    [got] = receiver.requests
    body = got.json()
    assert body["lead"]["id"] == created["lead_id"] and body["contact"]["email"] == "lin@example.test"
    assert body["workflow"]["id"] == flow["workflow_id"] and body["step_id"] == "erp"
    [enrolled] = enrolments(api, tenant, flow["workflow_id"])
    assert body["enrolment_id"] == enrolled["enrolment_id"] and enrolled["status"] == "done"
    status, page = api.call(
        "GET", f"/automation/workflows/{flow['workflow_id']}/webhook-deliveries", token=tenant.token
    )
    assert status == 200 and [(d["delivery_id"], d["status"]) for d in page["items"]] == [
        (body["id"], "delivered")
    ]


def test_a_server_error_is_retried_after_its_backoff_then_delivered(
    api: Api, aws: LocalAws, tenant: Account, receiver: Receiver
) -> None:
    # Given the receiver answers the first attempt with a 500
    delivery_id, _ = queue_delivery(api, tenant, receiver.url)
    event = the_event(aws, tenant)
    receiver.answer(500)
    clock, backoff = Clock(), RecordedBackoff()
    sender = WebhookSender(clock=clock)
    # When the message is delivered: it fails alone and comes back after a minute
    first = record(event, aws)
    assert deliver([first], sender, backoff) == {first["messageId"]}
    assert backoff.delays == {first["messageId"]: 60}
    pending = delivery(api, tenant, delivery_id)
    assert pending["status"] == "pending" and pending["last_status_code"] == 500
    waits = parse_iso(pending["next_attempt_at"]) - parse_iso(pending["last_attempt_at"])
    assert waits == timedelta(seconds=60)
    # A copy of the message arriving before the minute is over posts nothing and waits for it
    early = record(event, aws)
    assert deliver([early], sender, backoff) == {early["messageId"]}
    assert 50 <= backoff.delays[early["messageId"]] <= 61 and len(receiver.requests) == 1
    # When it comes back after its backoff
    clock.advance(seconds=61)
    second = record(event, aws, receives=2, message_id=first["messageId"])
    assert deliver([second], sender, backoff) == set()
    # Then it is delivered, and the log holds both attempts, each its own item
    shown = delivery(api, tenant, delivery_id)
    assert shown["status"] == "delivered" and shown["attempts"] == 2 and shown["next_attempt_at"] is None
    assert [(a["number"], a["outcome"], a["status_code"]) for a in shown["log"]] == [
        (1, "retrying", 500),
        (2, "delivered", 200),
    ]
    assert shown["log"][0]["response_excerpt"] == "upstream said no (500)"
    partition = keys.delivery(tenant.tenant_id, delivery_id)
    assert len(list(WebhookAttemptItem.query(partition, WebhookAttemptItem.SK.startswith("ATTEMPT#")))) == 2
    stored = WebhookDeliveryItem.get(partition, keys.DELIVERY_SK)
    assert stored.lease_id is None and "log" not in stored.attribute_values
    assert len(receiver.requests) == 2
    assert {r.headers["convertly-delivery"] for r in receiver.requests} == {delivery_id}


def test_a_client_error_is_final_and_never_posted_again(
    api: Api, aws: LocalAws, tenant: Account, receiver: Receiver
) -> None:
    delivery_id, _ = queue_delivery(api, tenant, receiver.url)
    event = the_event(aws, tenant)
    receiver.answer(400)
    # When delivered: the message is done (not retried)
    assert deliver([record(event, aws)]) == set()
    shown = delivery(api, tenant, delivery_id)
    assert shown["status"] == "failed" and shown["last_status_code"] == 400
    assert shown["last_error"] == "The receiver answered 400, which is not retried"
    # And a redelivery of the message posts nothing
    assert deliver([record(event, aws, receives=2)]) == set()
    assert len(receiver.requests) == 1


def test_the_last_failed_attempt_records_failed_and_the_message_reaches_the_dlq(
    api: Api, aws: LocalAws, tenant: Account, receiver: Receiver
) -> None:
    # Given a delivery whose receiver answers 503 every time, and its event on the real queue
    sqs, queues = aws.client("sqs"), aws.consumers["webhook_sender"]
    sqs.purge_queue(QueueUrl=queues.queue.url)
    sqs.purge_queue(QueueUrl=queues.dead_letter_queue.url)
    delivery_id, _ = queue_delivery(api, tenant, receiver.url)
    receiver.answer(*[503] * (MAX_ATTEMPTS + 2))
    relay(aws, tenant.tenant_id)
    clock, backoff = Clock(), ImmediateBackoff(sqs)
    sender = WebhookSender(clock=clock)
    # When the sender takes each receive of the message, its backoff passing at once
    handle = ""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        messages = drain(aws, queues.queue.url, tenant.tenant_id)
        assert len(messages) == 1, attempt
        assert messages[0]["Attributes"]["ApproximateReceiveCount"] == str(attempt)
        failed = deliver(sqs_event(aws, "webhook_sender", messages)["Records"], sender, backoff)
        assert failed == {messages[0]["MessageId"]}
        handle = messages[0]["ReceiptHandle"]
        clock.advance(hours=9)
    # Then it backed off 1 min, 5, 30, 2 h and 8 h, and the last attempt recorded the delivery failed
    assert backoff.delays == [60, 300, 1800, 7200, 28800]
    shown = delivery(api, tenant, delivery_id)
    assert shown["status"] == "failed" and shown["attempts"] == MAX_ATTEMPTS
    assert shown["last_error"] == f"Gave up after {MAX_ATTEMPTS} attempts: The receiver answered 503"
    assert [a["outcome"] for a in shown["log"]] == ["retrying"] * (MAX_ATTEMPTS - 1) + ["failed"]
    # And the last failure left the message in flight for the queue's visibility timeout (no backoff);
    # once that runs out (made to now) the queue moves it to the DLQ instead of handing it out again
    assert drain(aws, queues.queue.url, tenant.tenant_id) == []
    sqs.change_message_visibility(QueueUrl=queues.queue.url, ReceiptHandle=handle, VisibilityTimeout=0)
    assert drain(aws, queues.queue.url, tenant.tenant_id) == []
    dead = drain(aws, queues.dead_letter_queue.url, tenant.tenant_id)
    assert [json.loads(m["Body"])["detail"]["data"]["delivery_id"] for m in dead] == [delivery_id]
    assert len(receiver.requests) == MAX_ATTEMPTS


def test_a_replay_sends_the_same_body_again_once_per_request(
    api: Api, aws: LocalAws, tenant: Account, receiver: Receiver
) -> None:
    # Given a delivered delivery
    delivery_id, _ = queue_delivery(api, tenant, receiver.url)
    first = the_event(aws, tenant)
    assert deliver([record(first, aws)]) == set()
    # When it is replayed twice with the same request key (a double click)
    path = f"/automation/webhook-deliveries/{delivery_id}/replay"
    status, replayed = api.call("POST", path, {"request_key": "click-0001"}, tenant.token)
    assert status == 202 and replayed["status"] == "pending" and replayed["replays"] == 1, replayed
    status, again = api.call("POST", path, {"request_key": "click-0001"}, tenant.token)
    assert status == 202 and again["replays"] == 1
    # Then one replay is queued, and its delivery posts the same body with the same delivery id
    assert [e["detail"]["data"]["round"] for e in queued_events(aws, tenant.tenant_id)] == [0, 1]
    assert deliver([record(the_event(aws, tenant, 1), aws)]) == set()
    assert len(receiver.requests) == 2
    one, two = receiver.requests
    assert one.body == two.body and two.headers["convertly-delivery"] == delivery_id
    verify(two.headers["convertly-signature"], two.body, [secret_of(api, tenant)], clock_now())
    shown = delivery(api, tenant, delivery_id)
    assert shown["status"] == "delivered" and shown["replays"] == 1
    assert [(a["number"], a["round"], a["outcome"]) for a in shown["log"]] == [
        (1, 0, "delivered"),
        (2, 1, "delivered"),
    ]
    # And the first round's message arriving again posts nothing
    assert deliver([record(first, aws, receives=3)]) == set()
    assert len(receiver.requests) == 2


def test_a_pending_delivery_is_not_replayed(
    api: Api, aws: LocalAws, tenant: Account, receiver: Receiver
) -> None:
    delivery_id, _ = queue_delivery(api, tenant, receiver.url)
    status, body = api.call("POST", f"/automation/webhook-deliveries/{delivery_id}/replay", {}, tenant.token)
    assert status == 409 and body["error"]["code"] == "webhook_delivery_pending"


def test_a_workflows_deliveries_list_newest_first_by_status(
    api: Api, aws: LocalAws, tenant: Account, receiver: Receiver
) -> None:
    delivery_id, flow = queue_delivery(api, tenant, receiver.url)
    path = f"/automation/workflows/{flow['workflow_id']}/webhook-deliveries"
    status, page = api.call("GET", path, token=tenant.token)
    assert status == 200 and [d["delivery_id"] for d in page["items"]] == [delivery_id]
    assert page["items"][0]["status"] == "pending" and page["items"][0]["payload"] is None
    status, delivered = api.call("GET", f"{path}?status=delivered", token=tenant.token)
    assert status == 200 and delivered["items"] == []


def test_another_tenants_delivery_and_deliveries_are_not_found(
    api: Api, aws: LocalAws, tenant: Account, receiver: Receiver
) -> None:
    delivery_id, flow = queue_delivery(api, tenant, receiver.url)
    other = sign_up(api, "Elsewhere Roofing")
    for method, path in [
        ("GET", f"/automation/webhook-deliveries/{delivery_id}"),
        ("POST", f"/automation/webhook-deliveries/{delivery_id}/replay"),
        ("GET", f"/automation/workflows/{flow['workflow_id']}/webhook-deliveries"),
    ]:
        professional(other)
        status, body = api.call(method, path, {} if method == "POST" else None, other.token)
        assert status == 404, (path, body)
    # and each tenant signs with its own secret
    assert secret_of(api, other) != secret_of(api, tenant)


def test_a_rotated_secret_signs_with_both_for_a_day(
    api: Api, aws: LocalAws, tenant: Account, receiver: Receiver
) -> None:
    old = secret_of(api, tenant)
    status, rotated = api.call("POST", "/automation/webhook-secret/rotate", {}, tenant.token)
    assert status == 200 and rotated["secret"] != old and rotated["previous_valid_until"]
    until = parse_iso(rotated["previous_valid_until"]) - parse_iso(rotated["rotated_at"])
    assert until == timedelta(hours=24)
    queue_delivery(api, tenant, receiver.url)
    assert deliver([record(the_event(aws, tenant), aws)]) == set()
    [got] = receiver.requests
    header = got.headers["convertly-signature"]
    assert header.count("v1=") == 2
    verify(header, got.body, [old], clock_now())
    verify(header, got.body, [rotated["secret"]], clock_now())


def test_a_private_address_is_refused_when_sending_and_nothing_is_posted(
    api: Api, aws: LocalAws, tenant: Account, receiver: Receiver
) -> None:
    # Given a delivery to the local receiver, and a sender that may not reach private addresses (AWS)
    delivery_id, _ = queue_delivery(api, tenant, receiver.url)
    sender = WebhookSender(policy=UrlPolicy(https_only=False, allow_private=False))
    # When it is sent: refused for good, nothing posted
    assert deliver([record(the_event(aws, tenant), aws)], sender) == set()
    assert receiver.requests == []
    shown = delivery(api, tenant, delivery_id)
    assert shown["status"] == "failed" and shown["last_status_code"] is None
    assert "public address" in shown["last_error"]
    # And a host name that resolves to a private address is refused the same way
    renamed = WebhookSender(
        policy=UrlPolicy(https_only=False, allow_private=False), resolver=lambda host, port: ["10.9.8.7"]
    )
    other_id, _ = queue_delivery(api, tenant, "http://hooks.example.com/in")
    event = next(
        e for e in queued_events(aws, tenant.tenant_id) if e["detail"]["data"]["delivery_id"] == other_id
    )
    assert deliver([record(event, aws)], renamed) == set()
    assert "resolves to a private address" in delivery(api, tenant, other_id)["last_error"]
