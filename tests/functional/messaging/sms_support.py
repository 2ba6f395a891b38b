"""What the SMS tests share: the Twilio fake (started once, the functions pointed at it, emptied for
each test), a tenant's Twilio account connected through the API, contacts with phones, the SmsQueued
events of a tenant's outbox as the `convertly-sms` queue delivers them, and the sender called the way
Lambda calls it."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Mapping
from typing import Any

from convertly.messaging import keys
from convertly.messaging.items import SmsItem
from convertly.messaging.sms_sender import SmsSender
from convertly.messaging.twilio import TwilioClient
from convertly.platform.config import get_settings
from convertly.platform.events.outbox import OutboxEventItem
from convertly.platform.store import keys as platform_keys
from devstack.ad_fakes import (
    LOCAL_TWILIO_ACCOUNT_SID,
    LOCAL_TWILIO_AUTH_TOKEN,
    LOCAL_TWILIO_NUMBER,
    local_twilio,
)
from devstack.bootstrap.extras import ensure_key
from devstack.fakes.twilio import TwilioFake
from devstack.functions import lambda_context
from functions.sms_sender.handler import handler as sms_handler
from tests.functional.conftest import Account, Api, LocalAws
from tests.functional.queue_support import RecordedBackoff, queue_record

CONNECT = {
    "account_sid": LOCAL_TWILIO_ACCOUNT_SID,
    "auth_token": LOCAL_TWILIO_AUTH_TOKEN,
    "from_number": LOCAL_TWILIO_NUMBER,
}
_fake: TwilioFake | None = None


def shared_twilio(aws: LocalAws) -> TwilioFake:
    """The fake, started once per session with the local account; the functions' settings point at it
    (asserted on each use: other tests' fakes set TWILIO_API_BASE too)."""
    global _fake
    if _fake is None:
        ensure_key(aws.client("kms"))
        _fake = local_twilio().start()
    if os.environ.get("TWILIO_API_BASE") != _fake.url:
        os.environ["TWILIO_API_BASE"] = _fake.url
        get_settings.cache_clear()
    _fake.reset()
    return _fake


def connect(api: Api, account: Account, **changes: Any) -> dict[str, Any]:
    status, settings = api.call("PUT", "/settings/sms", {**CONNECT, **changes}, account.token)
    assert status == 200, settings
    return dict(settings)


def a_phone() -> str:
    """A US number no other test texts."""
    return f"+1415{uuid.uuid4().int % 10**7:07d}"


def contact(api: Api, account: Account, **fields: Any) -> dict[str, Any]:
    body = {"first_name": "Grace", "last_name": "Hopper", "phone": a_phone(), **fields}
    status, created = api.call("POST", "/contacts", body, account.token)
    assert status == 201, created
    return dict(created)


def text(api: Api, account: Account, contact_id: str, **body: Any) -> tuple[int, Any]:
    request = {"channel": "sms", "request_key": uuid.uuid4().hex, **body}
    return api.call("POST", f"/contacts/{contact_id}/messages", request, account.token)


def sms_items(tenant_id: str) -> list[SmsItem]:
    return list(SmsItem.query(keys.sms_outbox(tenant_id), consistent_read=True))


def queued_events(tenant_id: str) -> list[dict[str, Any]]:
    """The tenant's SmsQueued events as EventBridge hands them to the queue (oldest first)."""
    outbox = OutboxEventItem.query(platform_keys.outbox(tenant_id), consistent_read=True)
    return [
        {"source": "convertly.crm", "detail-type": item.detail_type, "detail": json.loads(item.detail)}
        for item in outbox
        if item.detail_type == "SmsQueued"
    ]


def record(
    body: Mapping[str, Any], aws: LocalAws, *, receives: int = 1, message_id: str | None = None
) -> dict[str, Any]:
    """One SQS record of the `convertly-sms` queue carrying `body`."""
    return queue_record(body, aws, "sms_sender", receives=receives, message_id=message_id)


def sender(fake: TwilioFake) -> SmsSender:
    """A sender as a cold container has it (nothing opened yet), with a short Twilio timeout."""
    return SmsSender(client=TwilioClient(fake.url, timeout_seconds=1.0))


def deliver(
    records: list[dict[str, Any]],
    fake: TwilioFake,
    backoff: RecordedBackoff | None = None,
    with_sender: SmsSender | None = None,
) -> set[str]:
    """Call the sms_sender function with one SQS batch; the ids of the messages it failed."""
    response = sms_handler(
        {"Records": records},
        lambda_context("sms_sender"),
        sender=with_sender or sender(fake),
        backoff=backoff or RecordedBackoff(),
    )
    return {failure["itemIdentifier"] for failure in response["batchItemFailures"]}


def timeline_texts(api: Api, account: Account, contact_id: str) -> list[dict[str, Any]]:
    status, timeline = api.call("GET", f"/contacts/{contact_id}/timeline", token=account.token)
    assert status == 200, timeline
    return [entry for entry in timeline["items"] if entry["kind"] == "texted"]
