"""The billing capability's HTTP routes: plan, usage, subscription and Stripe's webhook."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U, WH = AuthKind.USER, AuthKind.WEBHOOK
P = Permission

ROUTES: tuple[Route, ...] = (
    # billing: plan, usage and subscription (Admin manages, Manager reads); Stripe's webhook
    Route("GET", "/billing", "billing", U, P.BILLING_READ, "Plan, status, usage against limits, dates"),
    Route(
        "POST",
        "/billing/checkout",
        "billing",
        U,
        P.BILLING_MANAGE,
        "Subscribe or upgrade (Checkout)",
        audit="started a checkout",
    ),
    Route("POST", "/billing/card-setup", "billing", U, P.BILLING_MANAGE, "Start the card form (SetupIntent)"),
    Route(
        "POST",
        "/billing/subscription",
        "billing",
        U,
        P.BILLING_MANAGE,
        "Subscribe with a card",
        audit="changed the plan",
    ),
    Route("POST", "/billing/portal", "billing", U, P.BILLING_MANAGE, "A Stripe customer portal link"),
    Route(
        "POST",
        "/billing/cancel",
        "billing",
        U,
        P.BILLING_MANAGE,
        "Cancel at the period end (or undo)",
        audit="cancelled the subscription",
    ),
    Route(
        "POST",
        "/billing/downgrade",
        "billing",
        U,
        P.BILLING_MANAGE,
        "Downgrade at the period end",
        audit="scheduled a downgrade",
    ),
    Route("POST", "/webhooks/stripe", "billing_webhook", WH, summary="Stripe events (signed)"),
)
