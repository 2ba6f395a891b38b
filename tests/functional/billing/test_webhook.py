"""The Stripe webhook: signed deliveries of every handled type, duplicates, out-of-order delivery,
bad signatures, unknown types and base64 bodies, each against the real handler and moto."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest
import stripe

from convertly.billing import keys as billing_keys
from convertly.billing import plans
from convertly.billing.items import BillingItem, LeadUsageItem, StripeEventItem
from convertly.billing.plans import PlanId
from convertly.billing.usage import month_of
from convertly.platform.clock import now, parse_iso
from convertly.platform.events.outbox import OutboxEventItem
from convertly.platform.store import keys as platform_keys
from devstack.stripe_server import WEBHOOK_SECRET as LOCAL_WEBHOOK_SECRET
from devstack.stripe_server import LocalStripe
from tests.functional.billing.conftest import (
    EVENTS,
    WEBHOOK_SECRET,
    FakeStripe,
    deliver,
    stripe_event,
    subscription,
)
from tests.functional.conftest import Account, Api

Json = dict[str, Any]


def billing(tenant_id: str) -> BillingItem:
    return BillingItem.get(platform_keys.tenant(tenant_id), billing_keys.BILLING_SK, consistent_read=True)


def recorded_events(tenant_id: str) -> list[str]:
    return [
        item.event_id
        for item in StripeEventItem.query(billing_keys.stripe_events(tenant_id), consistent_read=True)
    ]


def plan_changes(tenant_id: str) -> list[Json]:
    items = OutboxEventItem.query(platform_keys.outbox(tenant_id), consistent_read=True)
    return [json.loads(item.detail)["data"] for item in items if item.detail_type == "TenantPlanChanged"]


def subscription_id() -> str:
    return f"sub_test{time.time_ns()}"


# What each handled type's object is, given the tenant and its subscription in the fake Stripe.
def _session(tenant: str, sub: Json) -> Json:
    session = _sample("checkout.session.completed")
    session.update(subscription=sub["id"], client_reference_id=tenant)
    return session


def _sample(event_type: str) -> Json:
    data: Json = json.loads((EVENTS / "stripe" / f"{event_type}.json").read_text())["data"]["object"]
    return data


def _invoice(event_type: str) -> Callable[[str, Json], Json]:
    def build(_tenant: str, sub: Json) -> Json:
        invoice = _sample("invoice.paid" if event_type != "invoice.payment_failed" else event_type)
        invoice["parent"]["subscription_details"]["subscription"] = sub["id"]
        return invoice

    return build


def _itself(_tenant: str, sub: Json) -> Json:
    return sub


CASES: list[tuple[str, dict[str, Any], Callable[[str, Json], Json], dict[str, Any]]] = [
    ("checkout.session.completed", {}, _session, {"plan": "professional", "status": "active"}),
    ("customer.subscription.created", {}, _itself, {"plan": "professional", "status": "active"}),
    (
        "customer.subscription.updated",
        {"cancel_at_period_end": True},
        _itself,
        {"plan": "professional", "status": "active", "cancel_at_period_end": True},
    ),
    (
        "customer.subscription.deleted",
        {"status": "canceled"},
        _itself,
        {"plan": "starter", "status": "canceled"},
    ),
    (
        "customer.subscription.trial_will_end",
        {"status": "trialing", "trial_end": int(time.time()) + 3 * 86400},
        _itself,
        {"plan": "professional", "status": "trialing"},
    ),
    ("invoice.paid", {}, _invoice("invoice.paid"), {"plan": "professional", "status": "active"}),
    ("invoice.payment_succeeded", {}, _invoice("invoice.paid"), {"plan": "professional", "status": "active"}),
    (
        "invoice.payment_failed",
        {"status": "past_due"},
        _invoice("invoice.payment_failed"),
        {"plan": "professional", "status": "past_due"},
    ),
]


@pytest.mark.parametrize(("event_type", "state", "obj", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_handled_event_moves_the_tenant_to_the_subscriptions_state(
    tenant: Account, event_type: str, state: dict[str, Any], obj: Callable[[str, Json], Json], expected: Json
) -> None:
    # Given a Starter trial tenant whose Stripe subscription is in `state`
    fake, sub_id = FakeStripe(), subscription_id()
    sub = subscription(tenant.tenant_id, sub_id, **state)
    fake.subscriptions[sub_id] = sub
    event = stripe_event(event_type, obj(tenant.tenant_id, sub))

    # When Stripe delivers the signed event
    status, body = deliver(fake, event)

    # Then it is applied once: the plan, status and limits move, and the event is recorded
    assert (status, body) == (200, {"received": True, "result": "applied"})
    stored = billing(tenant.tenant_id)
    assert {name: getattr(stored, name) for name in expected} == expected
    assert stored.stripe_subscription_id == sub_id
    limits = plans.PLANS[PlanId(expected["plan"])].limits
    assert (stored.user_limit, stored.lead_limit) == (limits.users, limits.leads_per_month)
    counter = LeadUsageItem.get(billing_keys.usage(tenant.tenant_id), billing_keys.lead_usage_sk(month_of()))
    assert counter.lead_limit == limits.leads_per_month
    assert recorded_events(tenant.tenant_id) == [event["id"]]
    assert plan_changes(tenant.tenant_id)[-1]["status"] == expected["status"]


def test_payment_failure_starts_one_grace_period_and_shows_the_banner(api: Api, tenant: Account) -> None:
    # Given a paying tenant
    fake, sub_id = FakeStripe(), subscription_id()
    fake.subscriptions[sub_id] = subscription(tenant.tenant_id, sub_id)
    deliver(fake, stripe_event("customer.subscription.created", fake.subscriptions[sub_id]))

    # When the renewal fails, and Stripe's retry fails again a day later
    fake.subscriptions[sub_id]["status"] = "past_due"
    failed = _invoice("invoice.payment_failed")(tenant.tenant_id, fake.subscriptions[sub_id])
    assert deliver(fake, stripe_event("invoice.payment_failed", failed))[1]["result"] == "applied"
    grace = billing(tenant.tenant_id).grace_ends_at
    later = stripe_event("invoice.payment_failed", failed, created=int(time.time()) + 86400)
    assert deliver(fake, later)[1]["result"] == "applied"

    # Then the grace period runs from the first failure, and GET /me and GET /billing say so
    assert grace is not None and billing(tenant.tenant_id).grace_ends_at == grace
    assert 6.9 < (parse_iso(grace) - now()).total_seconds() / 86400 <= plans.GRACE_DAYS
    _, me = api.call("GET", "/me", token=tenant.token)
    assert me["billing"]["status"] == "past_due"
    assert me["billing"]["banner"]["code"] == "payment_failed"
    _, page = api.call("GET", "/billing", token=tenant.token)
    assert page["grace_ends_at"] == grace and page["banner"]["level"] == "error"

    # And a paid invoice ends it
    fake.subscriptions[sub_id]["status"] = "active"
    paid = _invoice("invoice.paid")(tenant.tenant_id, fake.subscriptions[sub_id])
    deliver(fake, stripe_event("invoice.paid", paid, created=int(time.time()) + 2 * 86400))
    assert (billing(tenant.tenant_id).status, billing(tenant.tenant_id).grace_ends_at) == ("active", None)


def test_a_redelivered_event_changes_nothing(tenant: Account) -> None:
    # Given an event applied once
    fake, sub_id = FakeStripe(), subscription_id()
    fake.subscriptions[sub_id] = subscription(tenant.tenant_id, sub_id)
    event = stripe_event("customer.subscription.created", fake.subscriptions[sub_id])
    assert deliver(fake, event)[1]["result"] == "applied"
    before = billing(tenant.tenant_id).attribute_values

    # When Stripe delivers it twice more (its state has moved on meanwhile)
    fake.subscriptions[sub_id]["cancel_at_period_end"] = True
    results = [deliver(fake, event) for _ in range(2)]

    # Then both are acknowledged as duplicates: no second state change, record or event
    assert results == [(200, {"received": True, "result": "duplicate"})] * 2
    assert billing(tenant.tenant_id).attribute_values == before
    assert recorded_events(tenant.tenant_id) == [event["id"]]
    assert len(plan_changes(tenant.tenant_id)) == 1


def test_an_older_event_never_overwrites_newer_state(tenant: Account) -> None:
    # Given the cancellation (newer) delivered before the creation (older)
    fake, sub_id = FakeStripe(), subscription_id()
    created_at = int(time.time())
    fake.subscriptions[sub_id] = subscription(tenant.tenant_id, sub_id, cancel_at_period_end=True)
    newer = stripe_event("customer.subscription.updated", fake.subscriptions[sub_id], created=created_at + 5)
    older = stripe_event("customer.subscription.created", fake.subscriptions[sub_id], created=created_at)
    assert deliver(fake, newer)[1]["result"] == "applied"

    # When the older one arrives, and Stripe's state meanwhile reads like it again
    fake.subscriptions[sub_id]["cancel_at_period_end"] = False
    status, body = deliver(fake, older)

    # Then it is acknowledged as stale, recorded, and changes nothing
    assert (status, body["result"]) == (200, "stale")
    stored = billing(tenant.tenant_id)
    assert stored.cancel_at_period_end is True and stored.synced_at == created_at + 5
    assert sorted(recorded_events(tenant.tenant_id)) == sorted([newer["id"], older["id"]])

    # And an event newer than both applies Stripe's state as it is now
    latest = stripe_event("customer.subscription.updated", fake.subscriptions[sub_id], created=created_at + 9)
    assert deliver(fake, latest)[1]["result"] == "applied"
    assert billing(tenant.tenant_id).cancel_at_period_end is False


def test_news_of_an_ended_earlier_subscription_leaves_the_current_one(tenant: Account) -> None:
    # Given a tenant on a new subscription
    fake, old_id, new_id = FakeStripe(), subscription_id(), subscription_id()
    fake.subscriptions[new_id] = subscription(tenant.tenant_id, new_id)
    deliver(fake, stripe_event("customer.subscription.created", fake.subscriptions[new_id]))

    # When the deletion of an earlier subscription arrives (even with a later timestamp)
    fake.subscriptions[old_id] = subscription(tenant.tenant_id, old_id, status="canceled")
    gone = stripe_event(
        "customer.subscription.deleted", fake.subscriptions[old_id], created=int(time.time()) + 60
    )
    status, body = deliver(fake, gone)

    # Then the current subscription stands
    assert (status, body["result"]) == (200, "ignored")
    stored = billing(tenant.tenant_id)
    assert (stored.stripe_subscription_id, stored.plan, stored.status) == (new_id, "professional", "active")


@pytest.mark.parametrize(
    "tamper",
    ["wrong secret", "changed body", "no header", "stale timestamp", "garbage header"],
)
def test_a_bad_signature_is_400_and_stores_nothing(tenant: Account, tamper: str) -> None:
    # Given a delivery whose signature does not hold
    fake, sub_id = FakeStripe(), subscription_id()
    fake.subscriptions[sub_id] = subscription(tenant.tenant_id, sub_id)
    event = stripe_event("customer.subscription.created", fake.subscriptions[sub_id])
    body = json.dumps(event)
    options: dict[str, Any] = {
        "wrong secret": {"secret": "whsec_someone_else"},
        "changed body": {
            "signature": stripe.WebhookSignature.generate_signature_header(body, WEBHOOK_SECRET),
            "body": body.replace('"active"', '"canceled"'),
        },
        "no header": {"signature": ""},
        "stale timestamp": {
            "signature": stripe.WebhookSignature.generate_signature_header(
                body, WEBHOOK_SECRET, timestamp=int(time.time()) - 3600
            ),
            "body": body,
        },
        "garbage header": {"signature": "not-a-signature"},
    }[tamper]
    before = billing(tenant.tenant_id).attribute_values

    # When it arrives
    status, answer = deliver(fake, event, **options)

    # Then it is refused before anything is read or written
    assert status == 400 and answer["error"]["code"] == "invalid_signature"
    assert fake.reads == 0
    assert recorded_events(tenant.tenant_id) == []
    assert billing(tenant.tenant_id).attribute_values == before


def test_an_unknown_event_type_is_acknowledged_and_ignored(tenant: Account) -> None:
    fake = FakeStripe()
    event = stripe_event("customer.tax_id.created", {"id": "txi_1", "object": "tax_id"})

    status, body = deliver(fake, event)

    assert (status, body) == (200, {"received": True, "result": "unhandled"})
    assert fake.reads == 0 and recorded_events(tenant.tenant_id) == []


def test_a_base64_encoded_body_is_verified_on_its_decoded_bytes(tenant: Account) -> None:
    # Given API Gateway handing over the body base64-encoded (binary media types)
    fake, sub_id = FakeStripe(), subscription_id()
    fake.subscriptions[sub_id] = subscription(tenant.tenant_id, sub_id, plan=PlanId.PROFESSIONAL)
    event = stripe_event("customer.subscription.created", fake.subscriptions[sub_id])

    status, body = deliver(fake, event, base64_body=True)

    assert (status, body["result"]) == (200, "applied")
    assert billing(tenant.tenant_id).plan == "professional"


def test_an_event_for_no_convertly_tenant_is_ignored(tenant: Account) -> None:
    fake, sub_id = FakeStripe(), subscription_id()
    fake.subscriptions[sub_id] = subscription("not-a-tenant", sub_id)

    status, body = deliver(fake, stripe_event("customer.subscription.created", fake.subscriptions[sub_id]))

    assert (status, body["result"]) == (200, "ignored")
    assert recorded_events("not-a-tenant") == []


def test_localstripes_own_delivery_through_the_local_gateway_is_applied(
    api: Api, tenant: Account, localstripe: LocalStripe
) -> None:
    """app.py hands the raw body over unchanged: the signature of a pretty-printed body still holds."""
    from convertly.billing.stripe_gateway import gateway

    # Given a subscription made in localstripe (not through the API, so only the webhook can tell)
    stripe_api = gateway()
    customer = stripe_api.create_customer(tenant.tenant_id, tenant.email, "Acme Roofing")
    stripe_api.set_card(customer, _card(stripe_api))
    created = stripe_api.create_subscription(customer, plans.PLANS[PlanId.PROFESSIONAL], tenant.tenant_id)
    event = stripe_event("customer.subscription.created", created)
    body = json.dumps(event, indent=2, sort_keys=True) + "\n"
    header = stripe.WebhookSignature.generate_signature_header(body, LOCAL_WEBHOOK_SECRET)

    # When it is posted to the local gateway as localstripe posts it
    response = api._client.http.post(  # the raw call: Api.call would re-encode the body
        "/webhooks/stripe",
        headers={"content-type": "application/json; charset=utf-8", "stripe-signature": header},
        body=body,
    )

    # Then the tenant is on the plan the subscription is for
    assert response.status_code == 200, response.body
    assert json.loads(response.body)["result"] == "applied"
    assert (billing(tenant.tenant_id).plan, billing(tenant.tenant_id).status) == ("professional", "active")


def _card(stripe_api: Any) -> str:
    method = stripe_api._client.v1.payment_methods.create(
        params={
            "type": "card",
            "card": {"number": "4242424242424242", "exp_month": 12, "exp_year": 2034, "cvc": "123"},
        }
    )
    return str(method.id)
