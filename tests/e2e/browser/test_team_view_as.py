"""Settings > Team's "View as": an Admin views the app as a Sales teammate (after a short confirmation),
sees only that person's leads under the banner, has a change refused as read-only (even with Convertly
support's access granted, which is only for Convertly's Developer Admins), exits back to Settings > Team
as themselves, and the tenant's audit log has the view's start and end. The Team page's line on
support access leads to its card on the Audit log page."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.waiting import read_until

AUDIT_WAIT_SECONDS = 60.0


def open_team(page: Page) -> None:
    main_nav(page).get_by_role("link", name="Settings").click()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Team").click()
    expect(page).to_have_url(re.compile(r"/settings/team$"))
    expect(page.get_by_role("table")).to_be_visible()


def member_row(page: Page, name: str) -> Locator:
    return page.get_by_role("table").get_by_role("row").filter(has_text=name)


def open_leads(page: Page) -> Locator:
    """The Leads page from the main menu; its rows (not the header)."""
    main_nav(page).get_by_role("link", name="Leads").click()
    expect(page.get_by_role("heading", name="Leads", exact=True)).to_be_visible()
    return page.get_by_role("table").get_by_role("row").filter(has=page.get_by_role("cell"))


def wait_for_audit(api: Api, token: str, wanted: list[str]) -> list[str]:
    """The access entries once all of `wanted` are there (the audit consumer runs asynchronously)."""

    def has_all(summaries: list[str]) -> bool:
        return all(summary in summaries for summary in wanted)

    summaries = read_until(
        lambda: api.audit_summaries(token, category="access"), has_all, timeout=AUDIT_WAIT_SECONDS
    )
    assert has_all(summaries), f"the audit log never had {wanted}: {summaries}"
    return summaries


def test_an_admin_views_the_app_as_a_sales_teammate_read_only(page: Page, api: Api, account: Account) -> None:
    suffix = uuid.uuid4().hex[:6]
    name = f"Sam Seller {suffix}"
    seller = api.add_user(account.id_token, "Sales", name)
    owned = f"Owned Lead{suffix}"
    unowned = f"Unowned Lead{suffix}"
    api.create_lead(
        account.id_token, first_name="Owned", last_name=f"Lead{suffix}", owner_id=seller["user_id"]
    )
    api.create_lead(account.id_token, first_name="Unowned", last_name=f"Lead{suffix}")  # no owner
    # Support access is Convertly's Developer Admins' only: the Admin's view stays read-only with it
    assert api.grant_support_access(account.id_token, 2) is not None

    # Given the Admin on Settings > Team
    log_in(page, account.email, account.password)
    open_team(page)
    expect(page.get_by_text(re.compile(r"^Convertly support access: granted until "))).to_be_visible()
    # "View as" is on active teammates' rows, never on one's own
    expect(member_row(page, account.name).get_by_role("button", name=re.compile("^View as"))).to_have_count(0)

    # When they choose "View as" on the Sales teammate's row, a short confirmation says what it is
    member_row(page, name).get_by_role("button", name=f"View as {name}").click()
    dialog = page.get_by_role("dialog", name=f"View the app as {name}?")
    expect(dialog).to_contain_text("exactly as")
    expect(dialog).to_contain_text("read-only")
    expect(dialog).to_contain_text("30 minutes")
    expect(dialog).to_contain_text("audit log")
    dialog.get_by_role("button", name="Start viewing").click()

    # Then the app is the teammate's, under the banner
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    banner = page.get_by_role("region", name="Viewing as someone")
    expect(banner).to_contain_text(f"Viewing as {name} (Sales)")
    expect(banner).to_contain_text("read-only")
    expect(banner).to_contain_text(f"by {account.name} (Admin)")

    # And the leads are only theirs
    rows = open_leads(page)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(owned)
    expect(page.get_by_role("table")).not_to_contain_text(unowned)

    # And a change is refused as read-only, naming whom
    page.get_by_role("link", name=owned).click()
    expect(page.get_by_role("heading", name=owned)).to_be_visible()
    page.get_by_label("New note").fill("Written while viewing")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_role("alert").filter(has_text=f"Viewing as {name} is read-only")).to_be_visible()
    expect(page.get_by_text("No notes yet.")).to_be_visible()  # nothing was saved
    expect(banner).to_be_visible()

    # When they exit, they are back on Settings > Team as themselves
    banner.get_by_role("button", name="Exit view").click()
    expect(page).to_have_url(re.compile(r"/settings/team$"))
    expect(page.get_by_role("region", name="Viewing as someone")).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text=f"You stopped viewing as {name}")).to_be_visible()
    expect(page.get_by_label("Signed in as")).to_contain_text("Admin")
    expect(member_row(page, name).get_by_role("button", name=f"View as {name}")).to_be_visible()

    # And the Admin's own view of the leads is back: theirs and the teammate's
    rows = open_leads(page)
    expect(rows).to_have_count(2)
    expect(page.get_by_role("table")).to_contain_text(unowned)
    expect(page.get_by_role("table")).to_contain_text(owned)

    # And the tenant's audit log has the view's start and end
    wait_for_audit(
        api,
        account.id_token,
        [f"{account.name} started viewing as {name}", f"{account.name} stopped viewing as {name}"],
    )

    # The Team page's support access line leads to its card on the Audit log page
    open_team(page)
    page.get_by_role("link", name="Manage Convertly support access").click()
    expect(page).to_have_url(re.compile(r"/settings/audit-log$"))
    card = page.get_by_role("region", name="Convertly support access")
    expect(card).to_contain_text("may change things while viewing your account until")


def test_the_team_page_says_support_access_is_not_granted(page: Page, account: Account) -> None:
    log_in(page, account.email, account.password)
    open_team(page)
    expect(page.get_by_text("Convertly support access: not granted")).to_be_visible()
    expect(page.get_by_role("link", name="Manage Convertly support access")).to_have_attribute(
        "href", "/settings/audit-log"
    )
