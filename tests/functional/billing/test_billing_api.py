"""The Billing page's API against localstripe: subscribe with a card, upgrade, downgrade and cancel at
the period end, and what the local stack cannot do (Checkout, the portal) said plainly."""

from __future__ import annotations

from typing import Any

from convertly.billing import keys as billing_keys
from convertly.billing.items import BillingItem
from convertly.billing.stripe_gateway import gateway
from convertly.platform.store import keys as platform_keys
from tests.functional.conftest import Account, Api, invite


def card(number: str = "4242424242424242") -> str:
    """A payment method as Stripe Elements (localstripe's stand-in for it) creates one."""
    method = gateway()._client.v1.payment_methods.create(
        params={"type": "card", "card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"}}
    )
    return str(method.id)


def subscribe(
    api: Api, account: Account, plan: str = "professional", number: str = "4242424242424242"
) -> tuple[int, Any]:
    body = {"plan": plan, "payment_method": card(number)}
    return api.call("POST", "/billing/subscription", body, account.token)


def test_subscribing_with_a_card_moves_the_tenant_to_the_plan_at_once(api: Api, tenant: Account) -> None:
    # When a trial Admin subscribes to Professional with a card
    status, page = subscribe(api, tenant)

    # Then the tenant is on Professional now (Stripe's answer is applied; the webhook confirms later)
    assert status == 200, page
    assert (page["plan"], page["status"], page["banner"]) == ("professional", "active", None)
    assert page["usage"]["users"]["limit"] == 25 and page["usage"]["leads"]["limit"] == 5000
    assert page["current_period_end"] is not None and page["trial_ends_at"] is None
    stored = BillingItem.get(platform_keys.tenant(tenant.tenant_id), billing_keys.BILLING_SK)
    assert stored.stripe_customer_id and stored.stripe_subscription_id
    # And Stripe knows the tenant by the metadata the webhook will read
    sub = gateway().subscription(stored.stripe_subscription_id)
    assert sub is not None and sub["metadata"]["tenant_id"] == tenant.tenant_id
    _, me = api.call("GET", "/me", token=tenant.token)
    assert me["billing"]["plan"] == "professional" and "conversions" in me["billing"]["features"]


def test_a_declined_card_is_402_and_leaves_the_tenant_as_it_was(api: Api, tenant: Account) -> None:
    status, body = subscribe(api, tenant, number="4000000000000341")  # attaches, then every charge fails

    assert status == 402 and body["error"]["code"] == "card_declined"
    _, page = api.call("GET", "/billing", token=tenant.token)
    assert (page["plan"], page["status"]) == ("starter", "trialing")
    assert (
        BillingItem.get(
            platform_keys.tenant(tenant.tenant_id), billing_keys.BILLING_SK
        ).stripe_subscription_id
        is None
    )


def test_a_starter_subscriber_upgrades_in_place(api: Api, tenant: Account) -> None:
    # Given a tenant paying for Starter
    assert subscribe(api, tenant, "starter")[1]["plan"] == "starter"
    first = BillingItem.get(
        platform_keys.tenant(tenant.tenant_id), billing_keys.BILLING_SK
    ).stripe_subscription_id

    # When it upgrades through the Checkout route
    status, answer = api.call("POST", "/billing/checkout", {"plan": "professional"}, tenant.token)

    # Then its subscription changed plan (no second subscription) and the limits rose at once
    assert status == 200, answer
    assert answer["mode"] == "updated" and answer["billing"]["plan"] == "professional"
    assert (
        BillingItem.get(
            platform_keys.tenant(tenant.tenant_id), billing_keys.BILLING_SK
        ).stripe_subscription_id
        == first
    )


def test_downgrade_waits_for_the_period_end_and_can_be_taken_back(api: Api, tenant: Account) -> None:
    subscribe(api, tenant)

    status, page = api.call("POST", "/billing/downgrade", {"plan": "starter"}, tenant.token)

    assert status == 200, page
    assert (page["plan"], page["scheduled_plan"]) == ("professional", "starter")
    assert page["banner"]["code"] == "downgrade_scheduled"
    assert page["usage"]["leads"]["limit"] == 5000  # Professional until the period ends

    status, page = api.call("POST", "/billing/checkout", {"plan": "professional"}, tenant.token)
    assert status == 200 and page["billing"]["scheduled_plan"] is None


def test_cancel_at_the_period_end_and_undo(api: Api, tenant: Account) -> None:
    subscribe(api, tenant)

    status, page = api.call("POST", "/billing/cancel", {}, tenant.token)
    assert status == 200, page
    assert page["cancel_at_period_end"] is True and page["status"] == "active"
    assert page["banner"]["code"] == "subscription_ending"

    status, page = api.call("POST", "/billing/cancel", {"cancel_at_period_end": False}, tenant.token)
    assert status == 200 and page["cancel_at_period_end"] is False and page["banner"] is None


def test_the_local_stack_says_checkout_and_portal_are_not_there(api: Api, tenant: Account) -> None:
    status, body = api.call("POST", "/billing/checkout", {"plan": "professional"}, tenant.token)
    assert (status, body["error"]["code"]) == (409, "checkout_unavailable")
    assert "POST /billing/subscription" in body["error"]["message"]

    subscribe(api, tenant)
    status, body = api.call("POST", "/billing/portal", {}, tenant.token)
    assert (status, body["error"]["code"]) == (409, "portal_unavailable")


def test_nothing_to_cancel_or_downgrade_on_a_trial(api: Api, tenant: Account) -> None:
    assert api.call("POST", "/billing/cancel", {}, tenant.token)[1]["error"]["code"] == "no_subscription"
    downgrade = api.call("POST", "/billing/downgrade", {"plan": "starter"}, tenant.token)
    assert downgrade[1]["error"]["code"] == "not_a_downgrade"
    assert api.call("POST", "/billing/portal", {}, tenant.token)[1]["error"]["code"] == "no_customer"


def test_a_manager_reads_billing_but_cannot_change_it(api: Api, tenant: Account) -> None:
    manager = invite(api, tenant, "Manager")

    assert api.call("GET", "/billing", token=manager.token)[0] == 200
    status, body = subscribe(api, manager)
    assert status == 403 and body["error"]["code"] == "forbidden_role"


def test_a_payment_method_that_is_not_one_is_422(api: Api, tenant: Account) -> None:
    status, body = api.call("POST", "/billing/subscription", {"payment_method": "tok_visa"}, tenant.token)

    assert status == 422 and "payment_method" in body["error"]["fields"]


def test_a_card_stripe_does_not_know_is_422_and_leaves_the_plan_as_it_was(api: Api, tenant: Account) -> None:
    # Given a tenant on its trial
    before = api.call("GET", "/billing", token=tenant.token)[1]
    # When it subscribes with a payment method id Stripe has never issued
    body = {"plan": "starter", "payment_method": "pm_0"}
    status, answer = api.call("POST", "/billing/subscription", body, tenant.token)
    # Then the card field says so, and the plan is unchanged
    assert status == 422, answer
    assert answer["error"]["fields"]["payment_method"] == "Stripe does not know this card: enter it again"
    assert api.call("GET", "/billing", token=tenant.token)[1]["plan"] == before["plan"]
