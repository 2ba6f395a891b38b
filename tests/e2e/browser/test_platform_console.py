"""The platform console in the browser: a Developer finds a fresh tenant, suspends it (its writes are
423 and its hosted form is closed) and reactivates it; Developer Staff reads the same page without
the actions; a Developer Admin views the app as the tenant's Admin (the banner, a refused write),
exits back to the tenant's page and finds the view in the platform's audit log; a view ended elsewhere
brings the Developer Admin back to their own session."""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav

DEVELOPER = "developer@convertly.test"
DEVELOPER_ADMIN = "devadmin@convertly.test"
DEVELOPER_STAFF = "devstaff@convertly.test"
ACTIONS = ["Suspend", "Reactivate", "Extend trial", "View as Admin"]


def open_tenant(page: Page, company: str) -> None:
    """From the console's tenants list, the tenant found by name."""
    expect(page).to_have_url(re.compile(r"/platform$"))
    expect(page.get_by_role("heading", name="Platform console", exact=True)).to_be_visible()
    search = page.get_by_role("search", name="Find tenants")
    search.get_by_label("Tenant name").fill(company)
    search.get_by_role("button", name="Search").click()
    page.get_by_role("table").get_by_role("link", name=company).click()
    expect(page.get_by_role("heading", name=company, exact=True)).to_be_visible()


def test_a_developer_suspends_a_tenant_and_reactivates_it(
    page: Page, api: Api, account: Account, demo_logins: dict[str, str], stack: dict[str, Any]
) -> None:
    # Given a fresh tenant with a published form
    form = api.publish_form(account.id_token, name="Quote request")
    log_in(page, DEVELOPER, demo_logins[DEVELOPER])
    expect(main_nav(page).get_by_role("link", name="Platform console")).to_be_visible()
    open_tenant(page, account.company)
    expect(page.get_by_role("region", name="Team")).to_contain_text(account.email)
    expect(page.get_by_role("region", name="Billing")).to_contain_text("Trial")

    # When the Developer suspends it (a reason is required; the dialog says what suspension does)
    page.get_by_role("button", name="Suspend", exact=True).click()
    dialog = page.get_by_role("dialog", name=f"Suspend {account.company}")
    expect(dialog).to_contain_text("can still sign in and read")
    expect(dialog).to_contain_text("not accepting submissions")
    dialog.get_by_role("button", name="Suspend tenant").click()
    expect(dialog.get_by_text("Say why")).to_be_visible()
    dialog.get_by_label("Reason").fill("Chargeback under review")
    dialog.get_by_role("button", name="Suspend tenant").click()

    # Then the page says so, its writes are refused and its form is closed
    expect(page.get_by_role("status").filter(has_text=f"{account.company} is suspended")).to_be_visible()
    notice = page.get_by_role("alert").filter(has_text="Suspended since")
    expect(notice).to_contain_text("Chargeback under review")
    expect(page.get_by_role("button", name="Suspend", exact=True)).to_have_count(0)
    assert api.call("GET", "/leads", account.id_token).status_code == 200
    refused = api.call("POST", "/leads", account.id_token, json={"first_name": "Blocked"})
    assert refused.status_code == 423, refused.text
    hosted = page.context.new_page()
    answer = hosted.goto(f"{str(stack['api_url']).rstrip('/')}/f/{form['form_id']}")
    assert answer is not None and answer.status == 423
    expect(hosted.get_by_text("This form is not accepting submissions")).to_be_visible()
    hosted.close()

    # When the Developer reactivates it, writes are accepted again
    page.get_by_role("button", name="Reactivate", exact=True).click()
    page.get_by_role("dialog", name=f"Reactivate {account.company}").get_by_role(
        "button", name="Reactivate tenant"
    ).click()
    expect(page.get_by_role("status").filter(has_text=f"{account.company} is active again")).to_be_visible()
    expect(notice).to_have_count(0)
    expect(page.get_by_role("button", name="Suspend", exact=True)).to_be_visible()
    accepted = api.call("POST", "/leads", account.id_token, json={"first_name": "Welcome back"})
    assert accepted.status_code == 201, accepted.text


def test_developer_staff_reads_a_tenant_without_the_actions(
    page: Page, api: Api, account: Account, demo_logins: dict[str, str]
) -> None:
    log_in(page, DEVELOPER_STAFF, demo_logins[DEVELOPER_STAFF])
    open_tenant(page, account.company)
    expect(page.get_by_role("region", name="Usage")).to_contain_text("New leads this month")
    expect(page.get_by_role("region", name="Event queues")).to_be_visible()
    for action in ACTIONS:
        expect(page.get_by_role("button", name=action, exact=True)).to_have_count(0)
    page.get_by_role("navigation", name="Platform console").get_by_role("link", name="Platform users").click()
    expect(page.get_by_role("heading", name="Platform users")).to_be_visible()
    expect(page.get_by_role("table").get_by_text(DEVELOPER_ADMIN)).to_be_visible()
    expect(page.get_by_role("button", name="Invite a platform user")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Deactivate"))).to_have_count(0)


def test_a_developer_admin_views_as_the_tenants_admin_read_only(
    page: Page, api: Api, account: Account, demo_logins: dict[str, str]
) -> None:
    # Given a tenant with a second Admin whose name sorts first (whom support views as by default)
    name = f"Ada {uuid.uuid4().hex[:6]}"
    api.add_user(account.id_token, "Admin", name)
    tenant_id = api.tenant_id(account.id_token)
    log_in(page, DEVELOPER_ADMIN, demo_logins[DEVELOPER_ADMIN])
    open_tenant(page, account.company)

    # When the Developer Admin views as the Admin
    page.get_by_role("button", name="View as Admin").click()
    dialog = page.get_by_role("dialog", name=f"View {account.company} as its Admin")
    expect(dialog).to_contain_text("read-only")
    dialog.get_by_role("button", name=f"View as {name}").click()

    # Then the app is the tenant's, under a banner naming whom, read-only
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    banner = page.get_by_role("region", name="Viewing as someone")
    expect(banner).to_contain_text(f"Viewing as {name} (Admin)")
    expect(banner).to_contain_text("read-only")
    expect(page.get_by_text(account.company).first).to_be_visible()

    # And a change is refused, readably
    main_nav(page).get_by_role("link", name="Leads").click()
    page.get_by_role("link", name="New lead").first.click()
    page.get_by_label("First name").fill("Support")
    page.get_by_label("Last name").fill("Attempt")
    page.get_by_role("button", name="Create lead").click()
    expect(page.get_by_role("alert").filter(has_text=f"Viewing as {name} is read-only")).to_be_visible()
    expect(banner).to_be_visible()

    # When they exit, they are back on the tenant's page as themselves
    banner.get_by_role("button", name="Exit view").click()
    expect(page).to_have_url(re.compile(rf"/platform/tenants/{tenant_id}$"))
    expect(page.get_by_role("heading", name=account.company, exact=True)).to_be_visible()
    expect(page.get_by_role("region", name="Viewing as someone")).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text=f"You stopped viewing as {name}")).to_be_visible()
    expect(page.get_by_role("button", name="View as Admin")).to_be_visible()

    # And the platform's audit log has the view (the audit consumer writes it within seconds)
    page.get_by_role("navigation", name="Platform console").get_by_role(
        "link", name="Platform audit log"
    ).click()
    expect(page.get_by_role("heading", name="Platform audit log")).to_be_visible()
    page.get_by_label("Category").select_option("access")
    started = page.get_by_role("cell", name=re.compile(f"started viewing as {name}$"))
    deadline = time.monotonic() + 60
    while started.count() == 0 and time.monotonic() < deadline:
        page.get_by_role("button", name="Refresh").click()
        page.wait_for_timeout(1000)
    expect(started).to_be_visible()


def test_a_view_ended_elsewhere_brings_the_developer_admin_back(
    page: Page, api: Api, account: Account, demo_logins: dict[str, str]
) -> None:
    tenant_id = api.tenant_id(account.id_token)
    log_in(page, DEVELOPER_ADMIN, demo_logins[DEVELOPER_ADMIN])
    page.goto(f"/platform/tenants/{tenant_id}")
    page.get_by_role("button", name="View as Admin").click()
    dialog = page.get_by_role("dialog", name=f"View {account.company} as its Admin")
    dialog.get_by_role("button", name=f"View as {account.name}").click()
    banner = page.get_by_role("region", name="Viewing as someone")
    expect(banner).to_contain_text(f"Viewing as {account.name}")

    # When the view ends outside this page (its token answers 401 impersonation_ended from then on)
    token = page.evaluate("JSON.parse(localStorage.getItem('convertly.session')).idToken")
    assert api.call("POST", "/impersonation/end", token).status_code == 200
    page.reload()

    # Then the app goes back to the Developer Admin's own session, where the view started
    expect(page).to_have_url(re.compile(rf"/platform/tenants/{tenant_id}$"))
    expect(page.get_by_role("status").filter(has_text=f"Viewing as {account.name} has ended")).to_be_visible()
    expect(banner).to_have_count(0)
    expect(page.get_by_role("heading", name=account.company, exact=True)).to_be_visible()
