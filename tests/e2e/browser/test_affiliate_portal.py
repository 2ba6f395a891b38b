"""The partner portal in the browser: a partner signs in (the demo partner, or one who applies, is
approved by a Developer Admin and joins from the welcome email), sees their figures and referral link
on the dashboard (a new click counts), switches the chart's period, builds a link with a sub-id and
UTM tag and copies it, sets PayPal payout settings (a refused email shows next to its field, the saved
one only masked), and opens their referrals, commissions, payouts and marketing assets."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any, TypeVar

import requests
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.browser.api import Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.browser.mail import sign_in_mail

T = TypeVar("T")

DEMO_PARTNER = "affiliate@summitroofing.test"
DEVELOPER_ADMIN = "devadmin@convertly.test"
CHOSEN_PASSWORD = "Partner-Portal-2026!"
BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
PORTAL_NAV = [
    "Partner dashboard",
    "Links",
    "Referrals",
    "Commissions",
    "Payouts",
    "Payout settings",
    "Marketing assets",
]


@dataclass(frozen=True)
class Partner:
    email: str
    token: str


def welcome_mail(stack: dict[str, Any], email: str) -> tuple[str, str]:
    """The sign-in link and the temporary password of the partner program's welcome email."""
    return sign_in_mail(stack, email, "partner program", "Sign in to your partner portal:")


def demo_partner(api: Api, demo_logins: dict[str, str]) -> Partner | None:
    """The seeded partner when it signs in to the portal (None while the seed has none)."""
    password = demo_logins.get(DEMO_PARTNER)
    if password is None:
        return None
    answer = api.call("POST", "/auth/login", json={"email": DEMO_PARTNER, "password": password})
    if not answer.ok or "id_token" not in answer.json():
        return None
    token = str(answer.json()["id_token"])
    if api.call("GET", "/affiliate/dashboard", token).status_code != 200:
        return None
    return Partner(DEMO_PARTNER, token)


def join_as_new_partner(page: Page, api: Api, stack: dict[str, Any], demo_logins: dict[str, str]) -> Partner:
    """Apply, be approved by a Developer Admin, and sign in from the welcome email, choosing a password."""
    suffix = uuid.uuid4().hex[:8]
    email = f"partner-{suffix}@browser.test"
    application = {
        "name": f"Pat Partner {suffix}",
        "email": email,
        "website": "https://patpartner.test",
        "audience": "Roofing contractors who read my newsletter",
        "promotion": "A newsletter review and a tutorial video",
    }
    receipt = api.ok("POST", "/affiliate/applications", json=application)
    admin = api.login(DEVELOPER_ADMIN, demo_logins[DEVELOPER_ADMIN])
    api.ok(
        "POST",
        f"/platform/affiliate-applications/{receipt['application_id']}/approve",
        admin,
        json={"note": "Browser test partner"},
    )
    link, temporary = welcome_mail(stack, email)
    page.goto(link)
    expect(page.get_by_label("Email")).to_have_value(email)
    page.get_by_label("Temporary password").fill(temporary)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Choose your password")).to_be_visible()
    page.get_by_label("New password", exact=True).fill(CHOSEN_PASSWORD)
    page.get_by_label("Confirm new password").fill(CHOSEN_PASSWORD)
    page.get_by_role("button", name="Save password and continue").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return Partner(email, api.login(email, CHOSEN_PASSWORD))


def click_link(api_url: str, code: str) -> None:
    """A visitor's click on the partner's link, as the referral page records it (a browser, not a bot)."""
    answer = requests.post(
        f"{api_url.rstrip('/')}/affiliate/clicks",
        json={"code": code, "sub_id": "browser-test"},
        headers={"User-Agent": BROWSER_AGENT},
        timeout=30,
    )
    assert answer.ok, answer.text
    assert answer.json()["referral"], answer.text


def masked_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}{'•' * max(len(local) - 1, 2)}@{domain}"


def check_dashboard(page: Page, figures: dict[str, Any], origin: str) -> None:
    """Every figure, the balances, the referral link, the terms in words and the chart."""
    stats = figures["stats"]
    counts = {
        "Clicks": stats["clicks"],
        "Sign-ups": stats["signups"],
        "Trials": stats["trials"],
        "Paying customers": stats["paying"],
    }
    for label, count in counts.items():
        expect(page.get_by_role("group", name=label, exact=True)).to_contain_text(f"{count:,}")
    for label in ["MRR referred", "Click to sign-up", "Sign-up to paying", "Pending", "Due", "Paid out"]:
        expect(page.get_by_role("group", name=label, exact=True)).to_be_visible()
    expect(page.get_by_role("group", name="MRR referred", exact=True)).to_contain_text("$")
    expect(page.get_by_label("Referral link", exact=True)).to_have_text(f"{origin}/r/{figures['code']}")
    terms = page.get_by_role("region", name="Your terms")
    expect(terms).to_contain_text(f"{figures['cookie_days']} days")
    expect(terms).to_contain_text(click_rule(figures))
    if figures["terms"]["commission_type"] == "percent":
        expect(terms).to_contain_text("of each payment")
    clicks_chart = page.get_by_role("img", name=re.compile(r"^Clicks per day"))
    expect(clicks_chart).to_have_attribute("aria-label", re.compile(r"in total$"))


def click_rule(figures: dict[str, Any]) -> str:
    return "Last click wins" if figures["attribution"] == "last_click" else "First click wins"


def build_and_copy_link(page: Page, figures: dict[str, Any], origin: str) -> None:
    main_nav(page).get_by_role("link", name="Links").click()
    expect(page.get_by_role("heading", name="Referral links")).to_be_visible()
    builder = page.get_by_role("form", name="Build a link")
    builder.get_by_label("Sub-id").fill("you tube")
    expect(builder.get_by_text("Use letters, digits, dots, dashes and underscores only")).to_be_visible()
    expect(page.get_by_role("button", name="Copy full link")).to_be_disabled()
    builder.get_by_label("Sub-id").fill("youtube")
    builder.get_by_label("UTM source").fill("newsletter")
    built = f"{origin}/r/{figures['code']}?sub_id=youtube&utm_source=newsletter"
    expect(page.get_by_label("Full link")).to_have_value(built)

    # Then Copy puts it on the clipboard and says so, next to the rules of the cookie and the click
    page.get_by_role("button", name="Copy full link").click()
    expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == built
    rules = page.get_by_role("region", name="How referrals are counted")
    expect(rules).to_contain_text(f"remembered for {figures['cookie_days']} days")
    expect(rules).to_contain_text(click_rule(figures))


def set_paypal_payouts(page: Page, api: Api, partner: Partner) -> None:
    main_nav(page).get_by_role("link", name="Payout settings").click()
    expect(page.get_by_role("heading", name="Payout settings", exact=True)).to_be_visible()
    form = page.get_by_role("form", name="Payout settings")
    form.get_by_role("radio", name="PayPal").check()
    form.get_by_label("PayPal email").fill("not-an-email")
    form.get_by_role("button", name="Save payout settings").click()

    # Then the API's refusal shows next to the field
    expect(form.get_by_label("PayPal email")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert").filter(has_text="The payout settings were not saved")).to_be_visible()

    # When they fix it, the current method shows it masked only
    paypal = f"payouts-{uuid.uuid4().hex[:8]}@browser.test"
    form.get_by_label("PayPal email").fill(paypal)
    form.get_by_role("button", name="Save payout settings").click()
    current = page.get_by_role("region", name="Current payout method")
    expect(current).to_contain_text(f"PayPal {masked_email(paypal)}")
    expect(page.get_by_text(paypal)).to_have_count(0)
    expect(form.get_by_label("PayPal email")).to_have_value("")
    saved = api.ok("GET", "/affiliate/payout-settings", partner.token)
    assert saved["method"] == "paypal" and saved["summary"] == f"PayPal {masked_email(paypal)}"
    page.reload()
    expect(page.get_by_role("region", name="Current payout method")).to_contain_text(masked_email(paypal))


def open_list(page: Page, label: str, heading: str) -> None:
    main_nav(page).get_by_role("link", name=label).click()
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()


def check_referrals_and_ledger(page: Page, api: Api, partner: Partner) -> None:
    """Each list as the API has it: its rows (the first page), or its empty state."""
    referrals = api.ok("GET", "/affiliate/referrals", partner.token)["items"]
    open_list(page, "Referrals", "Referrals")
    if referrals:
        table = page.get_by_role("table")
        expect(table.get_by_role("row")).to_have_count(len(referrals) + 1)
        expect(table).to_contain_text(referrals[0]["initials"])
    else:
        expect(page.get_by_role("heading", name="No referrals yet")).to_be_visible()

    entries = api.ok("GET", "/affiliate/commissions", partner.token)["items"]
    open_list(page, "Commissions", "Commissions")
    if entries:
        expect(page.get_by_role("table").get_by_role("row")).to_have_count(len(entries) + 1)
        if any(entry["kind"] == "reversal" for entry in entries):
            expect(page.get_by_role("row").filter(has_text="Reversal").first).to_contain_text("-$")
    else:
        expect(page.get_by_role("heading", name="No commissions yet")).to_be_visible()


def check_payouts_and_assets(page: Page, api: Api, partner: Partner) -> None:
    payouts = api.ok("GET", "/affiliate/payouts", partner.token)["items"]
    open_list(page, "Payouts", "Payouts")
    if payouts:
        page.get_by_role("table").get_by_role("link").first.click()
        expect(page.get_by_role("heading", name=re.compile(r"^Payout of "))).to_be_visible()
        expect(page.get_by_role("region", name="What this payout covered")).to_contain_text("Paid to you")
    else:
        expect(page.get_by_role("heading", name="No payouts yet")).to_be_visible()

    assets = api.ok("GET", "/affiliate/assets", partner.token)["items"]
    open_list(page, "Marketing assets", "Marketing assets")
    if not assets:
        expect(page.get_by_role("heading", name="No marketing assets yet")).to_be_visible()


def test_a_partner_sees_figures_builds_a_link_sets_payouts_and_reads_the_ledger(
    page: Page,
    context: BrowserContext,
    api: Api,
    stack: dict[str, Any],
    demo_logins: dict[str, str],
    web_url: str,
) -> None:
    origin = web_url.rstrip("/")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)

    # Given a partner signed in to the portal
    partner = demo_partner(api, demo_logins)
    if partner is not None:
        log_in(page, partner.email, demo_logins[partner.email])
    else:
        partner = join_as_new_partner(page, api, stack, demo_logins)
    expect(page).to_have_url(re.compile(r"/affiliate/dashboard$"))
    expect(page.get_by_role("heading", name="Partner dashboard", exact=True)).to_be_visible()
    expect(main_nav(page).get_by_role("link")).to_have_text(PORTAL_NAV)

    # When a visitor clicks their link
    before = api.ok("GET", "/affiliate/dashboard", partner.token)
    click_link(str(stack["api_url"]), before["code"])
    figures = api.ok("GET", "/affiliate/dashboard", partner.token)
    assert figures["stats"]["clicks"] == before["stats"]["clicks"] + 1

    # Then the dashboard counts it, with every figure, the balances, the link and the terms
    page.reload()
    check_dashboard(page, figures, origin)

    # And the chart's period changes to 90 days, shown per week
    page.get_by_role("group", name="Chart period").get_by_role("button", name="90 days").click()
    expect(page).to_have_url(re.compile(r"/affiliate/dashboard\?days=90$"))
    expect(page.get_by_role("heading", name="The last 90 days")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile(r"^Clicks per week"))).to_be_visible()
    expect(page.get_by_role("button", name="90 days")).to_have_attribute("aria-pressed", "true")

    # When they build a link with a sub-id and a UTM tag
    build_and_copy_link(page, figures, origin)

    # When they save PayPal payout settings with an address PayPal cannot take
    set_paypal_payouts(page, api, partner)

    # And their referrals, commissions, payouts and assets are each one click away
    check_referrals_and_ledger(page, api, partner)
    check_payouts_and_assets(page, api, partner)
