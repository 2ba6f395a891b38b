"""The partner program end to end, every step in the browser: a person applies on /partners, a
Developer Admin approves them in the console, they sign in from the welcome email and copy their
link; in a fresh browser a company follows the link, signs up and pays with the test card
(localstripe); the partner sees the pending commission; the Developer Admin releases it and pays it
out; the partner sees the payout and what it covered."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.e2e.browser.api import PASSWORD, Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.browser.mail import sign_in_mail
from tests.e2e.waiting import until

DEVELOPER_ADMIN = "devadmin@convertly.test"
CHOSEN_PASSWORD = "Partner-Journey-7"
PROFESSIONAL_COMMISSION = "$29.80"  # 20% of Professional's $149.00
# localstripe's invoice event, which earns the commission, reaches the webhook a moment after the payment.
COMMISSION_WITHIN_S = 45.0


def new_context(browser: Browser, web_url: str) -> BrowserContext:
    """A person's browser: headless Chromium calls itself "HeadlessChrome", which the API counts as a
    bot's click, so the context presents the same browser without it."""
    probe = browser.new_context()
    agent = probe.new_page().evaluate("navigator.userAgent").replace("HeadlessChrome", "Chrome")
    probe.close()
    context = browser.new_context(
        base_url=web_url, user_agent=agent, viewport={"width": 1366, "height": 900}, timezone_id="UTC"
    )
    context.set_default_timeout(20_000)
    return context


@pytest.fixture
def partner_page(browser: Browser, web_url: str) -> Iterator[Page]:
    context = new_context(browser, web_url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=web_url.rstrip("/"))
    yield context.new_page()
    context.close()


@pytest.fixture
def customer_page(browser: Browser, web_url: str) -> Iterator[Page]:
    context = new_context(browser, web_url)
    yield context.new_page()
    context.close()


@pytest.fixture
def terms_kept(api: Api, demo_logins: dict[str, str]) -> Iterator[str]:
    """The Developer Admin's token; the program's terms are put back after the test."""
    token = api.login(DEVELOPER_ADMIN, demo_logins[DEVELOPER_ADMIN])
    saved = api.ok("GET", "/platform/affiliate-program", token)
    saved.pop("updated_at", None)
    yield token
    api.ok("PUT", "/platform/affiliate-program", token, json=saved)


def console_tab(page: Page, label: str) -> None:
    page.get_by_role("navigation", name="Platform console").get_by_role(
        "link", name=label, exact=True
    ).click()


def toast(page: Page, text: str) -> Locator:
    return page.get_by_role("status").filter(has_text=text)


def test_a_partner_is_approved_refers_a_paying_company_and_is_paid_out(
    page: Page,
    partner_page: Page,
    customer_page: Page,
    api: Api,
    stack: dict[str, Any],
    demo_logins: dict[str, str],
    terms_kept: str,
) -> None:
    suffix = uuid.uuid4().hex[:8]
    name, email = f"Jordan Journey {suffix}", f"jordan-{suffix}@journey-{suffix}.test"

    # Given a person who applies on the partner page
    partner = partner_page
    partner.goto("/partners")
    partner.get_by_label("Your name").fill(name)
    partner.get_by_label("Email", exact=True).fill(email)
    partner.get_by_label("Your audience").fill("Contractors who buy Google Ads")
    partner.get_by_label("How you will promote Convertly").fill("A course on tracking ad revenue")
    partner.get_by_role("button", name="Send application").click()
    expect(partner.get_by_role("heading", name="Thank you for applying")).to_be_visible()

    # When a Developer Admin approves the application in the console
    admin = page
    log_in(admin, DEVELOPER_ADMIN, demo_logins[DEVELOPER_ADMIN])
    admin.goto("/platform")
    console_tab(admin, "Applications")
    admin.get_by_role("row").filter(has_text=name).get_by_role("button", name=f"Approve {name}").click()
    dialog = admin.get_by_role("dialog", name=f"Approve {name}")
    dialog.get_by_label("Note").fill("Welcome aboard")
    dialog.get_by_role("button", name="Approve application").click()
    expect(admin.get_by_role("row").filter(has_text=name)).to_have_count(0)

    # Then the partner signs in from the welcome email, chooses a password and copies their link
    link, temporary = sign_in_mail(stack, email, "partner program", "Sign in to your partner portal:")
    partner.goto(link)
    partner.get_by_label("Temporary password").fill(temporary)
    partner.get_by_role("button", name="Log in").click()
    partner.get_by_label("New password", exact=True).fill(CHOSEN_PASSWORD)
    partner.get_by_label("Confirm new password").fill(CHOSEN_PASSWORD)
    partner.get_by_role("button", name="Save password and continue").click()
    expect(partner.get_by_role("heading", name="Partner dashboard", exact=True)).to_be_visible()
    main_nav(partner).get_by_role("link", name="Links").click()
    partner.get_by_role("form", name="Build a link").get_by_label("Sub-id").fill("course-1")
    partner.get_by_role("button", name="Copy full link").click()
    expect(toast(partner, "Copied")).to_be_visible()
    referral_link = str(partner.evaluate("navigator.clipboard.readText()"))
    assert re.search(r"/r/[a-z0-9-]+\?sub_id=course-1$", referral_link), referral_link

    # When a company follows the link in its own browser, signs up and pays Professional by card
    customer = customer_page
    customer.goto(referral_link)
    expect(customer).to_have_url(re.compile(r"/signup$"))
    customer.get_by_label("Company name").fill(f"Journey Roofing {suffix}")
    customer.get_by_label("Your name").fill("Casey Customer")
    customer.get_by_label("Work email").fill(f"casey-{suffix}@journeyroofing-{suffix}.test")
    customer.get_by_label("Password").fill(PASSWORD)
    customer.get_by_role("button", name="Create account").click()
    expect(customer).to_have_url(re.compile(r"/dashboard$"))
    customer.goto("/billing")
    plans = customer.get_by_role("region", name="Plans")
    plans.get_by_role("button", name="Upgrade to Professional").click()
    card = customer.get_by_role("form", name="Card payment")
    card.get_by_label("Card number").fill("4242 4242 4242 4242")
    card.get_by_label("Expiry date").fill("12/34")
    card.get_by_label("Security code").fill("123")
    card.get_by_role("button", name="Subscribe to Professional").click()
    expect(toast(customer, "You are on Professional now")).to_be_visible()

    # Then the partner sees the company by its initials, paying, and the commission pending its hold
    main_nav(partner).get_by_role("link", name="Referrals").click()
    referral = partner.get_by_role("row").filter(has_text="J. R.")
    expect(referral).to_contain_text("course-1")
    # (the partner's ledger is read through the API until it has the commission, then the page once)
    partner_token = api.login(email, CHOSEN_PASSWORD)
    until(
        lambda: api.ok("GET", "/affiliate/commissions", partner_token)["items"],
        "the partner's commission",
        timeout=COMMISSION_WITHIN_S,
    )
    main_nav(partner).get_by_role("link", name="Commissions").click()
    commission = partner.get_by_role("row").filter(has_text=PROFESSIONAL_COMMISSION)
    expect(commission).to_contain_text("Pending")

    # When the partner gives a PayPal address for payouts
    main_nav(partner).get_by_role("link", name="Payout settings").click()
    form = partner.get_by_role("form", name="Payout settings")
    form.get_by_role("radio", name="PayPal").check()
    form.get_by_label("PayPal email").fill(f"jordan-{suffix}@paypal.test")
    form.get_by_role("button", name="Save payout settings").click()
    expect(partner.get_by_role("region", name="Current payout method")).to_contain_text("PayPal")

    # And the Developer Admin lowers the payout threshold to $20, releases the commission early and pays
    console_tab(admin, "Program terms")
    terms = admin.get_by_role("form", name="Program terms")
    terms.get_by_label("Payout threshold").fill("20")
    terms.get_by_role("button", name="Save terms").click()
    expect(toast(admin, "The program's terms are saved")).to_be_visible()
    console_tab(admin, "Affiliates")
    admin.get_by_role("table").get_by_role("link", name=name).click()
    ledger = admin.get_by_role("region", name="Ledger")
    row = ledger.get_by_role("row").filter(has_text=PROFESSIONAL_COMMISSION)
    row.get_by_role("button", name=re.compile("^Release")).click()
    admin.get_by_role("dialog", name="Release this commission now").get_by_role(
        "button", name="Release commission"
    ).click()
    expect(row).to_contain_text("Payable")
    console_tab(admin, "Payouts")
    due = admin.get_by_role("region", name="Due in USD")
    expect(due.get_by_role("row").filter(has_text=name)).to_contain_text("Ready")
    due.get_by_role("button", name="Create batch").click()
    admin.get_by_role("dialog", name="Create a payout batch in USD").get_by_role(
        "button", name="Create batch"
    ).click()
    expect(admin.get_by_role("heading", name=re.compile("^Payout batch of"))).to_be_visible()
    line = admin.get_by_role("region", name="Payouts").get_by_role("row").filter(has_text=name)
    expect(line).to_contain_text(PROFESSIONAL_COMMISSION)
    admin.get_by_role("button", name="Mark paid").click()
    admin.get_by_role("dialog", name="Mark the batch paid").get_by_role("button", name="Mark paid").click()
    expect(toast(admin, "The batch is marked paid")).to_be_visible()

    # Then the partner sees the payout, paid, and the commission it covered
    main_nav(partner).get_by_role("link", name="Payouts").click()
    payout = partner.get_by_role("row").filter(has_text=PROFESSIONAL_COMMISSION)
    expect(payout).to_contain_text("Paid")
    payout.get_by_role("link").first.click()
    covered = partner.get_by_role("region", name="What this payout covered")
    expect(covered).to_contain_text(PROFESSIONAL_COMMISSION)
    expect(covered).to_contain_text("Paid to you")
    main_nav(partner).get_by_role("link", name="Commissions").click()
    partner.reload()  # the list read a moment ago is kept for a few seconds; the page read anew
    expect(partner.get_by_role("row").filter(has_text=PROFESSIONAL_COMMISSION)).to_contain_text("Paid")
