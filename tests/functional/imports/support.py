"""Imports in functional tests: the browser's upload (a presigned POST to moto's S3), the bucket's
notification through the runner's real queue and handler, and the run's events delivered from the
tenant's outbox, one at a time, as the queue would."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import requests

from convertly.imports import run
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.stream import event_from_stream_image
from devstack.lambda_events import sqs_record
from functions.import_runner.handler import handler as runner
from tests.functional.conftest import Account, Api, LocalAws
from tests.functional.platform.test_events import Ctx, outbox_records

RUN_EVENTS = ("ImportStarted", "ImportContinued", "ImportUndoRequested", "ImportUndoContinued")


def post_file(api: Api, account: Account, name: str, content: bytes) -> tuple[dict[str, Any], int]:
    """Create the import and upload the file as the browser does; the import and S3's status."""
    status, created = api.call(
        "POST", "/imports", {"file_name": name, "size_bytes": len(content)}, account.token
    )
    assert status == 201, created
    form = created["upload"]
    response = requests.post(form["url"], data=form["fields"], files={"file": (name, content)}, timeout=30)
    return created, response.status_code


def notify_runner(aws: LocalAws) -> int:
    """Hand the runner's queue (the bucket's notifications) to its handler; the messages handled."""
    sqs, queue = aws.client("sqs"), aws.consumers["import_runner"].queue
    handled = 0
    while True:
        batch = sqs.receive_message(
            QueueUrl=queue.url, MaxNumberOfMessages=1, WaitTimeSeconds=0, MessageSystemAttributeNames=["All"]
        ).get("Messages", [])
        if not batch:
            return handled
        body = json.loads(batch[0]["Body"])
        if "Records" in body or body.get("Event") == "s3:TestEvent":
            event = {"Records": [sqs_record(batch[0], queue.arn, "us-east-1")]}
            assert runner(event, Ctx()) == {"batchItemFailures": []}
            handled += 1
        sqs.delete_message(QueueUrl=queue.url, ReceiptHandle=batch[0]["ReceiptHandle"])


def upload(api: Api, aws: LocalAws, account: Account, name: str, content: bytes) -> dict[str, Any]:
    """A file uploaded and inspected: the import as the API then shows it."""
    created, status = post_file(api, account, name, content)
    assert status == 201
    notify_runner(aws)
    return get(api, account, created["import_id"])


def get(api: Api, account: Account, import_id: str) -> dict[str, Any]:
    status, body = api.call("GET", f"/imports/{import_id}", token=account.token)
    assert status == 200, body
    return body


class Outbox:
    """The tenant's run events, each delivered once (or as the test says)."""

    def __init__(self, aws: LocalAws, tenant_id: str) -> None:
        self.aws, self.tenant_id = aws, tenant_id
        self.seen: set[str] = set()

    def pending(self) -> list[DomainEvent]:
        found = []
        for record in outbox_records(self.aws, self.tenant_id):
            event = event_from_stream_image(record["dynamodb"]["NewImage"])
            if event.detail_type in RUN_EVENTS and event.event_id not in self.seen:
                found.append(event)
        return found

    def all(self) -> list[DomainEvent]:
        """Every event in the tenant's outbox so far."""
        return [
            event_from_stream_image(r["dynamodb"]["NewImage"])
            for r in outbox_records(self.aws, self.tenant_id)
        ]

    def deliver(self, handle: Callable[[DomainEvent], None] | None = None, limit: int = 10_000) -> int:
        """Run the pending events until none is left (or `limit` of them); how many ran."""
        ran = 0
        while ran < limit:
            pending = self.pending()
            if not pending:
                return ran
            event = pending[0]
            self.seen.add(event.event_id)
            (handle or dispatch)(event)
            ran += 1
        return ran


def dispatch(event: DomainEvent) -> None:
    if event.detail_type.startswith("ImportUndo"):
        run.run_undo(event)
    else:
        run.run_chunk(event)


def start(api: Api, account: Account, import_id: str, mapping: list[str], **options: Any) -> dict[str, Any]:
    status, body = api.call(
        "POST", f"/imports/{import_id}/start", {"mapping": mapping, "options": options}, account.token
    )
    assert status == 202, body
    return body


def csv_bytes(rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)
