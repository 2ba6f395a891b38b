"""The Stripe webhook: verify the signature on the raw body, then fold the subscription the event is
about into its tenant, once per event id and never backwards in time.

Whatever the event type, the subscription is read back from Stripe and applied as it is now, with
the event's `created` as the time of the observation: events arrive late, twice and out of order,
and the subscription as Stripe holds it is the one state they all lead to. The tenant is the
subscription's `tenant_id` metadata, which Convertly set when it created the subscription.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import stripe as stripe_sdk

from convertly.accounts import service as accounts
from convertly.billing import usage
from convertly.billing.state import Subscription
from convertly.billing.stripe_gateway import StripeGateway, gateway, stripe_errors
from convertly.billing.use_cases import apply_subscription
from convertly.platform.errors import BadRequestError
from convertly.platform.observability import logger

Json = dict[str, Any]

HANDLED = frozenset(
    {
        "checkout.session.completed",
        "customer.subscription.created",
        "customer.subscription.updated",
        "customer.subscription.deleted",
        "customer.subscription.trial_will_end",
        "invoice.paid",
        # What Stripe (and localstripe) also send for a paid invoice; handled alike, applied once.
        "invoice.payment_succeeded",
        "invoice.payment_failed",
    }
)


@dataclass(frozen=True)
class WebhookOutcome:
    event_id: str
    event_type: str
    result: str  # applied | duplicate | stale | ignored | unhandled
    tenant_id: str | None = None
    event: Json | None = field(default=None, repr=False)  # the verified event, for the affiliate program


def handle_webhook(
    payload: bytes, signature: str | None, stripe: StripeGateway | None = None
) -> WebhookOutcome:
    """Verify and apply one webhook delivery. A bad signature is a 400 `invalid_signature` before
    anything is read or written; an event type Convertly does not handle is acknowledged unread."""
    stripe = stripe or gateway()
    try:
        event = stripe.verified_event(payload, signature)
    except (stripe_sdk.SignatureVerificationError, ValueError) as error:
        raise BadRequestError(
            "The Stripe-Signature header does not sign this body", code="invalid_signature"
        ) from error
    event_id, event_type = str(event.get("id")), str(event.get("type"))
    if event_type not in HANDLED:
        return WebhookOutcome(event_id, event_type, "unhandled", event=event)
    subscription_id = subscription_of(event)
    if subscription_id is None:
        return WebhookOutcome(event_id, event_type, "ignored", event=event)
    with stripe_errors():
        data = stripe.subscription(subscription_id)
    tenant_id = Subscription.of(data).tenant_id if data is not None else None
    billing = usage.billing_of(tenant_id) if tenant_id else None
    if data is None or tenant_id is None or (billing is None and not _tenant_exists(tenant_id)):
        logger.warning(
            "Stripe event for no Convertly tenant", extra={"event_id": event_id, "type": event_type}
        )
        return WebhookOutcome(event_id, event_type, "ignored", tenant_id, event=event)
    result = apply_subscription(tenant_id, data, int(event.get("created") or 0), event, billing)
    return WebhookOutcome(event_id, event_type, result, tenant_id, event=event)


def subscription_of(event: Json) -> str | None:
    """The id of the subscription an event is about, in any of the API versions' shapes."""
    obj: Json = (event.get("data") or {}).get("object") or {}
    kind = obj.get("object")
    if kind == "subscription":
        return _id(obj.get("id"))
    if kind == "checkout.session":
        return _id(obj.get("subscription"))
    if kind == "invoice":
        details = ((obj.get("parent") or {}).get("subscription_details") or {}).get("subscription")
        return _id(obj.get("subscription")) or _id(details)
    return None


def _id(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("id")
    return str(value) if value else None


def _tenant_exists(tenant_id: str) -> bool:
    return accounts.get_tenant(tenant_id) is not None
