"""The Billing page: a Starter admin at the lead limit upgrades with the card form (localstripe's
Stripe.js stand-in) and creates leads again; a payment failure shows the plan banner."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
from playwright.sync_api import Page, expect

from tests.e2e.billing import fill_lead_quota
from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav


def tenant_of(api: Api, account: Account) -> str:
    return str(api.ok("GET", "/me", account.id_token)["tenant"]["tenant_id"])


def fill_in_new_lead(page: Page, first_name: str, last_name: str) -> None:
    main_nav(page).get_by_role("link", name="Leads").click()
    page.get_by_role("link", name="New lead").first.click()
    expect(page.get_by_role("heading", name="New lead")).to_be_visible()
    page.get_by_label("First name").fill(first_name)
    page.get_by_label("Last name").fill(last_name)
    page.get_by_role("button", name="Create lead").click()


def test_a_starter_admin_at_the_lead_limit_upgrades_and_creates_leads_again(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a Starter trial tenant that has used this month's leads
    limit = fill_lead_quota(stack, tenant_of(api, account))
    log_in(page, account.email, account.password)

    # When its Admin tries to create a lead, the form names the limit and offers the upgrade
    fill_in_new_lead(page, "Over", "Limit")
    refused = page.get_by_role("alert").filter(has_text="The lead was not saved")
    expect(refused).to_contain_text(f"Your Starter plan includes {limit} new leads a month")
    expect(refused).to_contain_text("Upgrade to Professional on the Billing page")
    refused.get_by_role("link", name="Upgrade").click()

    # Then the Billing page shows the trial at its limit
    expect(page).to_have_url(re.compile(r"/billing$"))
    expect(page.get_by_role("heading", name="Billing", exact=True)).to_be_visible()
    current = page.get_by_role("region", name="Current plan")
    expect(current).to_contain_text("Starter")
    expect(current).to_contain_text("Trial")
    expect(current).to_contain_text("Trial ends")
    usage = page.get_by_role("region", name="Usage")
    leads_meter = usage.get_by_role("meter", name=re.compile("New leads in"))
    expect(leads_meter).to_have_attribute("aria-valuetext", f"{limit} of {limit} leads: limit reached")
    plans = page.get_by_role("region", name="Plans")
    expect(plans.get_by_role("region", name="Professional")).to_contain_text("$149 / month")

    # When the Admin upgrades with the test card
    plans.get_by_role("button", name="Upgrade to Professional").click()
    card = page.get_by_role("form", name="Card payment")
    card.get_by_label("Card number").fill("4242 4242 4242 4242")
    card.get_by_label("Expiry date").fill("12/34")
    card.get_by_label("Security code").fill("123")
    card.get_by_role("button", name="Subscribe to Professional").click()

    # Then the plan is Professional and active, with the larger limit
    expect(page.get_by_role("status").filter(has_text="You are on Professional now")).to_be_visible()
    expect(card).to_be_hidden()
    expect(current).to_contain_text("Professional")
    expect(current).to_contain_text("Active")
    expect(current).to_contain_text("Next invoice")
    expect(leads_meter).to_have_attribute("aria-valuetext", f"{limit} of 5,000 leads")
    expect(plans.get_by_role("button", name="Upgrade to Professional")).to_have_count(0)
    expect(plans.get_by_role("button", name="Downgrade to Starter")).to_be_visible()

    # And a lead can be created again
    fill_in_new_lead(page, "Again", "Welcome")
    expect(page.get_by_role("heading", name="Again Welcome")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Again Welcome was created")).to_be_visible()


def test_a_failed_payment_shows_the_banner_until_the_admin_sees_billing(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a tenant whose last payment failed (localstripe never fails a renewal: the state is set)
    grace_ends = datetime.now(UTC) + timedelta(days=7)
    table = boto3.resource("dynamodb", endpoint_url=stack["moto_url"], region_name=stack["region"]).Table(
        stack["table_name"]
    )
    table.update_item(
        Key={"PK": f"T#{tenant_of(api, account)}", "SK": "BILLING"},
        UpdateExpression="SET #status = :status, grace_ends_at = :grace",
        ExpressionAttributeNames={"#status": "status"},
        ExpressionAttributeValues={":status": "past_due", ":grace": grace_ends.isoformat()},
    )

    # When its Admin signs in, every page carries the banner with the way to fix it
    log_in(page, account.email, account.password)
    banner = page.get_by_role("region", name="Billing notice")
    expect(banner).to_contain_text("Your last payment failed")
    expect(banner).to_contain_text(f"{grace_ends:%B} {grace_ends.day}, {grace_ends.year}")
    expect(banner.get_by_role("button", name="Dismiss billing notice")).to_have_count(0)
    banner.get_by_role("link", name="Update payment details").click()

    # Then the Billing page says the same, with the grace period
    expect(page).to_have_url(re.compile(r"/billing$"))
    current = page.get_by_role("region", name="Current plan")
    expect(current).to_contain_text("Past due")
    expect(current).to_contain_text("Grace period ends")
    expect(page.get_by_role("alert").filter(has_text="Your last payment failed")).to_be_visible()
