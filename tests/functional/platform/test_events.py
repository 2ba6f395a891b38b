"""Domain events: the outbox item is written in the write's transaction, and the table stream's
records reach the bus through the relay (the audit log consumer at the end of the path is in
tests/functional/audit)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.publisher import EventPublisher
from convertly.platform.store import keys as platform_keys
from functions.event_relay.handler import handler as relay_handler
from tests.functional.conftest import Account, Api, LocalAws


class RecordingPublisher(EventPublisher):
    """Keeps what it is given; refuses the ids in `refuse`."""

    def __init__(self, refuse: Sequence[str] = ()):
        self.published: list[DomainEvent] = []
        self.refuse = set(refuse)

    def publish(self, events: Sequence[DomainEvent]) -> list[str]:
        self.published += [e for e in events if e.event_id not in self.refuse]
        return [e.event_id for e in events if e.event_id in self.refuse]


def sqs_batch(events: Sequence[DomainEvent], queue: str) -> dict[str, Any]:
    """The SQS event a consumer gets for `events` routed to `queue` by the bus (EventBridge's envelope
    as the message body), as the Lambda event source hands it over."""
    return {
        "Records": [
            {
                "messageId": event.event_id,
                "receiptHandle": event.event_id,
                "body": json.dumps(
                    {
                        "detail-type": event.detail_type,
                        "source": "convertly.crm",
                        "detail": json.loads(event.detail_json()),
                    }
                ),
                "attributes": {},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": f"arn:aws:sqs:us-east-1:123456789012:{queue}",
                "awsRegion": "us-east-1",
            }
            for event in events
        ]
    }


class Ctx:
    function_name = "test"
    memory_limit_in_mb = 128
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:test"
    aws_request_id = "req"


# A worker's table stream only grows during its session: what one read of it found is kept, keyed by
# the stream and shard, and the next read asks for the records after the last one found (checking that
# that record is still there: moto's transactions take theirs back when they fail).
_READ: dict[tuple[str, str], list[dict[str, Any]]] = {}


def stream_records(aws: LocalAws) -> tuple[str, list[dict[str, Any]]]:
    """The table's stream ARN and every record of its stream so far, oldest first."""
    streams = aws.client("dynamodbstreams")
    arn = aws.client("dynamodb").describe_table(TableName="convertly")["Table"]["LatestStreamArn"]
    records: list[dict[str, Any]] = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        key = (arn, shard["ShardId"])
        known = _READ.get(key, [])
        if known and not _still_there(streams, arn, shard["ShardId"], known[-1]):
            known = []
        position = (
            {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": _sequence(known[-1])}
            if known
            else {"ShardIteratorType": "TRIM_HORIZON"}
        )
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], **position)[
            "ShardIterator"
        ]
        known = list(known)
        while iterator:
            page = streams.get_records(ShardIterator=iterator, Limit=1000)
            known += page["Records"]
            iterator = page.get("NextShardIterator") if page["Records"] else None
        _READ[key] = known
        records += known
    return arn, records


def _sequence(record: dict[str, Any]) -> str:
    return str(record["dynamodb"]["SequenceNumber"])


def _still_there(streams: Any, arn: str, shard_id: str, record: dict[str, Any]) -> bool:
    iterator = streams.get_shard_iterator(
        StreamArn=arn,
        ShardId=shard_id,
        ShardIteratorType="AT_SEQUENCE_NUMBER",
        SequenceNumber=_sequence(record),
    )["ShardIterator"]
    found = streams.get_records(ShardIterator=iterator, Limit=1)["Records"]
    return bool(found) and found[0]["eventID"] == record["eventID"]


def outbox_records(aws: LocalAws, tenant_id: str) -> list[dict[str, Any]]:
    """The stream's INSERT records of one tenant's outbox, as the Lambda event source hands them over."""
    arn, records = stream_records(aws)
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
    # Then the stream carries the events of each change, and the relay publishes them all: the company
    # typed on the lead is made first (its own write), then the lead's and its contact's change commit
    # together
    publisher = RecordingPublisher()
    result = relay_handler({"Records": outbox_records(aws, tenant.tenant_id)}, Ctx(), publisher=publisher)
    assert result == {"batchItemFailures": []}
    types = [e.detail_type for e in publisher.published]
    assert types[:3] == ["TenantCreated", "LeadCreated", "CompanyCreated"]
    assert sorted(types[3:5]) == ["ContactUpdated", "LeadUpdated"] and types[5:] == ["LeadDeleted"]
    updated = next(e for e in publisher.published if e.detail_type == "LeadUpdated")
    assert updated.subject_id == lead["lead_id"]
    assert updated.data["changes"] == {"company": {"from": None, "to": "Eve Co"}}
    contact = next(e for e in publisher.published if e.detail_type == "ContactUpdated")
    assert contact.subject_id == lead["contact_id"] and set(contact.data["changes"]) == {"company_id"}


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
