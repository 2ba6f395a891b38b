"""Moving a consumer's dead-lettered messages back to its queue: `python -m devstack replay <function>`.

On AWS the same is `aws sqs start-message-move-task --source-arn <DLQ arn>` (docs/events.md). The
consumer is idempotent, so a message replayed after it was handled some other way changes nothing.
"""

from __future__ import annotations

from typing import Any


def redrive(sqs: Any, dead_letter_queue_url: str, queue_url: str, limit: int = 10_000) -> int:
    """Move up to `limit` messages, bodies and attributes unchanged; the number moved."""
    moved = 0
    while moved < limit:
        messages = sqs.receive_message(
            QueueUrl=dead_letter_queue_url,
            MaxNumberOfMessages=10,
            WaitTimeSeconds=0,
            MessageAttributeNames=["All"],
            VisibilityTimeout=60,
        ).get("Messages", [])
        if not messages:
            return moved
        entries = [
            {"Id": str(i), "MessageBody": m["Body"], "MessageAttributes": m.get("MessageAttributes", {})}
            for i, m in enumerate(messages)
        ]
        sent = sqs.send_message_batch(QueueUrl=queue_url, Entries=entries)
        done = {entry["Id"] for entry in sent.get("Successful", [])}
        delete = [
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
            for i, m in enumerate(messages)
            if str(i) in done
        ]
        if delete:
            sqs.delete_message_batch(QueueUrl=dead_letter_queue_url, Entries=delete)
        moved += len(delete)
        if len(delete) < len(messages):
            return moved  # the rest stay in the DLQ (and become visible again) for the next run
    return moved
