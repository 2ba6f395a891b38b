"""The upgrade path on a laptop: a Starter tenant at its lead limit subscribes to Professional with
the card form (localstripe's Stripe.js stand-in), can create leads again, and localstripe's signed
webhook reaches the billing webhook through the local gateway."""

from __future__ import annotations

import uuid
from typing import Any

import requests

from tests.e2e.billing import confirm_card, fill_lead_quota, stripe_events_applied
from tests.e2e.waiting import read_until

TIMEOUT = 30


def test_a_starter_admin_at_the_lead_limit_upgrades_and_creates_leads_again(stack: dict[str, Any]) -> None:
    api = stack["api_url"]
    email = f"billing-{uuid.uuid4().hex[:8]}@example.test"
    signed_up = requests.post(
        f"{api}/auth/signup",
        json={
            "company_name": "Upgrade Roofing",
            "name": "Uma Admin",
            "email": email,
            "password": "Correct-Horse-9",
        },
        timeout=TIMEOUT,
    )
    assert signed_up.status_code == 201, signed_up.text
    tenant_id = signed_up.json()["tenant"]["tenant_id"]
    headers = {"Authorization": f"Bearer {signed_up.json()['tokens']['id_token']}"}

    def call(method: str, path: str, body: Any = None) -> requests.Response:
        return requests.request(method, f"{api}{path}", json=body, headers=headers, timeout=TIMEOUT)

    # Given a Starter trial tenant that has used this month's leads
    limit = fill_lead_quota(stack, tenant_id)
    refused = call("POST", "/leads", {"first_name": "Over"})
    assert refused.status_code == 402, refused.text
    assert refused.json()["error"]["details"]["upgrade_path"] == "/billing"
    page = call("GET", "/billing").json()
    assert (page["plan"], page["checkout"], page["usage"]["leads"]["used"]) == ("starter", "card_form", limit)

    # When the Admin subscribes to Professional with the card form
    setup = call("POST", "/billing/card-setup").json()
    assert requests.get(setup["stripe_js_url"], timeout=TIMEOUT).status_code == 200  # the page loads it
    payment_method = confirm_card(stack, setup["client_secret"])
    subscribed = call(
        "POST", "/billing/subscription", {"plan": "professional", "payment_method": payment_method}
    )

    # Then the plan changes at once and leads can be created again
    assert subscribed.status_code == 200, subscribed.text
    assert (subscribed.json()["plan"], subscribed.json()["status"]) == ("professional", "active")
    created = call("POST", "/leads", {"first_name": "Again"})
    assert created.status_code == 201, created.text
    assert call("GET", "/me").json()["billing"]["plan"] == "professional"

    # And localstripe's own webhook for the new subscription reached the billing webhook
    # (localstripe sends its events one by one, in no set order: wait for this one, not for any)
    def applied() -> set[str]:
        return {event["event_type"] for event in stripe_events_applied(stack, tenant_id)}

    events = read_until(applied, lambda done: "customer.subscription.created" in done, timeout=20.0)
    assert "customer.subscription.created" in events
