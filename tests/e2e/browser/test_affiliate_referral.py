"""The affiliate program's public side in the browser: applying on /partners (the thank-you, then an
address that applied already refused on its email field), and a partner's referral link: a fresh
browser opens /r/<code>?sub=..., lands on sign-up, and the company it signs up counts for the partner;
`?via=<code>` on a public page keeps the referral too and leaves the page's address without it."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.browser.api import PASSWORD, Api
from tests.e2e.browser.conftest import DEMO_PASSWORD

DEVELOPER_ADMIN = "devadmin@convertly.test"
REFERRAL_KEY = "convertly.referral"
REFERRAL_COOKIE = "convertly_referral"


def apply(page: Page, name: str, email: str, promotion: str) -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Website (optional)").fill("https://roofing-reviews.test")
    page.get_by_label("Your audience").fill("Roofing and plumbing contractors who advertise on Google")
    page.get_by_label("How you will promote Convertly").fill(promotion)
    page.get_by_role("button", name="Send application").click()


def test_a_visitor_applies_to_become_a_partner_once(page: Page) -> None:
    # Given a visitor who finds the program from the login page
    suffix = uuid.uuid4().hex[:10]
    email = f"dana-{suffix}@partner-{suffix}.test"
    page.goto("/login")
    page.get_by_role("link", name="Become a partner").click()
    expect(page).to_have_url(re.compile(r"/partners$"))
    expect(page.get_by_role("heading", name="Become a Convertly partner")).to_be_visible()
    expect(page.get_by_role("region", name="What partners earn")).to_contain_text("commission")

    # When they apply
    apply(page, "Dana Reviews", email, "A monthly newsletter for contractors")

    # Then they are thanked, and told what happens next
    expect(page.get_by_role("heading", name="Thank you for applying")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("we review every application")

    # When they apply again with the same address (another application, not the same one sent twice)
    page.goto("/partners")
    apply(page, "Dana Reviews", email, "Video reviews on YouTube")

    # Then the email field says it has applied already, and the page stays on the form
    field = page.get_by_label("Email", exact=True)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description("has applied already")
    expect(page.get_by_role("alert")).to_contain_text("This email has applied already")
    expect(page.get_by_role("heading", name="Become a Convertly partner")).to_be_visible()


@pytest.fixture(scope="module")
def partner(api: Api) -> dict[str, Any]:
    """An approved partner (applied through the API, approved by a Developer Admin): its affiliate
    id and referral code, and the Developer Admin's token to read its figures."""
    suffix = uuid.uuid4().hex[:10]
    application = api.ok(
        "POST",
        "/affiliate/applications",
        json={
            "name": "Sam Partner",
            "email": f"sam-{suffix}@partner-{suffix}.test",
            "website": "https://sam-partner.test",
            "audience": "Marketing agencies",
            "promotion": "Tutorials on my blog",
        },
    )
    token = api.login(DEVELOPER_ADMIN, DEMO_PASSWORD)
    decided = api.ok(
        "POST", f"/platform/affiliate-applications/{application['application_id']}/approve", token, json={}
    )
    affiliate = api.ok("GET", f"/platform/affiliates/{decided['affiliate_id']}", token)
    return {"affiliate_id": affiliate["affiliate_id"], "code": affiliate["code"], "token": token}


@pytest.fixture
def visitor(browser: Browser, web_url: str) -> Iterator[Page]:
    """A fresh browser as a person's: headless Chromium names itself "HeadlessChrome", which the API
    counts as a bot's click (no referral), so this context presents the same browser without it."""
    probe = browser.new_context()
    user_agent = probe.new_page().evaluate("navigator.userAgent").replace("HeadlessChrome", "Chrome")
    probe.close()
    context: BrowserContext = browser.new_context(
        base_url=web_url, user_agent=user_agent, viewport={"width": 1366, "height": 900}, timezone_id="UTC"
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def kept_referral(page: Page) -> Any:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{REFERRAL_KEY}'))")


def test_a_referral_link_leads_to_a_sign_up_that_counts_for_the_partner(
    visitor: Page, api: Api, partner: dict[str, Any]
) -> None:
    page = visitor
    before = api.ok("GET", f"/platform/affiliates/{partner['affiliate_id']}", partner["token"])["stats"]
    assert before["signups"] == 0

    # Given a visitor who opens the partner's link
    page.goto(f"/r/{partner['code']}?sub=yt-1")

    # Then they land on sign-up (once the click has answered), with the referral kept first-party:
    # in localStorage and in a cookie
    expect(page).to_have_url(re.compile(r"/signup$"))
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    assert kept_referral(page)["code"] == partner["code"]
    cookies = {cookie["name"] for cookie in page.context.cookies()}
    assert REFERRAL_COOKIE in cookies

    # When they sign up a company
    suffix = uuid.uuid4().hex[:8]
    page.get_by_label("Company name").fill(f"Referred Roofing {suffix}")
    page.get_by_label("Your name").fill("Riley Referred")
    page.get_by_label("Work email").fill(f"riley-{suffix}@browser.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))

    # Then the sign-up counts for the partner, and the browser forgets the referral it used
    stats = api.ok("GET", f"/platform/affiliates/{partner['affiliate_id']}", partner["token"])["stats"]
    assert stats["signups"] == 1
    assert stats["clicks"] >= 1
    assert kept_referral(page) is None


def test_via_on_a_public_page_keeps_the_referral_and_leaves_the_page(
    visitor: Page, partner: dict[str, Any]
) -> None:
    page = visitor
    # When a visitor opens the login page with the partner's code in `via`
    page.goto(f"/login?via={partner['code']}&next=%2Fleads")

    # Then the page stays, `via` leaves its address, and the referral is kept
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fleads$"))
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.wait_for_function(f"localStorage.getItem('{REFERRAL_KEY}') !== null")
    assert kept_referral(page)["code"] == partner["code"]


def approved_partner(api: Api, token: str, name: str) -> str:
    """Another approved partner's referral code."""
    suffix = uuid.uuid4().hex[:10]
    body = {
        "name": name,
        "email": f"{name.split()[0].lower()}-{suffix}@partner-{suffix}.test",
        "audience": "Agencies",
        "promotion": "Webinars",
    }
    application = api.ok("POST", "/affiliate/applications", json=body)
    path = f"/platform/affiliate-applications/{application['application_id']}/approve"
    decided = api.ok("POST", path, token, json={})
    return str(api.ok("GET", f"/platform/affiliates/{decided['affiliate_id']}", token)["code"])


def test_a_later_partners_link_wins_unless_the_program_keeps_the_first(
    visitor: Page, api: Api, partner: dict[str, Any]
) -> None:
    page = visitor
    token = partner["token"]
    other = approved_partner(api, token, "Lee Later")
    terms = api.ok("GET", "/platform/affiliate-program", token)
    terms.pop("updated_at", None)
    try:
        # When a visitor follows one partner's link, then another's (the program's rule: last click)
        page.goto(f"/r/{partner['code']}")
        expect(page).to_have_url(re.compile(r"/signup$"))
        page.goto(f"/r/{other}")
        expect(page).to_have_url(re.compile(r"/signup$"))
        # Then the later partner's referral is the one kept
        page.wait_for_function(f"JSON.parse(localStorage.getItem('{REFERRAL_KEY}')).code === '{other}'")

        # When the program keeps the first click instead, and the first partner's link comes again
        api.ok("PUT", "/platform/affiliate-program", token, json={**terms, "attribution": "first_click"})
        page.goto(f"/r/{partner['code']}")
        expect(page).to_have_url(re.compile(r"/signup$"))

        # Then the referral kept first (still within its window) stays
        assert kept_referral(page)["code"] == other
    finally:
        api.ok("PUT", "/platform/affiliate-program", token, json=terms)
