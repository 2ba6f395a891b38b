"""Billing tests: localstripe in a thread for the API's Stripe calls, and a fake Stripe (real
signature checks, subscriptions held in memory) for webhook deliveries whose subscription state a
test must choose, such as past due, which localstripe cannot reach (it has no clock)."""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path
from typing import Any

import pytest
import stripe

from convertly.billing import plans
from convertly.billing.plans import PlanId
from convertly.billing.stripe_gateway import StripeGateway, StripeKeys
from devstack.apigw import LocalLambdaContext
from devstack.stripe_server import LocalStripe
from functions.billing_webhook.handler import handler as webhook_handler

EVENTS = Path(__file__).resolve().parents[3] / "events"
WEBHOOK_SECRET = "whsec_functional_tests"
Json = dict[str, Any]


class FakeStripe(StripeGateway):
    """Stripe as the webhook sees it: the SDK's real signature check, subscriptions from memory."""

    def __init__(self, secret: str = WEBHOOK_SECRET) -> None:
        super().__init__(
            stripe.StripeClient("sk_test_fake", max_network_retries=0), StripeKeys("sk", secret, None)
        )
        self.subscriptions: dict[str, Json] = {}
        self.reads = 0

    def subscription(self, subscription_id: str) -> Json | None:
        self.reads += 1
        found = self.subscriptions.get(subscription_id)
        return copy.deepcopy(found) if found is not None else None


def subscription(
    tenant_id: str,
    subscription_id: str,
    *,
    plan: PlanId = PlanId.PROFESSIONAL,
    status: str = "active",
    period_end: int | None = None,
    **extra: Any,
) -> Json:
    """A subscription in the shape of Stripe's current API (the period on the item, a price with a
    lookup key), built from the sample event's object."""
    sample = json.loads((EVENTS / "stripe" / "customer.subscription.created.json").read_text())
    data: Json = sample["data"]["object"]
    item = data["items"]["data"][0]
    item["price"]["lookup_key"] = plans.PLANS[plan].lookup_key
    item["current_period_end"] = period_end or int(time.time()) + 30 * 86400
    data.update(id=subscription_id, status=status, metadata={"tenant_id": tenant_id}, **extra)
    return data


def stripe_event(
    event_type: str, obj: Json, *, created: int | None = None, event_id: str | None = None
) -> Json:
    """A Stripe event of `event_type` about `obj`, shaped like the sample of that type."""
    sample_path = EVENTS / "stripe" / f"{event_type}.json"
    event: Json = json.loads(sample_path.read_text()) if sample_path.exists() else {"object": "event"}
    event.update(
        id=event_id or f"evt_{time.time_ns()}",
        type=event_type,
        created=created if created is not None else int(time.time()),
        data={"object": obj},
    )
    return event


def webhook_request(body: str, signature: str | None, *, base64_body: bool = False) -> Json:
    """The API Gateway REST event that carries Stripe's delivery (from the sample trigger)."""
    import base64

    event: Json = json.loads((EVENTS / "triggers" / "apigw_rest_stripe_webhook.json").read_text())
    event["headers"] = {k: v for k, v in event["headers"].items() if k.lower() != "stripe-signature"}
    if signature is not None:
        event["headers"]["Stripe-Signature"] = signature
    event["multiValueHeaders"] = {k: [v] for k, v in event["headers"].items()}
    event["body"] = base64.b64encode(body.encode()).decode() if base64_body else body
    event["isBase64Encoded"] = base64_body
    return event


def deliver(
    fake: FakeStripe,
    event: Json,
    *,
    secret: str = WEBHOOK_SECRET,
    signature: str | None = None,
    base64_body: bool = False,
    body: str | None = None,
) -> tuple[int, Json]:
    """Sign `event` as Stripe does and hand it to the webhook function as API Gateway would."""
    raw = body if body is not None else json.dumps(event, indent=2)
    header = (
        signature if signature is not None else stripe.WebhookSignature.generate_signature_header(raw, secret)
    )
    result = webhook_handler(
        webhook_request(raw, header, base64_body=base64_body),
        LocalLambdaContext("convertly-billing_webhook"),
        stripe=fake,
    )
    return int(result["statusCode"]), json.loads(result["body"])


@pytest.fixture(autouse=True)
def _billing_configured(localstripe: LocalStripe) -> None:
    """Every billing test runs with the functions pointed at localstripe."""
