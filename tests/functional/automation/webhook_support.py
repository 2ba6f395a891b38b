"""Webhooks in functional tests: a local receiver (a real HTTP server on 127.0.0.1 that records what
it is sent and answers the statuses a test asks for), the settings that let webhooks reach it, the
WebhookQueued events of a tenant's outbox as SQS records of the webhooks queue, and the sender's
handler called with them."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from convertly.automation.webhook_delivery import WebhookSender
from convertly.platform.clock import now as clock_now
from convertly.platform.config import get_settings
from convertly.platform.events.backoff import VisibilityBackoff
from devstack.bootstrap.extras import ensure_key
from devstack.functions import lambda_context
from functions.webhook_sender.handler import handler as sender_handler
from tests.functional.conftest import LocalAws
from tests.functional.platform.test_events import outbox_records
from tests.functional.queue_support import RecordedBackoff, queue_record


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.body)
        return loaded


@dataclass
class Receiver:
    """Records each POST; answers the next of `answers` (200 when none is left)."""

    requests: list[Received] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/convertly"

    def answer(self, *statuses: int) -> None:
        self.answers.extend(statuses)


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with lock:
                receiver.requests.append(
                    Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                )
                status = receiver.answers.pop(0) if receiver.answers else 200
            answer = b'{"ok":true}' if status < 400 else f"upstream said no ({status})".encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json" if status < 400 else "text/plain")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(found))
    found.port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield found
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def local_webhooks(aws: LocalAws) -> Iterator[None]:
    """The settings the local stack runs with: webhooks may reach 127.0.0.1; and the secrets key."""
    ensure_key(aws.client("kms"))
    os.environ["ALLOW_PRIVATE_WEBHOOKS"] = "true"
    get_settings.cache_clear()
    try:
        yield
    finally:
        os.environ.pop("ALLOW_PRIVATE_WEBHOOKS", None)
        get_settings.cache_clear()


class Clock:
    """The sender's clock: now, moved on by the test (a retry's backoff passes at once)."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return clock_now() + self.offset

    def advance(self, **delta: float) -> None:
        self.offset += timedelta(**delta)


class ImmediateBackoff(VisibilityBackoff):
    """Keeps the delays asked for and makes each message visible again at once (the real queue)."""

    def __init__(self, client: Any) -> None:
        super().__init__(client)
        self.delays: list[int] = []

    def delay(self, records: Any, seconds: Mapping[str, int]) -> None:
        self.delays += list(seconds.values())
        super().delay(records, {message_id: 0 for message_id in seconds})


def queued_events(aws: LocalAws, tenant_id: str) -> list[dict[str, Any]]:
    """The tenant's WebhookQueued events (oldest first), as the bus delivers them."""
    found = []
    for record in outbox_records(aws, tenant_id):
        image = record["dynamodb"]["NewImage"]
        if image["detail_type"]["S"] == "WebhookQueued":
            found.append(
                {
                    "source": "convertly.crm",
                    "detail-type": "WebhookQueued",
                    "detail": json.loads(image["detail"]["S"]),
                }
            )
    return found


def record(
    body: Mapping[str, Any], aws: LocalAws, *, receives: int = 1, message_id: str | None = None
) -> dict[str, Any]:
    """One SQS record of the webhooks queue carrying `body`."""
    return queue_record(body, aws, "webhook_sender", receives=receives, message_id=message_id)


def deliver(
    records: list[dict[str, Any]],
    sender: WebhookSender | None = None,
    backoff: VisibilityBackoff | None = None,
) -> set[str]:
    """Call the webhook sender with one SQS batch; the ids of the messages it failed."""
    response = sender_handler(
        {"Records": records},
        lambda_context("webhook_sender"),
        sender=sender or WebhookSender(),
        backoff=backoff or RecordedBackoff(),
    )
    return {failure["itemIdentifier"] for failure in response["batchItemFailures"]}
