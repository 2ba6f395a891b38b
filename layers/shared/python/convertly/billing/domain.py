"""Billing: the tenant's plan, subscription status, usage against limits, and the requests that change
them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

from convertly.billing.plans import PlanId
from convertly.platform.domain import DomainModel

# trialing: Convertly's own trial (or a Stripe trial); trial_ended: Convertly's trial is over and no
# subscription followed; the others are the subscription's (Stripe's incomplete_expired reads canceled,
# unpaid and paused read past_due).
BillingStatus = Literal["trialing", "trial_ended", "active", "past_due", "canceled", "incomplete"]


class PlanPrice(DomainModel):
    amount: int = Field(description="minor units (cents)")
    currency: str
    interval: Literal["month"] = "month"


class PlanLimits(DomainModel):
    users: int
    leads_per_month: int


class PlanView(DomainModel):
    plan_id: str
    name: str
    price: PlanPrice
    limits: PlanLimits
    features: list[str]


class UsageMeter(DomainModel):
    used: int
    limit: int


class LeadUsage(UsageMeter):
    month: str = Field(description="YYYY-MM (UTC)")
    over_limit: int = Field(description="leads public forms captured this month over the limit (kept)")


class Usage(DomainModel):
    users: UsageMeter
    leads: LeadUsage


class Banner(DomainModel):
    """What the web app shows across the top while billing needs attention."""

    level: Literal["info", "warning", "error"]
    code: str
    message: str


class BillingSummary(DomainModel):
    """The billing block of GET /me: enough for the web app to gate features and show the banner."""

    plan: str
    plan_name: str
    status: BillingStatus
    features: list[str]
    banner: Banner | None


class BillingOverview(BillingSummary):
    """GET /billing: plan, status, usage against limits, dates, and how this deployment upgrades."""

    plan_details: PlanView
    trial_ends_at: str | None
    current_period_end: str | None = Field(description="the next invoice date")
    cancel_at_period_end: bool
    scheduled_plan: str | None = Field(description="a downgrade that takes effect at the period end")
    grace_ends_at: str | None = Field(description="while past due: when the grace period ends")
    usage: Usage
    plans: list[PlanView]
    checkout: Literal["stripe_checkout", "card_form"] = Field(
        description="stripe_checkout: POST /billing/checkout returns a Checkout URL; card_form: collect a "
        "card with Stripe Elements and POST /billing/subscription (local stack: localstripe)"
    )
    portal_available: bool
    publishable_key: str | None = Field(description="for Stripe Elements (the card form)")
    stripe_js_url: str = Field(description="where the card form loads Stripe.js from")


class CheckoutRequest(DomainModel):
    model_config = ConfigDict(extra="forbid")
    plan: PlanId = PlanId.PROFESSIONAL


class CheckoutOut(DomainModel):
    mode: Literal["checkout", "updated"] = Field(
        description="checkout: send the browser to `url`; updated: the subscription changed plan at once"
    )
    url: str | None = None
    billing: BillingOverview | None = None


class SubscriptionRequest(DomainModel):
    """The card form's path: a payment method created with Stripe Elements, and the plan."""

    model_config = ConfigDict(extra="forbid")
    plan: PlanId = PlanId.PROFESSIONAL
    # ASCII on purpose: Stripe ids are, and a Unicode `\w{1,120}` costs pydantic-core's regex ~50 ms to build.
    payment_method: Annotated[
        str, StringConstraints(strip_whitespace=True, pattern=r"^pm_[A-Za-z0-9_]{1,120}$")
    ]


class CancelRequest(DomainModel):
    model_config = ConfigDict(extra="forbid")
    cancel_at_period_end: bool = Field(
        default=True, description="false takes back a cancellation before the period ends"
    )


class DowngradeRequest(DomainModel):
    model_config = ConfigDict(extra="forbid")
    plan: PlanId = PlanId.STARTER


class PortalOut(DomainModel):
    url: str


class StripeWebhookReceipt(DomainModel):
    """POST /webhooks/stripe: the event was verified, and what became of it."""

    received: Literal[True]
    result: str = Field(
        description="applied; duplicate (processed before); stale (something newer was applied "
        "already); ignored (no Convertly tenant, or not its current subscription); unhandled (an event "
        "type Convertly does not read)"
    )


class CardSetupOut(DomainModel):
    """What the card form needs: Stripe.js confirms `client_secret` with the card
    (`stripe.confirmCardSetup`), then POST /billing/subscription sends the payment method it returns."""

    client_secret: str
    publishable_key: str | None
    stripe_js_url: str
