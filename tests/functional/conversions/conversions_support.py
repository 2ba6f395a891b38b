"""What the conversion tests share: the ad platform fakes (started once, the functions pointed at them),
a tenant's ad settings, won / reopened events as the conversions queue delivers them, and the consumer
called the way Lambda calls it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from convertly.conversions.accounts import SecretOpener
from convertly.conversions.dispatch import ConversionDispatcher
from convertly.platform.clock import iso
from convertly.platform.config import get_settings
from devstack.ad_fakes import AdFakes
from devstack.bootstrap.extras import ensure_key
from devstack.functions import lambda_context
from functions.conversions.handler import handler as conversions_handler
from tests.functional.conftest import Account, Api, LocalAws
from tests.functional.queue_support import RecordedBackoff, queue_record

GOOGLE = {
    "customer_id": "123-456-7890",
    "login_customer_id": "111-222-3333",
    "conversion_action_id": "987654321",
    "developer_token": "dev-token-AbCd1234",
    "client_id": "client-123.apps.googleusercontent.com",
    "client_secret": "client-secret-XyZ9876",
    "refresh_token": "1//refresh-token-Qw5678",
}
META = {"dataset_id": "555000111222333", "access_token": "EAAG-meta-token-Zz4321"}
CUSTOMER_ID, DATASET_ID = "1234567890", META["dataset_id"]

_fakes: AdFakes | None = None


def shared_fakes(aws: LocalAws) -> AdFakes:
    """The fakes, started once per session, with the functions' settings pointed at them."""
    global _fakes
    if _fakes is None:
        ensure_key(aws.client("kms"))
        _fakes = AdFakes("127.0.0.1", 0).start()
        os.environ.update({**_fakes.environment(), "ADS_HTTP_TIMEOUT_SECONDS": "2"})
        get_settings.cache_clear()
    for fake in (_fakes.google_ads, _fakes.oauth, _fakes.meta):
        fake.reset()
    _fakes.oauth.revoked.clear()
    _fakes.meta.revoked.clear()
    _fakes.google_ads.conversion_actions.clear()
    return _fakes


def configure(
    api: Api, account: Account, *, with_google: bool = True, with_meta: bool = True, **extra: Any
) -> dict[str, Any]:
    body: dict[str, Any] = dict(extra)
    if with_google:
        body["google_ads"] = {**GOOGLE, **(extra.get("google_ads") or {})}
    if with_meta:
        body["meta"] = {**META, **(extra.get("meta") or {})}
    status, answer = api.call("PUT", "/settings/ads", body, account.token)
    assert status == 200, answer
    return dict(answer)


def lead_body(**attribution: Any) -> dict[str, Any]:
    """A lead a form captured, with the click ids given."""
    seen = attribution.pop("first_seen_at", iso(datetime.now(UTC) - timedelta(days=2)))
    return {
        "first_name": "Grace",
        "last_name": "Hopper",
        "email": " Grace.Hopper@Example.COM ",
        "phone": "(415) 555-0100",
        "value": "1250.50",
        "currency": "USD",
        "source": "form",
        "attribution": {
            "landing_page": "https://roofing.example.test/quote",
            "user_agent": "Mozilla/5.0 (Macintosh) Safari/605.1.15",
            "ip": "203.0.113.7",
            "form_id": "F1",
            "first_seen_at": seen,
            **attribution,
        },
    }


def create_lead(api: Api, account: Account, body: Mapping[str, Any]) -> dict[str, Any]:
    status, lead = api.call("POST", "/leads", dict(body), account.token)
    assert status == 201, lead
    return dict(lead)


def stage_event(
    tenant_id: str,
    lead: Mapping[str, Any],
    *,
    at: str | None = None,
    to_kind: str = "won",
    reopened: bool = False,
    to_stage_id: str = "STAGE-WON",
) -> dict[str, Any]:
    """LeadStageChanged as EventBridge delivers it through SQS (the shape of stage_changed_event)."""
    value_minor = round(float(lead.get("value") or 0) * 100)
    detail = {
        "tenant_id": tenant_id,
        "event_id": uuid.uuid4().hex,
        "occurred_at": at or iso(),
        "actor_id": "user-1",
        "subject_id": lead["lead_id"],
        "data": {
            "lead_id": lead["lead_id"],
            "pipeline_id": lead.get("pipeline_id"),
            "to_stage_id": to_stage_id,
            "to_kind": to_kind,
            "from_kind": "won" if reopened else "open",
            "value_minor": value_minor,
            "value": f"{value_minor / 100:.2f}",
            "currency": lead.get("currency", "USD"),
            "owner_id": lead.get("owner_id"),
            "source": lead.get("source", "manual"),
            "version": int(lead.get("version") or 1) + 1,
            "reopened": reopened,
        },
    }
    return {"source": "convertly.crm", "detail-type": "LeadStageChanged", "detail": detail}


def record(
    body: Mapping[str, Any], aws: LocalAws, *, receives: int = 1, message_id: str | None = None
) -> dict[str, Any]:
    """One SQS record of the conversions queue carrying `body`."""
    return queue_record(body, aws, "conversions", receives=receives, message_id=message_id)


def fresh_dispatcher() -> ConversionDispatcher:
    return ConversionDispatcher(opener=SecretOpener())


def deliver(
    records: list[dict[str, Any]],
    dispatcher: ConversionDispatcher | None = None,
    backoff: RecordedBackoff | None = None,
) -> set[str]:
    """Call the conversions function with one SQS batch; the ids of the messages it failed."""
    response = conversions_handler(
        {"Records": records},
        lambda_context("conversions"),
        dispatcher=dispatcher or fresh_dispatcher(),
        backoff=backoff or RecordedBackoff(),
    )
    return {failure["itemIdentifier"] for failure in response["batchItemFailures"]}


def ledger(api: Api, account: Account, lead_id: str) -> list[dict[str, Any]]:
    status, page = api.call("GET", f"/leads/{lead_id}/conversions", token=account.token)
    assert status == 200, page
    return list(page["items"])


def latest(entries: list[dict[str, Any]], platform: str, kind: str = "conversion") -> dict[str, Any]:
    return next(e for e in entries if e["platform"] == platform and e["kind"] == kind)
