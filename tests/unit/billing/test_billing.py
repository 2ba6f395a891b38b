"""Plans and the billing state machine: pure functions, no I/O."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from convertly.billing import plans
from convertly.billing.plans import Feature, PlanId
from convertly.billing.state import BillingState, Subscription, banner, display_status, next_state
from convertly.billing.stripe_events import HANDLED, subscription_of
from convertly.platform.clock import iso

AT = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
EVENTS = Path(__file__).resolve().parents[3] / "events" / "stripe"


def sub(**overrides: object) -> Subscription:
    base: dict[str, object] = {
        "subscription_id": "sub_1",
        "customer_id": "cus_1",
        "tenant_id": "T1",
        "status": "active",
        "plan_id": PlanId.PROFESSIONAL,
        "current_period_end": int((AT + timedelta(days=30)).timestamp()),
        "cancel_at_period_end": False,
        "trial_end": None,
        "downgrade_at": None,
    }
    return Subscription(**{**base, **overrides})  # type: ignore[arg-type]


def test_plans_are_ordered_and_a_higher_plan_includes_the_lower() -> None:
    starter, professional = plans.PLANS[PlanId.STARTER], plans.PLANS[PlanId.PROFESSIONAL]
    assert (
        plans.upgrade_from(PlanId.STARTER) is professional and plans.upgrade_from(PlanId.PROFESSIONAL) is None
    )
    assert starter.features < professional.features
    assert not starter.has(Feature.CONVERSIONS) and professional.has(Feature.AI)
    assert starter.limits.users < professional.limits.users
    assert starter.limits.leads_per_month < professional.limits.leads_per_month
    assert len({p.lookup_key for p in plans.PLANS.values()}) == len(plans.PLANS)
    assert plans.plan(None) is starter and plans.plan("gold") is starter


def test_the_subscription_reads_alike_in_both_api_shapes() -> None:
    current = json.loads((EVENTS / "customer.subscription.created.json").read_text())["data"]["object"]
    legacy = {  # localstripe: a plan (its id is the lookup key) and the period on the subscription
        "id": "sub_1",
        "status": "active",
        "customer": "cus_1",
        "current_period_end": 1795000000,
        "metadata": {"tenant_id": "T1"},
        "items": {"data": [{"plan": {"id": "convertly_professional_monthly"}}]},
    }
    for data in (current, legacy):
        read = Subscription.of(data)
        assert (read.plan_id, read.status, read.live) == (PlanId.PROFESSIONAL, "active", True)
        assert read.current_period_end and read.tenant_id


def test_every_handled_sample_names_its_subscription() -> None:
    samples = {path.stem: json.loads(path.read_text()) for path in EVENTS.glob("*.json")}
    assert set(samples) | {"invoice.payment_succeeded"} == set(HANDLED)
    for name, event in samples.items():
        assert subscription_of(event) == "sub_1SampleConvertly0001", name


def test_a_payment_failure_starts_the_grace_period_once() -> None:
    trial = BillingState(plan=PlanId.PROFESSIONAL, status="active", subscription_id="sub_1")
    failed = next_state(trial, sub(status="past_due"), AT)
    assert failed is not None and failed.grace_ends_at == iso(AT + timedelta(days=plans.GRACE_DAYS))
    retried = next_state(failed, sub(status="past_due"), AT + timedelta(days=2))
    assert retried is not None and retried.grace_ends_at == failed.grace_ends_at
    assert banner(retried, AT) is not None and banner(retried, AT).code == "payment_failed"  # type: ignore[union-attr]
    paid = next_state(retried, sub(), AT + timedelta(days=3))
    assert paid is not None and (paid.status, paid.grace_ends_at) == ("active", None)


def test_a_downgrade_waits_for_its_date() -> None:
    professional = BillingState(plan=PlanId.PROFESSIONAL, status="active", subscription_id="sub_1")
    until = int((AT + timedelta(days=10)).timestamp())
    waiting = next_state(professional, sub(plan_id=PlanId.STARTER, downgrade_at=until), AT)
    assert waiting is not None and (waiting.plan, waiting.scheduled_plan) == (PlanId.PROFESSIONAL, "starter")
    # later news without the metadata keeps the schedule Convertly holds
    still = next_state(waiting, sub(plan_id=PlanId.STARTER), AT + timedelta(days=1))
    assert still is not None and still.plan is PlanId.PROFESSIONAL
    done = next_state(still, sub(plan_id=PlanId.STARTER), AT + timedelta(days=11))
    assert done is not None and (done.plan, done.scheduled_plan) == (PlanId.STARTER, None)


def test_an_ended_subscription_falls_back_to_the_entry_plan_unless_another_is_current() -> None:
    current = BillingState(plan=PlanId.PROFESSIONAL, status="active", subscription_id="sub_1")
    ended = next_state(current, sub(status="canceled"), AT)
    assert ended is not None and (ended.plan, ended.status) == (plans.TRIAL_PLAN, "canceled")
    assert next_state(current, sub(subscription_id="sub_0", status="canceled"), AT) is None
    assert Subscription.of({"id": "s", "status": "incomplete_expired"}).status == "canceled"


def test_convertlys_own_trial_ends_without_stripe() -> None:
    trial = BillingState(plan=PlanId.STARTER, status="trialing", trial_ends_at=iso(AT + timedelta(days=2)))
    assert display_status(trial, AT) == "trialing"
    assert banner(trial, AT) is not None and banner(trial, AT).code == "trial_ending"  # type: ignore[union-attr]
    assert banner(trial, AT - timedelta(days=5)) is None
    assert display_status(trial, AT + timedelta(days=3)) == "trial_ended"
