"""The audit log: domain events reach it through the relay, the bus, its rule and its queue, and it
keeps each event once, whatever the redeliveries; a poisoned message fails alone."""

from __future__ import annotations

import json
from typing import Any

from convertly.audit.service import entries
from convertly.platform.events.envelope import DomainEvent
from functions.audit_log.handler import handler as audit_handler
from functions.event_relay.handler import handler as relay_handler
from tests.functional.conftest import Api, LocalAws, sign_up
from tests.functional.platform.test_events import Ctx, outbox_records


def test_events_reach_the_audit_log_through_bus_and_queue_once(api: Api, aws: LocalAws) -> None:
    # Given a new tenant with one lead, relayed to the real bus
    account = sign_up(api, "Audit Co")
    api.call("POST", "/leads", {"first_name": "Audited", "email": "a@x.test"}, account.token)
    assert relay_handler({"Records": outbox_records(aws, account.tenant_id)}, Ctx()) == {
        "batchItemFailures": []
    }
    # When the audit queue's messages are delivered three times
    sqs = aws.client("sqs")
    queue_url = aws.consumers["audit_log"].queue.url
    # Other tests' events may wait in the same queue: receive until this tenant's are in hand
    mine: list[dict[str, Any]] = []
    while not mine:
        messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
        if not messages.get("Messages"):
            break
        mine = [
            m
            for m in messages["Messages"]
            if json.loads(m["Body"])["detail"]["tenant_id"] == account.tenant_id
        ]
    assert {json.loads(m["Body"])["detail-type"] for m in mine} == {"LeadCreated"}
    event = {
        "Records": [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": {},
                "messageAttributes": {},
                "md5OfBody": m["MD5OfBody"],
                "eventSource": "aws:sqs",
                "eventSourceARN": aws.consumers["audit_log"].queue.arn,
                "awsRegion": "us-east-1",
            }
            for m in mine
        ]
    }
    for _ in range(3):
        assert audit_handler(event, Ctx()) == {"batchItemFailures": []}
    # Then the audit log holds the event exactly once
    logged = entries(account.tenant_id)
    assert [(e.detail_type, e.summary) for e in logged] == [("LeadCreated", "LeadCreated Audited")]


def test_a_poisoned_audit_message_fails_alone(aws: LocalAws) -> None:
    good = DomainEvent(detail_type="LeadCreated", tenant_id="T-poison", subject_id="L1", data={})
    body_ok = json.dumps({"detail-type": good.detail_type, "detail": json.loads(good.detail_json())})
    records = [
        {
            "messageId": "ok",
            "receiptHandle": "r1",
            "body": body_ok,
            "attributes": {},
            "messageAttributes": {},
            "md5OfBody": "",
            "eventSource": "aws:sqs",
            "eventSourceARN": "arn",
            "awsRegion": "us-east-1",
        },
        {
            "messageId": "bad",
            "receiptHandle": "r2",
            "body": "{not json",
            "attributes": {},
            "messageAttributes": {},
            "md5OfBody": "",
            "eventSource": "aws:sqs",
            "eventSourceARN": "arn",
            "awsRegion": "us-east-1",
        },
    ]
    result = audit_handler({"Records": records}, Ctx())
    assert result == {"batchItemFailures": [{"itemIdentifier": "bad"}]}
    assert [e.event_id for e in entries("T-poison")] == [good.event_id]
