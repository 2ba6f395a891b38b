"""Sign-up, login by role, the no-access page, password reset, session refresh, logout."""

from __future__ import annotations

import json
import re
import time
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser.api import PASSWORD, Account, Api
from tests.e2e.browser.conftest import log_in, main_nav

# Seeded demo user -> (home path, the navigation it sees, the heading of its home page).
CRM_NAV = [
    "Dashboard",
    "Pipeline",
    "Leads",
    "Contacts",
    "Companies",
    "Follow-ups",
    "Tasks",
    "Forms",
    "Reports",
    "Ask AI",  # every CRM role asks the pipeline (locked with the upgrade link on Starter)
]
# Who works the calls and texts workflows hand out (not Staff) has the manual actions queue.
WORKING_NAV = [*CRM_NAV[:7], "Manual actions", *CRM_NAV[7:]]
ADMIN_NAV = [*WORKING_NAV, "Conversions", "Settings", "Billing"]
MANAGER_NAV = [*WORKING_NAV, "Conversions", "Settings", "Billing"]
# Every CRM role has Settings > Notifications (its own notification preferences).
SALES_NAV = [*WORKING_NAV, "Settings"]
STAFF_NAV = [*CRM_NAV, "Settings"]
PARTNER_NAV = [
    "Partner dashboard",
    "Links",
    "Referrals",
    "Commissions",
    "Payouts",
    "Payout settings",
    "Marketing assets",
]
DEMO_ROLES = {
    "admin@summitroofing.test": ("/dashboard", ADMIN_NAV, "Dashboard"),
    "manager@summitroofing.test": ("/dashboard", MANAGER_NAV, "Dashboard"),
    "sales@summitroofing.test": ("/dashboard", SALES_NAV, "Dashboard"),
    "staff@summitroofing.test": ("/dashboard", STAFF_NAV, "Dashboard"),
    "admin@harborplumbing.test": ("/dashboard", ADMIN_NAV, "Dashboard"),
    "affiliate@summitroofing.test": ("/affiliate/dashboard", PARTNER_NAV, "Partner dashboard"),
    "developer@convertly.test": ("/platform", ["Platform console"], "Platform console"),
    "devadmin@convertly.test": ("/platform", ["Platform console"], "Platform console"),
    "devstaff@convertly.test": ("/platform", ["Platform console"], "Platform console"),
}


def test_sign_up_creates_a_tenant_and_opens_its_dashboard(page: Page) -> None:
    # Given a visitor on the sign-up page
    suffix = uuid.uuid4().hex[:8]
    page.goto("/signup")
    # When they create an account
    page.get_by_label("Company name").fill(f"Lakeside Windows {suffix}")
    page.get_by_label("Your name").fill("Dana Lake")
    page.get_by_label("Work email").fill(f"dana-{suffix}@browser.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    # Then they are its Admin, on an empty dashboard with the CRM navigation
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_text(f"Lakeside Windows {suffix}").first).to_be_visible()
    expect(page.get_by_label("Signed in as")).to_contain_text("Admin")
    expect(page.get_by_text("Leads in the pipeline")).to_be_visible()
    expect(main_nav(page).get_by_role("link")).to_have_text(ADMIN_NAV)


def test_sign_up_shows_the_api_message_for_a_taken_email(page: Page, account: Account) -> None:
    page.goto("/signup")
    page.get_by_label("Company name").fill("Copycat Co")
    page.get_by_label("Your name").fill("Copy Cat")
    page.get_by_label("Work email").fill(account.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_contain_text("An account with this email already exists")
    expect(page).to_have_url(re.compile(r"/signup$"))


@pytest.mark.parametrize("email", list(DEMO_ROLES))
def test_each_demo_role_lands_on_its_portal_with_its_navigation(
    page: Page, demo_logins: dict[str, str], email: str
) -> None:
    home, navigation, heading = DEMO_ROLES[email]
    # Given a seeded user; when they log in
    log_in(page, email, demo_logins[email])
    # Then they land on their portal and see only the navigation their role can use
    expect(page).to_have_url(re.compile(f"{re.escape(home)}$"))
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(main_nav(page).get_by_role("link")).to_have_text(navigation)


@pytest.mark.parametrize(
    ("email", "new_lead", "deleted_leads", "owner_filter"),
    [
        ("manager@summitroofing.test", True, True, True),
        ("sales@summitroofing.test", True, False, False),
        ("staff@summitroofing.test", False, False, True),
    ],
)
def test_lead_actions_follow_the_role(
    page: Page,
    demo_logins: dict[str, str],
    email: str,
    new_lead: bool,
    deleted_leads: bool,
    owner_filter: bool,
) -> None:
    log_in(page, email, demo_logins[email])
    main_nav(page).get_by_role("link", name="Leads").click()
    expect(page.get_by_role("table")).to_be_visible()
    expect(page.get_by_role("link", name="New lead")).to_have_count(1 if new_lead else 0)
    expect(page.get_by_role("link", name="Deleted leads")).to_have_count(1 if deleted_leads else 0)
    expect(page.get_by_label("Owner")).to_have_count(1 if owner_filter else 0)


@pytest.mark.parametrize(
    ("email", "path"),
    [
        ("affiliate@summitroofing.test", "/leads"),
        ("developer@convertly.test", "/dashboard"),
        ("sales@summitroofing.test", "/leads/deleted"),
        ("staff@summitroofing.test", "/leads/new"),
        ("admin@summitroofing.test", "/platform"),
    ],
)
def test_a_forbidden_url_shows_the_no_access_page(
    page: Page, demo_logins: dict[str, str], email: str, path: str
) -> None:
    log_in(page, email, demo_logins[email])
    page.goto(path)
    expect(page.get_by_role("heading", name="No access")).to_be_visible()
    expect(page.get_by_text("cannot open this page")).to_be_visible()
    page.get_by_role("link", name="Go to your home page").click()
    expect(page.get_by_role("heading", name="No access")).to_have_count(0)


def test_a_page_asked_for_before_login_opens_after_it(page: Page, account: Account) -> None:
    page.goto("/leads/new")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("Email").fill(account.email)
    page.get_by_label("Password").fill(account.password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/leads/new$"))
    expect(page.get_by_role("heading", name="New lead")).to_be_visible()


def test_a_wrong_password_is_refused_with_the_api_message(page: Page, account: Account) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(account.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong email or password")
    expect(page).to_have_url(re.compile(r"/login$"))


def test_password_reset_then_log_in_with_the_new_password(page: Page, account: Account) -> None:
    # Given a user who forgot their password
    page.goto("/login")
    page.get_by_label("Email").fill(account.email)
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value(account.email)
    # When they ask for a code, then set a new password with it (locally any code works)
    page.get_by_role("button", name="Send reset code").click()
    expect(page.get_by_role("heading", name="Set a new password")).to_be_visible()
    page.get_by_label("Reset code").fill("424242")
    page.get_by_label("New password", exact=True).fill("Fresh-Password-9")
    page.get_by_role("button", name="Set new password").click()
    # Then the login page says so, the old password fails and the new one works
    expect(page.get_by_text("Password changed: log in with the new one")).to_be_visible()
    page.get_by_label("Password").fill(account.password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong email or password")
    page.get_by_label("Password").fill("Fresh-Password-9")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))


def test_a_too_weak_new_password_shows_next_to_its_input(page: Page, account: Account) -> None:
    page.goto(f"/reset-password?email={account.email}")
    page.get_by_label("Reset code").fill("424242")
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_label("New password", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text(re.compile("at least 10 characters", re.I)).first).to_be_visible()


def test_an_expired_session_is_refreshed_without_logging_in_again(
    page: Page, api: Api, account: Account
) -> None:
    # Given a stored session whose ID token is no longer accepted but whose refresh token is good
    page.goto("/login")
    stale = {
        "idToken": "expired",
        "accessToken": "x",
        "refreshToken": account.refresh_token,
        "expiresAt": int(time.time() * 1000) + 3_600_000,
    }
    page.evaluate("s => localStorage.setItem('convertly.session', s)", json.dumps(stale))
    # When the app opens a signed-in page
    page.goto("/dashboard")
    # Then it refreshes the tokens and carries on
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    stored = json.loads(page.evaluate("() => localStorage.getItem('convertly.session')"))
    assert stored["idToken"] != "expired"
    assert api.call("GET", "/me", stored["idToken"]).status_code == 200


def test_log_out_returns_to_login_and_guards_the_pages(page: Page, account: Account) -> None:
    log_in(page, account.email, account.password)
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_text("You have logged out.")).to_be_visible()
    assert page.evaluate("() => localStorage.getItem('convertly.session')") is None
    page.goto("/leads")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fleads$"))
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
