"""Keys of the billing capability's items; every partition key starts with the tenant."""

from __future__ import annotations

# Billing: the tenant's plan and subscription, monthly usage, processed Stripe events.
BILLING_SK = "BILLING"


def usage(tenant_id: str) -> str:
    """A tenant's usage counters, one item per calendar month."""
    return f"T#{tenant_id}#USAGE"


def lead_usage_sk(month: str) -> str:
    """`month` is `YYYY-MM` (UTC)."""
    return f"LEADS#{month}"


def stripe_events(tenant_id: str) -> str:
    return f"T#{tenant_id}#STRIPE"


def stripe_event_sk(event_id: str) -> str:
    return f"EVENT#{event_id}"
