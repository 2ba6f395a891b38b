"""Domain events: outbox item in the write's transaction -> table stream -> relay -> bus -> rule ->
SQS -> audit log consumer, idempotent on the event id."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from convertly.audit.service import entries
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.publisher import EventPublisher
from convertly.platform.store import keys as platform_keys
from functions.audit_log.handler import handler as audit_handler
from functions.event_relay.handler import handler as relay_handler
from tests.functional.conftest import Account, Api, LocalAws, sign_up


class RecordingPublisher(EventPublisher):
    """Keeps what it is given; refuses the ids in `refuse`."""

    def __init__(self, refuse: Sequence[str] = ()):
        self.published: list[DomainEvent] = []
        self.refuse = set(refuse)

    def publish(self, events: Sequence[DomainEvent]) -> list[str]:
        self.published += [e for e in events if e.event_id not in self.refuse]
        return [e.event_id for e in events if e.event_id in self.refuse]


class Ctx:
    function_name = "test"
    memory_limit_in_mb = 128
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:test"
    aws_request_id = "req"


def outbox_records(aws: LocalAws, tenant_id: str) -> list[dict[str, Any]]:
    """The stream's INSERT records of one tenant's outbox, as the Lambda event source hands them over."""
    streams = aws.client("dynamodbstreams")
    arn = aws.client("dynamodb").describe_table(TableName="convertly")["Table"]["LatestStreamArn"]
    records: list[dict[str, Any]] = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        while iterator:
            page = streams.get_records(ShardIterator=iterator, Limit=1000)
            records += page["Records"]
            iterator = page.get("NextShardIterator") if page["Records"] else None
    outbox_pk = platform_keys.outbox(tenant_id)
    return [
        {**r, "eventSourceARN": arn}
        for r in records
        if r["eventName"] == "INSERT" and r["dynamodb"]["NewImage"]["PK"]["S"] == outbox_pk
    ]


def test_lead_write_and_its_event_commit_together(api: Api, aws: LocalAws, tenant: Account) -> None:
    # When a lead is created, updated and deleted
    _, lead = api.call("POST", "/leads", {"first_name": "Eve", "email": "eve@x.test"}, tenant.token)
    api.call("PATCH", f"/leads/{lead['lead_id']}", {"company": "Eve Co", "version": 1}, tenant.token)
    api.call("DELETE", f"/leads/{lead['lead_id']}", token=tenant.token)
    # Then the stream carries one outbox event per change, in order, and the relay publishes them all
    publisher = RecordingPublisher()
    result = relay_handler({"Records": outbox_records(aws, tenant.tenant_id)}, Ctx(), publisher=publisher)
    assert result == {"batchItemFailures": []}
    types = [e.detail_type for e in publisher.published]
    assert types == ["TenantCreated", "LeadCreated", "LeadUpdated", "LeadDeleted"]
    updated = publisher.published[2]
    assert updated.subject_id == lead["lead_id"]
    assert updated.data["changes"] == {"company": {"from": None, "to": "Eve Co"}}


def test_a_failed_write_leaves_no_event(api: Api, aws: LocalAws, tenant: Account) -> None:
    # When a lead write fails its condition (unknown owner)
    status, _ = api.call("POST", "/leads", {"first_name": "Ghost", "owner_id": "nobody"}, tenant.token)
    assert status == 422
    # Then no LeadCreated event exists for it
    types = [r["dynamodb"]["NewImage"]["detail_type"]["S"] for r in outbox_records(aws, tenant.tenant_id)]
    assert "LeadCreated" not in types


def test_relay_reports_the_first_refused_record_so_the_stream_retries_from_there(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    api.call("POST", "/leads", {"first_name": "One"}, tenant.token)
    api.call("POST", "/leads", {"first_name": "Two"}, tenant.token)
    records = outbox_records(aws, tenant.tenant_id)
    refused = json.loads(records[1]["dynamodb"]["NewImage"]["detail"]["S"])["event_id"]
    result = relay_handler({"Records": records}, Ctx(), publisher=RecordingPublisher(refuse=[refused]))
    assert result == {"batchItemFailures": [{"itemIdentifier": records[1]["dynamodb"]["SequenceNumber"]}]}


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
