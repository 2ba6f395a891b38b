"""The tenant's billing state and how a Stripe subscription moves it: pure functions, no I/O.

The subscription as Stripe holds it now is the truth; `next_state` folds it into what Convertly
keeps (plan, status, dates, grace period). A downgrade waits for the period end: the subscription
already carries the lower price (Stripe bills it from the next invoice), and its metadata
`downgrade_at` (or, where the metadata cannot be written, the schedule Convertly keeps) holds the
tenant on the current plan until then.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from convertly.billing import plans
from convertly.billing.domain import Banner, BillingStatus
from convertly.billing.items import BillingItem
from convertly.billing.plans import PlanId
from convertly.platform.clock import iso, parse_iso

LIVE_STATUSES = frozenset({"active", "trialing", "past_due", "incomplete"})
# Stripe's statuses that Convertly folds into its own few.
_STATUS = {"incomplete_expired": "canceled", "unpaid": "past_due", "paused": "past_due"}
TRIAL_WARNING_DAYS = 3


@dataclass(frozen=True)
class Subscription:
    """What Convertly reads from a Stripe subscription (either API shape: the period end on the
    subscription or on its item, the price as `price` or as a legacy `plan`)."""

    subscription_id: str
    customer_id: str | None
    tenant_id: str | None
    status: str
    plan_id: PlanId | None
    current_period_end: int | None
    cancel_at_period_end: bool
    trial_end: int | None
    downgrade_at: int | None

    @classmethod
    def of(cls, data: dict[str, Any]) -> Subscription:
        item = _first_item(data)
        price = item.get("price") or item.get("plan") or {}
        plan = plans.by_lookup_key(price.get("lookup_key")) or plans.by_lookup_key(price.get("id"))
        metadata = data.get("metadata") or {}
        customer = data.get("customer")
        return cls(
            subscription_id=str(data["id"]),
            customer_id=customer if isinstance(customer, str) else (customer or {}).get("id"),
            tenant_id=metadata.get("tenant_id") or None,
            status=_STATUS.get(str(data.get("status")), str(data.get("status"))),
            plan_id=plan.plan_id if plan else None,
            current_period_end=_int(data.get("current_period_end") or item.get("current_period_end")),
            cancel_at_period_end=bool(data.get("cancel_at_period_end")),
            trial_end=_int(data.get("trial_end")),
            downgrade_at=_int(metadata.get("downgrade_at")),
        )

    @property
    def live(self) -> bool:
        return self.status in LIVE_STATUSES


def _first_item(data: dict[str, Any]) -> dict[str, Any]:
    items = (data.get("items") or {}).get("data") or []
    return dict(items[0]) if items else {}


def _int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _iso_at(epoch: int | None) -> str | None:
    return iso(datetime.fromtimestamp(epoch, UTC)) if epoch else None


@dataclass(frozen=True)
class BillingState:
    plan: PlanId
    status: str
    trial_ends_at: str | None = None
    current_period_end: str | None = None
    cancel_at_period_end: bool = False
    scheduled_plan: str | None = None
    scheduled_at: str | None = None
    grace_ends_at: str | None = None
    customer_id: str | None = None
    subscription_id: str | None = None

    @classmethod
    def of(cls, item: BillingItem) -> BillingState:
        return cls(
            plan=plans.plan(item.plan).plan_id,
            status=item.status,
            trial_ends_at=item.trial_ends_at,
            current_period_end=item.current_period_end,
            cancel_at_period_end=bool(item.cancel_at_period_end),
            scheduled_plan=item.scheduled_plan,
            scheduled_at=item.scheduled_at,
            grace_ends_at=item.grace_ends_at,
            customer_id=item.stripe_customer_id,
            subscription_id=item.stripe_subscription_id,
        )


def next_state(current: BillingState, sub: Subscription, at: datetime) -> BillingState | None:
    """The state after folding in `sub`; None when `sub` is not the tenant's to follow (an ended
    subscription other than the current one: its news must not undo a newer subscription)."""
    if current.subscription_id not in (None, sub.subscription_id) and not sub.live:
        return None
    if not sub.live:
        # Ended: the tenant falls back to the entry plan, and says so.
        return replace(
            current,
            plan=plans.TRIAL_PLAN,
            status="canceled",
            current_period_end=_iso_at(sub.current_period_end),
            cancel_at_period_end=False,
            scheduled_plan=None,
            scheduled_at=None,
            grace_ends_at=None,
            trial_ends_at=None,
            customer_id=sub.customer_id or current.customer_id,
            subscription_id=sub.subscription_id,
        )
    plan, scheduled_plan, scheduled_at = _plan(current, sub, at)
    return replace(
        current,
        plan=plan,
        status=sub.status,
        trial_ends_at=_iso_at(sub.trial_end) if sub.status == "trialing" else None,
        current_period_end=_iso_at(sub.current_period_end),
        cancel_at_period_end=sub.cancel_at_period_end,
        scheduled_plan=scheduled_plan,
        scheduled_at=scheduled_at,
        grace_ends_at=_grace(current, sub.status, at),
        customer_id=sub.customer_id or current.customer_id,
        subscription_id=sub.subscription_id,
    )


def _plan(current: BillingState, sub: Subscription, at: datetime) -> tuple[PlanId, str | None, str | None]:
    """The plan in effect, and a downgrade still waiting for its date (from the subscription's
    metadata, or the one Convertly scheduled for the plan now billed)."""
    billed = sub.plan_id or current.plan
    until = sub.downgrade_at
    if until is None and current.scheduled_plan == billed.value and current.scheduled_at:
        until = int(parse_iso(current.scheduled_at).timestamp())
    waiting = until is not None and until > at.timestamp()
    if waiting and plans.PLANS[billed].rank < plans.PLANS[current.plan].rank:
        return current.plan, billed.value, _iso_at(until)
    return billed, None, None


def _grace(current: BillingState, status: str, at: datetime) -> str | None:
    if status != "past_due":
        return None
    if current.status == "past_due" and current.grace_ends_at:
        return current.grace_ends_at  # the grace period starts at the first failure, not at each retry
    return iso(at + timedelta(days=plans.GRACE_DAYS))


def display_status(state: BillingState, at: datetime) -> BillingStatus:
    if state.status == "trialing" and state.subscription_id is None and _passed(state.trial_ends_at, at):
        return "trial_ended"
    known: tuple[BillingStatus, ...] = ("trialing", "active", "past_due", "canceled", "incomplete")
    return next((status for status in known if status == state.status), "active")


def _passed(moment: str | None, at: datetime) -> bool:
    return moment is not None and parse_iso(moment) <= at


def _day(moment: str | None) -> str:
    return parse_iso(moment).strftime("%B %-d, %Y") if moment else "soon"


def banner(state: BillingState, at: datetime) -> Banner | None:
    """The one message billing needs the tenant to see now, most urgent first."""
    status = display_status(state, at)
    name = plans.PLANS[state.plan].name
    if status == "past_due":
        return Banner(
            level="error",
            code="payment_failed",
            message=f"Your last payment failed. Update your card by {_day(state.grace_ends_at)} "
            f"to keep the {name} plan.",
        )
    if status == "trial_ended":
        return Banner(
            level="error",
            code="trial_ended",
            message="Your trial has ended: choose a plan on the Billing page to keep using Convertly.",
        )
    if status == "canceled":
        return Banner(
            level="warning",
            code="subscription_canceled",
            message=f"Your subscription has ended; you are on {name} limits. Subscribe again on the "
            "Billing page.",
        )
    if status == "trialing" and state.trial_ends_at:
        if parse_iso(state.trial_ends_at) - at <= timedelta(days=TRIAL_WARNING_DAYS):
            return Banner(
                level="warning",
                code="trial_ending",
                message=f"Your trial ends on {_day(state.trial_ends_at)}: choose a plan on the Billing page.",
            )
        return None
    if state.cancel_at_period_end:
        return Banner(
            level="info",
            code="subscription_ending",
            message=f"Your subscription ends on {_day(state.current_period_end)}.",
        )
    if state.scheduled_plan:
        scheduled = plans.plan(state.scheduled_plan).name
        return Banner(
            level="info",
            code="downgrade_scheduled",
            message=f"You move to {scheduled} on {_day(state.scheduled_at)}.",
        )
    return None
