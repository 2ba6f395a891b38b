"""What other capabilities may ask of billing: count a new lead or user against the plan inside
their own transaction, set up a new tenant's billing, and read the plan summary a profile shows.

The one door into billing from elsewhere (import-linter checks it). It loads no Stripe SDK, and the
plan summary's API shapes load on first use only, so a lead write pays for the counters alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from convertly.billing import keys
from convertly.billing.items import BillingItem
from convertly.billing.plans import Feature, Plan
from convertly.billing.usage import (
    USER_USAGE,
    billing_of,
    commit_new_lead,
    count_user,
    counts_as_user,
    ensure_billing,
    new_tenant_items,
    plan_of,
    require_feature,
    uncount_user,
    user_limit_error,
)
from convertly.platform.store import keys as platform_keys

if TYPE_CHECKING:
    from convertly.billing.domain import BillingSummary

__all__ = [
    "USER_USAGE",
    "BillingSummary",
    "Feature",
    "Plan",
    "SubscriptionFacts",
    "billing_key",
    "billing_of",
    "commit_new_lead",
    "count_user",
    "counts_as_user",
    "customer_of",
    "ensure_billing",
    "extend_trial",
    "lead_usage_key",
    "new_tenant_items",
    "overview_of",
    "plan_of",
    "require_feature",
    "stripe_gateway",
    "stripe_status",
    "subscription_facts",
    "summary_of",
    "uncount_user",
    "user_limit_error",
]


def __getattr__(name: str) -> Any:
    if name == "BillingSummary":
        return import_module("convertly.billing.domain").BillingSummary
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def billing_key(tenant_id: str) -> tuple[str, str]:
    """The tenant's billing item's key, for a BatchGetItem that reads it beside other items."""
    return platform_keys.tenant(tenant_id), keys.BILLING_SK


def extend_trial(tenant_id: str, days: int) -> BillingItem:
    """Convertly's staff give a tenant on its free trial `days` more (from today if it has ended).
    A tenant that pays through Stripe has its trial in Stripe: 409."""
    from datetime import timedelta

    from convertly.platform.clock import iso, now, parse_iso
    from convertly.platform.errors import ConflictError

    billing = ensure_billing(tenant_id)
    if billing.stripe_subscription_id or billing.status != "trialing":
        raise ConflictError(
            "This tenant is past its free trial and pays through Stripe: change its trial there",
            code="trial_not_local",
        )
    start = max(now(), parse_iso(billing.trial_ends_at)) if billing.trial_ends_at else now()
    ends = iso(start + timedelta(days=days))
    billing.update(
        [BillingItem.trial_ends_at.set(ends), BillingItem.updated_at.set(iso())],
        condition=(BillingItem.status == "trialing") & BillingItem.stripe_subscription_id.does_not_exist(),
    )
    return billing


def overview_of(tenant_id: str) -> Any:
    """The plan, status, usage and dates of a tenant, as its Billing page shows them."""
    from convertly.billing.use_cases import overview
    from convertly.platform.principal import system_principal

    return overview(system_principal(tenant_id))


def stripe_status(subscription_id: str) -> str | None:
    """The subscription's status as Stripe tells it now, or None when Stripe cannot say."""
    try:
        from convertly.billing.stripe_gateway import gateway

        live = gateway().subscription(subscription_id)
    except Exception:  # the console shows "unknown"; nothing depends on it
        return None
    return str(live.get("status")) if live else None


def lead_usage_key(tenant_id: str, month: str) -> tuple[str, str]:
    """The key of a month's lead counter (`YYYY-MM`), for a BatchGetItem beside other items."""
    return keys.usage(tenant_id), keys.lead_usage_sk(month)


def summary_of(item: Any) -> BillingSummary | None:
    """The plan summary of a billing item read by `billing_key`, or None for any other item."""
    if not isinstance(item, BillingItem):
        return None
    views = import_module("convertly.billing.views")
    result: BillingSummary | None = views.summary(item)
    return result


# Stripe, for the affiliate program's commissions (the webhook function hands its adapter over).


@dataclass(frozen=True)
class SubscriptionFacts:
    """What a Stripe subscription says of its tenant: plan, whether it is live, its monthly amount."""

    subscription_id: str
    tenant_id: str | None
    plan: str | None
    status: str
    live: bool
    monthly_minor: int
    currency: str


def subscription_facts(data: dict[str, Any]) -> SubscriptionFacts:
    from convertly.billing.state import Subscription

    sub = Subscription.of(data)
    items = (data.get("items") or {}).get("data") or []
    price = (items[0].get("price") or items[0].get("plan") or {}) if items else {}
    amount = int(price.get("unit_amount") or price.get("amount") or 0) * int(
        (items[0] if items else {}).get("quantity") or 1
    )
    interval = (price.get("recurring") or {}).get("interval") or price.get("interval") or "month"
    monthly = amount // 12 if interval == "year" else amount
    return SubscriptionFacts(
        subscription_id=sub.subscription_id,
        tenant_id=sub.tenant_id,
        plan=sub.plan_id.value if sub.plan_id else None,
        status=sub.status,
        live=sub.live,
        monthly_minor=monthly,
        currency=str(price.get("currency") or "usd"),
    )


def stripe_gateway() -> Any:
    """The Stripe adapter the settings name (Stripe, or localstripe locally)."""
    from convertly.billing.stripe_gateway import gateway

    return gateway()


def customer_of(tenant_id: str) -> str | None:
    """The tenant's Stripe customer, once it has one."""
    billing = billing_of(tenant_id)
    return str(billing.stripe_customer_id) if billing is not None and billing.stripe_customer_id else None
