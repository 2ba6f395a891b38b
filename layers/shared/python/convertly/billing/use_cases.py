"""Billing use cases: the Billing page's overview, subscribing (Checkout or the card form), changing
plan, cancelling, the customer portal, and folding a Stripe subscription into the tenant's state.

Every change made through Stripe is applied to the tenant from Stripe's answer at once, and again
from the webhook when its event arrives; both go through `apply_subscription`, which never lets an
older observation overwrite a newer one.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from convertly.accounts import service as accounts
from convertly.billing import keys, plans, usage
from convertly.billing.domain import (
    BillingOverview,
    CancelRequest,
    CardSetupOut,
    CheckoutOut,
    CheckoutRequest,
    DowngradeRequest,
    LeadUsage,
    PortalOut,
    SubscriptionRequest,
    Usage,
    UsageMeter,
)
from convertly.billing.items import BillingItem, LeadUsageItem, StripeEventItem
from convertly.billing.plans import Plan
from convertly.billing.state import BillingState, Subscription, next_state
from convertly.billing.views import plan_view, summary
from convertly.platform.clock import iso, now
from convertly.platform.config import get_settings
from convertly.platform.errors import ConflictError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.items import Item
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

if TYPE_CHECKING:
    from convertly.billing.stripe_gateway import StripeGateway

Json = dict[str, Any]
STRIPE_EVENT_TTL = timedelta(days=30)


# The Stripe SDK loads with the first call that talks to Stripe: GET /billing (the Billing page, the
# function's usual cold start) never does, and the SDK with its HTTP clients is most of this
# function's import time otherwise (bench/imports.py).


def _gateway() -> StripeGateway:
    from convertly.billing.stripe_gateway import gateway

    return gateway()


@contextlib.contextmanager
def _stripe_errors() -> Iterator[None]:
    from convertly.billing.stripe_gateway import stripe_errors

    with stripe_errors():
        yield


# Reading ----------------------------------------------------------------------------------------


def overview(principal: Principal, stripe: StripeGateway | None = None) -> BillingOverview:
    """Plan, status, usage against limits and dates: one BatchGetItem (billing item and this month's
    lead counter)."""
    at = now()
    month = usage.month_of(at)
    wanted = [
        (platform_keys.tenant(principal.tenant_id), keys.BILLING_SK),
        (keys.usage(principal.tenant_id), keys.lead_usage_sk(month)),
    ]
    found = {item.SK: item for item in Item.batch_get(wanted)}
    billing = found.get(keys.BILLING_SK)
    if not isinstance(billing, BillingItem):
        billing = usage.ensure_billing(principal.tenant_id)
    counter = found.get(keys.lead_usage_sk(month))
    return _overview(billing, counter if isinstance(counter, LeadUsageItem) else None, month, at, stripe)


def _overview(
    billing: BillingItem,
    counter: LeadUsageItem | None,
    month: str,
    at: datetime,
    stripe: StripeGateway | None,
) -> BillingOverview:
    base = summary(billing, at)
    assert base is not None
    state = BillingState.of(billing)
    settings = get_settings()
    local = settings.stripe_flavour == "localstripe"
    leads = LeadUsage(
        used=int(counter.leads) if counter else 0,
        limit=int(counter.lead_limit) if counter else int(billing.lead_limit),
        month=month,
        over_limit=int(counter.over_limit_leads or 0) if counter else 0,
    )
    return BillingOverview(
        **base.model_dump(),
        plan_details=plan_view(plans.PLANS[state.plan]),
        trial_ends_at=state.trial_ends_at,
        current_period_end=state.current_period_end,
        cancel_at_period_end=state.cancel_at_period_end,
        scheduled_plan=state.scheduled_plan,
        grace_ends_at=state.grace_ends_at,
        usage=Usage(
            users=UsageMeter(used=int(billing.user_count), limit=int(billing.user_limit)), leads=leads
        ),
        plans=[plan_view(plan) for plan in plans.PLANS.values()],
        checkout="card_form" if local else "stripe_checkout",
        portal_available=not local and state.customer_id is not None,
        publishable_key=stripe.keys.publishable_key if stripe else settings.stripe_publishable_key,
        stripe_js_url=(
            f"{(settings.stripe_api_base or '').rstrip('/')}/js.stripe.com/v3/"
            if local
            else "https://js.stripe.com/v3/"
        ),
    )


# Changing ---------------------------------------------------------------------------------------


def start_checkout(
    principal: Principal, request: CheckoutRequest, stripe: StripeGateway | None = None
) -> CheckoutOut:
    """Subscribe through Stripe Checkout (a URL to send the browser to); a tenant that already pays
    changes plan in place instead (an upgrade at once, a downgrade at the period end)."""
    stripe = stripe or _gateway()
    plan = plans.PLANS[request.plan]
    billing = usage.ensure_billing(principal.tenant_id)
    with _stripe_errors():
        live = _live_subscription(stripe, billing)
        if live is not None:
            _change_plan(principal.tenant_id, stripe, billing, live, plan)
            return CheckoutOut(mode="updated", billing=overview(principal, stripe))
        customer = _customer(principal, stripe, billing)
        base = get_settings().web_app_url.rstrip("/")
        url = stripe.checkout_url(
            customer,
            plan,
            principal.tenant_id,
            success_url=f"{base}/billing?checkout=success&session_id={{CHECKOUT_SESSION_ID}}",
            cancel_url=f"{base}/billing?checkout=canceled",
        )
    return CheckoutOut(mode="checkout", url=url)


def card_setup(principal: Principal, stripe: StripeGateway | None = None) -> CardSetupOut:
    """Start the card form: the tenant's Stripe customer (created now if need be) and a SetupIntent
    for Stripe.js to confirm with the card."""
    stripe = stripe or _gateway()
    billing = usage.ensure_billing(principal.tenant_id)
    with _stripe_errors():
        customer = _customer(principal, stripe, billing)
        secret = stripe.setup_intent(customer)
    return CardSetupOut(
        client_secret=secret,
        publishable_key=stripe.keys.publishable_key,
        stripe_js_url=stripe.stripe_js_url(get_settings().stripe_api_base),
    )


def subscribe(
    principal: Principal, request: SubscriptionRequest, stripe: StripeGateway | None = None
) -> BillingOverview:
    """The card form's path: save the card (from Stripe Elements) as the customer's default, then
    subscribe to the plan (or change plan, for a tenant that already pays). The first charge is
    made now; a declined card is a 402 `card_declined` and leaves no subscription."""
    stripe = stripe or _gateway()
    plan = plans.PLANS[request.plan]
    billing = usage.ensure_billing(principal.tenant_id)
    with _stripe_errors():
        customer = _customer(principal, stripe, billing)
        stripe.set_card(customer, request.payment_method)
        live = _live_subscription(stripe, billing)
        if live is not None:
            _change_plan(principal.tenant_id, stripe, billing, live, plan)
        else:
            created = stripe.create_subscription(customer, plan, principal.tenant_id)
            apply_subscription(principal.tenant_id, created, _observed())
    return overview(principal, stripe)


def downgrade(
    principal: Principal, request: DowngradeRequest, stripe: StripeGateway | None = None
) -> BillingOverview:
    """Move to a lower plan at the end of the paid period (billed from the next invoice)."""
    stripe = stripe or _gateway()
    plan = plans.PLANS[request.plan]
    billing = usage.ensure_billing(principal.tenant_id)
    if plan.rank >= plans.plan(billing.plan).rank:
        raise ConflictError(f"{plan.name} is not below your current plan", code="not_a_downgrade")
    with _stripe_errors():
        live = _live_subscription(stripe, billing)
        if live is None:
            raise ConflictError("There is no subscription to downgrade", code="no_subscription")
        _change_plan(principal.tenant_id, stripe, billing, live, plan)
    return overview(principal, stripe)


def cancel(
    principal: Principal, request: CancelRequest, stripe: StripeGateway | None = None
) -> BillingOverview:
    """Cancel at the end of the paid period (or take a cancellation back before then)."""
    stripe = stripe or _gateway()
    billing = usage.ensure_billing(principal.tenant_id)
    with _stripe_errors():
        live = _live_subscription(stripe, billing)
        if live is None:
            raise ConflictError("There is no subscription to cancel", code="no_subscription")
        changed = stripe.set_cancel_at_period_end(str(live["id"]), request.cancel_at_period_end)
        apply_subscription(principal.tenant_id, changed, _observed())
    return overview(principal, stripe)


def portal(principal: Principal, stripe: StripeGateway | None = None) -> PortalOut:
    """A Stripe customer portal session (cards, invoices) for a tenant that has a Stripe customer."""
    stripe = stripe or _gateway()
    billing = usage.ensure_billing(principal.tenant_id)
    if not billing.stripe_customer_id:
        raise ConflictError("Subscribe first: there is no billing account yet", code="no_customer")
    with _stripe_errors():
        url = stripe.portal_url(
            billing.stripe_customer_id, f"{get_settings().web_app_url.rstrip('/')}/billing"
        )
    return PortalOut(url=url)


def _observed() -> int:
    """When Stripe's answer in hand was true: now, to the second (Stripe's own resolution)."""
    return int(time.time())


def _live_subscription(stripe: StripeGateway, billing: BillingItem) -> Json | None:
    if not billing.stripe_subscription_id:
        return None
    found = stripe.subscription(billing.stripe_subscription_id)
    return found if found is not None and Subscription.of(found).live else None


def _change_plan(tenant_id: str, stripe: StripeGateway, billing: BillingItem, live: Json, plan: Plan) -> None:
    current = plans.plan(billing.plan)
    billed = Subscription.of(live)
    if plan.plan_id == current.plan_id and billed.plan_id == plan.plan_id:
        raise ConflictError(f"You are on {plan.name} already", code="already_on_plan")
    if plan.rank < current.rank:
        until = billed.current_period_end
        changed = stripe.change_plan(live, plan, downgrade_at=until, invoice_now=False)
        apply_subscription(tenant_id, changed, _observed(), downgrade_at=until)
        return
    # An upgrade is invoiced now; taking back a scheduled downgrade is not (that period is paid).
    changed = stripe.change_plan(live, plan, downgrade_at=None, invoice_now=plan.rank > current.rank)
    apply_subscription(tenant_id, changed, _observed())


def _customer(principal: Principal, stripe: StripeGateway, billing: BillingItem) -> str:
    """The tenant's Stripe customer, created on first use (sign-up never calls Stripe)."""
    if billing.stripe_customer_id:
        return billing.stripe_customer_id
    tenant = accounts.get_tenant(principal.tenant_id)
    name = tenant.name if tenant is not None else principal.name
    customer = stripe.create_customer(principal.tenant_id, principal.email, name)
    tx = Transaction()
    tx.update(
        "customer",
        BillingItem(platform_keys.tenant(principal.tenant_id), keys.BILLING_SK),
        [BillingItem.stripe_customer_id.set(customer), BillingItem.updated_at.set(iso())],
        condition=BillingItem.PK.exists() & BillingItem.stripe_customer_id.does_not_exist(),
    )
    try:
        tx.commit()
    except TransactionCancelledError:
        # Another request made one first: use theirs (the spare customer has nothing attached).
        stored = usage.billing_of(principal.tenant_id)
        if stored is not None and stored.stripe_customer_id:
            return stored.stripe_customer_id
        raise
    billing.stripe_customer_id = customer
    return customer


# Applying Stripe's state --------------------------------------------------------------------------


def apply_subscription(
    tenant_id: str,
    data: Json,
    observed_at: int,
    event: Json | None = None,
    billing: BillingItem | None = None,
    downgrade_at: int | None = None,
) -> str:
    """Fold a Stripe subscription (as Stripe returned it at `observed_at`, epoch seconds) into the
    tenant's billing state, in one transaction with the processed-event record (`event`, from a
    webhook) and, when plan or status change, the new limits and a TenantPlanChanged event.

    Returns "applied", "duplicate" (the event was processed before), "stale" (something newer was
    applied already: nothing changes) or "ignored" (not the tenant's current subscription).
    `downgrade_at` (epoch seconds) schedules the plan now billed for then, if it is a downgrade.
    """
    at = now()
    billing = billing or usage.ensure_billing(tenant_id)
    current = BillingState.of(billing)
    subscription = Subscription.of(data)
    if downgrade_at is not None:
        subscription = replace(subscription, downgrade_at=downgrade_at)
    new = next_state(current, subscription, at)
    tx = Transaction()
    if event is not None:
        tx.put("event", _event_record(tenant_id, event, at), condition=StripeEventItem.PK.does_not_exist())
    if new is not None:
        _write_state(tx, tenant_id, current, new, observed_at, at)
    if not len(tx):
        return "ignored"
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "event" in error.failed:
            return "duplicate"
        if "billing" not in error.failed:
            raise
        if event is not None:
            _record_only(tenant_id, event, at)
        return "stale"
    return "applied" if new is not None else "ignored"


def _write_state(
    tx: Transaction, tenant_id: str, current: BillingState, new: BillingState, observed_at: int, at: datetime
) -> None:
    plan = plans.PLANS[new.plan]
    values: dict[str, Any] = {
        "plan": new.plan.value,
        "status": new.status,
        "trial_ends_at": new.trial_ends_at,
        "current_period_end": new.current_period_end,
        "cancel_at_period_end": new.cancel_at_period_end,
        "scheduled_plan": new.scheduled_plan,
        "scheduled_at": new.scheduled_at,
        "grace_ends_at": new.grace_ends_at,
        "stripe_customer_id": new.customer_id,
        "stripe_subscription_id": new.subscription_id,
        "user_limit": plan.limits.users,
        "lead_limit": plan.limits.leads_per_month,
        "synced_at": observed_at,
        "updated_at": iso(at),
    }
    actions = [
        getattr(BillingItem, name).set(value) if value is not None else getattr(BillingItem, name).remove()
        for name, value in values.items()
    ]
    newer = BillingItem.synced_at.does_not_exist() | (BillingItem.synced_at <= observed_at)
    tx.update(
        "billing",
        BillingItem(platform_keys.tenant(tenant_id), keys.BILLING_SK),
        actions,
        condition=BillingItem.PK.exists() & newer,
    )
    if new.plan != current.plan:
        usage.set_plan_limits(tx, tenant_id, new.plan, at)
    if (new.plan, new.status) != (current.plan, current.status):
        tx.put("outbox", outbox_item(plan_changed(tenant_id, current, new)))


def plan_changed(tenant_id: str, before: BillingState, after: BillingState) -> DomainEvent:
    plan = plans.PLANS[after.plan]
    return DomainEvent(
        detail_type="TenantPlanChanged",
        tenant_id=tenant_id,
        subject_id=tenant_id,
        data={
            "plan": after.plan.value,
            "previous_plan": before.plan.value,
            "status": after.status,
            "previous_status": before.status,
            "limits": {"users": plan.limits.users, "leads_per_month": plan.limits.leads_per_month},
            "features": sorted(feature.value for feature in plan.features),
        },
    )


def _event_record(tenant_id: str, event: Json, at: datetime) -> StripeEventItem:
    return StripeEventItem(
        keys.stripe_events(tenant_id),
        keys.stripe_event_sk(str(event["id"])),
        event_id=str(event["id"]),
        event_type=str(event.get("type")),
        created=int(event.get("created") or 0),
        processed_at=iso(at),
        expires_at=at + STRIPE_EVENT_TTL,
    )


def _record_only(tenant_id: str, event: Json, at: datetime) -> None:
    tx = Transaction()
    tx.put("event", _event_record(tenant_id, event, at), condition=StripeEventItem.PK.does_not_exist())
    with contextlib.suppress(TransactionCancelledError):  # recorded by a concurrent delivery
        tx.commit()


def entitled(tenant_id: str, feature: plans.Feature) -> bool:
    """Whether the tenant's plan includes `feature` (for capabilities gated by plan)."""
    billing = usage.billing_of(tenant_id)
    return plans.plan(billing.plan if billing else None).has(feature)
