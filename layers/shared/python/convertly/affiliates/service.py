"""What other parts of Convertly may ask of the affiliate program: attribute a new tenant's sign-up
(the sign-up route, after the tenant exists) and apply a verified Stripe event (the billing webhook,
after billing has applied it). Each loads its module on first use: sign-up pays for attribution only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

# The Stripe events the program reads (commissions.py): paid invoices, subscriptions, refunds, disputes.
STRIPE_EVENTS = frozenset(
    {
        "invoice.paid",
        "invoice.payment_succeeded",
        "customer.subscription.created",
        "customer.subscription.updated",
        "customer.subscription.deleted",
        "charge.refunded",
        "charge.dispute.created",
    }
)


def attribute_sign_up(tenant_id: str, company: str, email: str, referral: str | None) -> str | None:
    """Attribute a new tenant to the affiliate its referral names: "attributed", "refused" (a
    self-referral, flagged), "own" (the affiliate's own account) or None. Never fails the sign-up."""
    from convertly.affiliates.attribution import attribute_sign_up as attribute

    return attribute(tenant_id, company, email, referral)


def on_stripe_event(event: dict[str, Any], stripe: Any, tenant_id: str | None = None) -> str:
    """Apply one verified Stripe event to the program; what it did (commission, reversed, none, ...).
    `tenant_id` is the tenant billing found the event to be about, if any."""
    if str(event.get("type")) not in STRIPE_EVENTS:
        return "ignored"
    from convertly.affiliates.commissions import on_stripe_event as apply

    return apply(event, stripe, tenant_id).result


def release_due(at: datetime | None = None) -> int:
    """Make every commission whose hold has ended payable (the hourly schedule)."""
    from convertly.affiliates.payouts import release_due as release

    return release(at)
