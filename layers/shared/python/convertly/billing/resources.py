"""The billing capability's AWS resources: the Billing API and Stripe's webhook."""

from __future__ import annotations

from convertly.platform.specs import FunctionSpec

FUNCTIONS: tuple[FunctionSpec, ...] = (
    # Billing: the Billing page's API, and Stripe's webhook (no token; it verifies Stripe's signature).
    FunctionSpec(
        "billing",
        "Billing: plan, usage, subscribe, change plan, cancel, portal",
        "readwrite",
        stripe=True,
        timeout_seconds=20,  # a subscription's first charge waits on Stripe
    ),
    FunctionSpec(
        "billing_webhook",
        "Stripe webhook: applies subscription changes to tenants",
        "readwrite",
        stripe=True,
        timeout_seconds=20,
    ),
)
