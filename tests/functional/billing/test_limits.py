"""Plan limits at the boundary: the Nth lead or user is fine, the next is a 402 that names the limit
and the upgrade, nothing of the refused write is stored, and an upgrade lifts the limit at once."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from convertly.billing import keys as billing_keys
from convertly.billing import plans, usage
from convertly.billing.items import BillingItem, LeadUsageItem
from convertly.billing.plans import PlanId
from convertly.leads import keys as leads_keys
from convertly.leads.items import LeadItem
from convertly.leads.service import add_new_lead
from convertly.pipelines.store import resolve_stage
from convertly.platform.clock import iso, new_id, now, parse_iso
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.items import Item
from convertly.platform.store.transaction import Transaction
from tests.functional.billing.conftest import FakeStripe, deliver, stripe_event, subscription
from tests.functional.conftest import PASSWORD, Account, Api, unique_email

STARTER = plans.PLANS[PlanId.STARTER].limits
PROFESSIONAL = plans.PLANS[PlanId.PROFESSIONAL].limits


def counter(tenant_id: str) -> LeadUsageItem:
    return LeadUsageItem.get(
        billing_keys.usage(tenant_id), billing_keys.lead_usage_sk(usage.month_of()), consistent_read=True
    )


def leads_used_up_to(tenant_id: str, used: int) -> None:
    """Given `used` leads created this month (the counter is the whole record of that)."""
    counter(tenant_id).update(actions=[LeadUsageItem.leads.set(used)])


def create_lead(api: Api, account: Account, name: str = "Lee") -> tuple[int, Any]:
    return api.call(
        "POST", "/leads", {"first_name": name, "email": f"{name.lower()}@example.test"}, account.token
    )


def lead_count(api: Api, account: Account) -> int:
    return len(api.call("GET", "/leads?limit=100", token=account.token)[1]["items"])


def upgrade(tenant_id: str) -> None:
    """Stripe reports a Professional subscription (the webhook path every upgrade ends in)."""
    fake, sub_id = FakeStripe(), f"sub_upgrade{time.time_ns()}"
    fake.subscriptions[sub_id] = subscription(tenant_id, sub_id, plan=PlanId.PROFESSIONAL)
    assert deliver(fake, stripe_event("customer.subscription.created", fake.subscriptions[sub_id]))[0] == 200


def test_a_new_tenant_starts_on_the_starter_trial_without_stripe(api: Api, tenant: Account) -> None:
    status, page = api.call("GET", "/billing", token=tenant.token)

    assert status == 200
    assert (page["plan"], page["status"], page["banner"]) == ("starter", "trialing", None)
    trial_days = (parse_iso(page["trial_ends_at"]) - now()).total_seconds() / 86400
    assert plans.TRIAL_DAYS - 0.01 < trial_days <= plans.TRIAL_DAYS
    assert page["usage"]["users"] == {"used": 1, "limit": STARTER.users}
    assert page["usage"]["leads"]["used"] == 0 and page["usage"]["leads"]["limit"] == STARTER.leads_per_month
    assert page["current_period_end"] is None and page["checkout"] == "card_form"
    assert (
        BillingItem.get(platform_keys.tenant(tenant.tenant_id), billing_keys.BILLING_SK).stripe_customer_id
        is None
    )
    _, me = api.call("GET", "/me", token=tenant.token)
    assert me["billing"]["plan"] == "starter" and "conversions" not in me["billing"]["features"]


def test_the_last_lead_of_the_month_is_created_and_the_next_is_402_until_an_upgrade(
    api: Api, tenant: Account
) -> None:
    # Given a Starter tenant one lead short of its monthly limit
    leads_used_up_to(tenant.tenant_id, STARTER.leads_per_month - 1)

    # When it creates two leads
    last = create_lead(api, tenant, "Last")
    refused = create_lead(api, tenant, "Refused")

    # Then the limit's own lead is created and the one past it is a 402 naming the limit and upgrade
    assert last[0] == 201
    status, body = refused
    assert status == 402, body
    error = body["error"]
    assert error["code"] == "plan_limit_reached"
    assert "leads_per_month" in error["fields"]
    assert error["details"] == {
        "limit": "leads_per_month",
        "limit_value": STARTER.leads_per_month,
        "used": STARTER.leads_per_month,
        "plan": "starter",
        "upgrade_plan": "professional",
        "upgrade_path": "/billing",
    }
    assert "Professional" in error["message"]
    # And nothing of the refused lead was stored
    assert lead_count(api, tenant) == 1
    assert int(counter(tenant.tenant_id).leads) == STARTER.leads_per_month

    # When the tenant upgrades, the next lead is created at once
    upgrade(tenant.tenant_id)
    assert create_lead(api, tenant, "Upgraded")[0] == 201
    assert int(counter(tenant.tenant_id).lead_limit) == PROFESSIONAL.leads_per_month
    _, page = api.call("GET", "/billing", token=tenant.token)
    assert page["usage"]["leads"]["used"] == STARTER.leads_per_month + 1


def test_the_last_user_is_invited_and_the_next_is_402_until_an_upgrade(api: Api, tenant: Account) -> None:
    # Given a Starter tenant (its Admin is one user) with all but one seat taken
    invite = lambda role, email: api.call(  # noqa: E731
        "POST", "/users", {"email": email, "name": "Team", "role": role, "password": PASSWORD}, tenant.token
    )
    for _ in range(STARTER.users - 2):
        assert invite("Sales", unique_email("seat"))[0] == 201

    # When two more CRM users are invited (an affiliate does not take a seat)
    last = invite("Manager", unique_email("last"))
    refused_email = unique_email("refused")
    refused = invite("Staff", refused_email)

    # Then the last seat is filled and the next invite is a 402 naming the limit
    assert last[0] == 201
    assert refused[0] == 402, refused
    assert refused[1]["error"]["code"] == "plan_limit_reached"
    assert refused[1]["error"]["details"]["limit"] == "users"
    assert refused[1]["error"]["details"]["limit_value"] == STARTER.users
    # And the refused user can neither log in nor is listed
    assert api.call("POST", "/auth/login", {"email": refused_email, "password": PASSWORD})[0] == 401
    _, users = api.call("GET", "/users", token=tenant.token)
    assert len(users["items"]) == STARTER.users
    assert (
        BillingItem.get(platform_keys.tenant(tenant.tenant_id), billing_keys.BILLING_SK).user_count
        == STARTER.users
    )

    # When the tenant upgrades, the same invite succeeds
    upgrade(tenant.tenant_id)
    assert invite("Staff", refused_email)[0] == 201


def test_a_public_form_lead_over_the_limit_is_kept_and_marked(api: Api, tenant: Account) -> None:
    # Given a tenant at its monthly limit
    leads_used_up_to(tenant.tenant_id, STARTER.leads_per_month)
    pipeline_id, stage_id = resolve_stage(tenant.tenant_id, None, None)

    def form_lead() -> LeadItem:
        at, lead_id = iso(), new_id()
        lead = LeadItem(
            leads_keys.lead(tenant.tenant_id, lead_id),
            leads_keys.LEAD_SK,
            lead_id=lead_id,
            tenant_id=tenant.tenant_id,
            first_name="Visitor",
            source="form",
            pipeline_id=pipeline_id,
            stage_id=stage_id,
            stage_entered_at=at,
            created_at=at,
            created_by="form:F1",
            updated_at=at,
        )
        from convertly.leads.store import apply_index_keys

        apply_index_keys(lead)
        return lead

    lead = form_lead()

    def transaction(over_limit: bool) -> Transaction:
        lead.over_limit = over_limit or None
        tx = Transaction()
        add_new_lead(tx, lead, "form:F1")
        return tx

    # When a public form captures a lead (the submit path keeps what the limit would refuse)
    over = usage.commit_new_lead(tenant.tenant_id, transaction, keep_over_limit=True)

    # Then the lead is stored, marked over the limit, and counted apart
    assert over is True
    status, stored = api.call("GET", f"/leads/{lead.lead_id}", token=tenant.token)
    assert status == 200 and stored["over_limit"] is True
    month = counter(tenant.tenant_id)
    assert (int(month.leads), int(month.over_limit_leads)) == (STARTER.leads_per_month, 1)
    _, page = api.call("GET", "/billing", token=tenant.token)
    assert page["usage"]["leads"]["over_limit"] == 1


def test_a_new_month_starts_its_counter_with_the_plans_current_limit(api: Api, tenant: Account) -> None:
    # Given a Professional tenant whose month has no counter yet (the first lead of a month)
    upgrade(tenant.tenant_id)
    counter(tenant.tenant_id).delete()

    # When it creates a lead
    assert create_lead(api, tenant)[0] == 201

    # Then the month's counter starts with the Professional limit and counts the lead
    month = counter(tenant.tenant_id)
    assert (int(month.leads), int(month.lead_limit), month.plan) == (
        1,
        PROFESSIONAL.leads_per_month,
        "professional",
    )


def test_a_tenant_from_before_billing_gets_a_trial_on_first_use(api: Api, tenant: Account) -> None:
    # Given a tenant with neither billing item nor usage counter, and one invited user
    assert (
        api.call(
            "POST",
            "/users",
            {"email": unique_email("old"), "name": "Old", "role": "Sales", "password": PASSWORD},
            tenant.token,
        )[0]
        == 201
    )
    for item in Item.batch_get(
        [
            (platform_keys.tenant(tenant.tenant_id), billing_keys.BILLING_SK),
            (billing_keys.usage(tenant.tenant_id), billing_keys.lead_usage_sk(usage.month_of())),
        ]
    ):
        item.delete()

    # When it creates a lead and invites a user
    assert create_lead(api, tenant)[0] == 201
    invited = api.call(
        "POST",
        "/users",
        {"email": unique_email("new"), "name": "New", "role": "Staff", "password": PASSWORD},
        tenant.token,
    )

    # Then both work, on a Starter trial that counted its existing users once
    assert invited[0] == 201
    billing = BillingItem.get(platform_keys.tenant(tenant.tenant_id), billing_keys.BILLING_SK)
    assert (billing.plan, billing.status, int(billing.user_count)) == ("starter", "trialing", 3)
    assert parse_iso(billing.trial_ends_at) > now() + timedelta(days=plans.TRIAL_DAYS - 1)
    assert int(counter(tenant.tenant_id).leads) == 1


def test_the_limit_costs_a_lead_no_extra_call(api: Api, tenant: Account, monkeypatch: Any) -> None:
    """The counter rides in the lead's transaction: a create is still the access check (every signed-in
    request's), one stage lookup, one look-up of the contact with the lead's email, and one write."""
    from botocore.client import BaseClient

    calls: list[str] = []
    original = BaseClient._make_api_call

    def counting(client: BaseClient, operation: str, params: dict[str, Any]) -> Any:
        calls.append(operation)
        return original(client, operation, params)

    create_lead(api, tenant, "Warm")  # the token verifier's first JWKS fetch, PynamoDB's connection
    monkeypatch.setattr(BaseClient, "_make_api_call", counting)

    assert create_lead(api, tenant, "Counted")[0] == 201
    assert calls == ["BatchGetItem", "Query", "Query", "TransactWriteItems"]
