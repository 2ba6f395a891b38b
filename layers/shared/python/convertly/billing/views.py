"""How plans and billing state read in the API (no Stripe here: the profile shows these too)."""

from __future__ import annotations

from datetime import datetime

from convertly.billing import plans
from convertly.billing.domain import BillingSummary, PlanLimits, PlanPrice, PlanView
from convertly.billing.items import BillingItem
from convertly.billing.plans import Plan
from convertly.billing.state import BillingState, banner, display_status
from convertly.platform.clock import now


def plan_view(plan: Plan) -> PlanView:
    return PlanView(
        plan_id=plan.plan_id.value,
        name=plan.name,
        price=PlanPrice(amount=plan.monthly_price, currency=plan.currency),
        limits=PlanLimits(users=plan.limits.users, leads_per_month=plan.limits.leads_per_month),
        features=sorted(feature.value for feature in plan.features),
    )


def summary(item: BillingItem | None, at: datetime | None = None) -> BillingSummary | None:
    """The billing block of the profile (None for a tenant from before billing, or the platform)."""
    if item is None:
        return None
    at = at or now()
    state = BillingState.of(item)
    plan = plans.PLANS[state.plan]
    return BillingSummary(
        plan=plan.plan_id.value,
        plan_name=plan.name,
        status=display_status(state, at),
        features=sorted(feature.value for feature in plan.features),
        banner=banner(state, at),
    )
