"""What other capabilities may ask of billing: count a new lead or user against the plan inside
their own transaction, set up a new tenant's billing, and read the plan summary a profile shows.

The one door into billing from elsewhere (import-linter checks it). It loads no Stripe SDK, and the
plan summary's API shapes load on first use only, so a lead write pays for the counters alone.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from convertly.billing import keys
from convertly.billing.items import BillingItem
from convertly.billing.plans import Feature
from convertly.billing.usage import (
    USER_USAGE,
    billing_of,
    commit_new_lead,
    count_user,
    counts_as_user,
    ensure_billing,
    new_tenant_items,
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
    "billing_key",
    "billing_of",
    "commit_new_lead",
    "count_user",
    "counts_as_user",
    "ensure_billing",
    "new_tenant_items",
    "require_feature",
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


def summary_of(item: Any) -> BillingSummary | None:
    """The plan summary of a billing item read by `billing_key`, or None for any other item."""
    if not isinstance(item, BillingItem):
        return None
    views = import_module("convertly.billing.views")
    result: BillingSummary | None = views.summary(item)
    return result
