"""The events Lambda hands a function: SQS batches, DynamoDB stream batches, scheduled events.

Shapes follow the AWS Lambda developer guide's samples, so a handler tested here sees on AWS what it
saw locally.
"""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime
from typing import Any

ACCOUNT_ID = "123456789012"


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def _sqs_message_attribute(value: dict[str, Any]) -> dict[str, Any]:
    binary = value.get("BinaryValue")
    return {
        "stringValue": value.get("StringValue"),
        "binaryValue": _b64(binary) if binary is not None else None,
        "stringListValues": list(value.get("StringListValues", [])),
        "binaryListValues": [_b64(item) for item in value.get("BinaryListValues", [])],
        "dataType": value["DataType"],
    }


def sqs_record(message: dict[str, Any], queue_arn: str, region: str) -> dict[str, Any]:
    """One Records[] entry from an SQS ReceiveMessage result (received with all attributes)."""
    attributes = message.get("Attributes", {})
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": {
            "ApproximateReceiveCount": attributes.get("ApproximateReceiveCount", "1"),
            "SentTimestamp": attributes.get("SentTimestamp", ""),
            "SenderId": attributes.get("SenderId", ACCOUNT_ID),
            "ApproximateFirstReceiveTimestamp": attributes.get("ApproximateFirstReceiveTimestamp", ""),
        },
        "messageAttributes": {
            name: _sqs_message_attribute(value)
            for name, value in message.get("MessageAttributes", {}).items()
        },
        "md5OfBody": message["MD5OfBody"],
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": region,
    }


def _to_lambda_json(value: Any) -> Any:
    # boto3 decodes B/BS attributes to bytes and the creation time to a datetime; the Lambda event
    # carries base64 text and epoch seconds.
    if isinstance(value, bytes):
        return _b64(value)
    if isinstance(value, datetime):
        return int(value.timestamp())
    if isinstance(value, dict):
        return {key: _to_lambda_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_to_lambda_json(item) for item in value]
    return value


def stream_record(record: dict[str, Any], stream_arn: str) -> dict[str, Any]:
    """One Records[] entry from a dynamodbstreams GetRecords result."""
    return {**_to_lambda_json(record), "eventVersion": "1.1", "eventSourceARN": stream_arn}


def scheduled_event(rule_name: str, region: str, now: datetime | None = None) -> dict[str, Any]:
    """The event an EventBridge schedule rule sends its target."""
    moment = now or datetime.now(UTC)
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT_ID,
        "time": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": region,
        "resources": [f"arn:aws:events:{region}:{ACCOUNT_ID}:rule/{rule_name}"],
        "detail": {},
    }
