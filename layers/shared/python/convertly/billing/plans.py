"""The plans Convertly sells, defined once: prices, limits and features.

The Stripe catalogue (`python -m convertly.billing.setup`), the limits enforced on writes, GET /billing
and the web app's plan cards all read this module. Stripe finds each price by its `lookup_key`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PlanId(StrEnum):
    STARTER = "starter"
    PROFESSIONAL = "professional"


class Feature(StrEnum):
    FORMS = "forms"  # embedded lead capture forms
    PIPELINE = "pipeline"  # Kanban board, stages, follow-ups and tasks
    ANALYTICS = "analytics"  # funnel, source and revenue dashboards
    CONVERSIONS = "conversions"  # Closed Won revenue sent to Google Ads and Meta
    AI = "ai"  # scoring, summaries and pipeline Q&A
    AUTOMATION = "automation"  # workflows triggered by lead events


@dataclass(frozen=True)
class Limits:
    users: int  # people who sign in to the CRM (Admin, Manager, Sales, Staff)
    leads_per_month: int  # leads created in a calendar month (UTC)
    # OpenAI tokens (prompt and completion) the AI features may use in a calendar month (UTC).
    ai_tokens_per_month: int = 0


@dataclass(frozen=True)
class Plan:
    plan_id: PlanId
    name: str
    monthly_price: int  # minor units of `currency`
    currency: str
    lookup_key: str  # the Stripe price's lookup key (locally, the localstripe plan's id)
    limits: Limits
    features: frozenset[Feature]
    rank: int  # a higher rank is an upgrade

    def has(self, feature: Feature) -> bool:
        return feature in self.features


_CORE = frozenset({Feature.FORMS, Feature.PIPELINE, Feature.ANALYTICS})

PLANS: dict[PlanId, Plan] = {
    PlanId.STARTER: Plan(
        plan_id=PlanId.STARTER,
        name="Starter",
        monthly_price=4900,
        currency="usd",
        lookup_key="convertly_starter_monthly",
        limits=Limits(users=5, leads_per_month=500),
        features=_CORE,
        rank=1,
    ),
    PlanId.PROFESSIONAL: Plan(
        plan_id=PlanId.PROFESSIONAL,
        name="Professional",
        monthly_price=14900,
        currency="usd",
        lookup_key="convertly_professional_monthly",
        limits=Limits(users=25, leads_per_month=5000, ai_tokens_per_month=2_000_000),
        features=_CORE | {Feature.CONVERSIONS, Feature.AI, Feature.AUTOMATION},
        rank=2,
    ),
}

TRIAL_PLAN = PlanId.STARTER
TRIAL_DAYS = 14
# How long a tenant whose payment failed keeps its plan while Stripe retries the card.
GRACE_DAYS = 7


def plan(plan_id: str | PlanId | None) -> Plan:
    """The plan with this id; an unknown or missing id is the trial plan (tenants from before billing)."""
    try:
        return PLANS[PlanId(plan_id)] if plan_id else PLANS[TRIAL_PLAN]
    except ValueError:
        return PLANS[TRIAL_PLAN]


def by_lookup_key(lookup_key: str | None) -> Plan | None:
    return next((p for p in PLANS.values() if p.lookup_key == lookup_key), None)


def upgrade_from(plan_id: PlanId) -> Plan | None:
    """The next plan up, if there is one: what a limit error suggests."""
    current = PLANS[plan_id]
    higher = sorted((p for p in PLANS.values() if p.rank > current.rank), key=lambda p: p.rank)
    return higher[0] if higher else None
