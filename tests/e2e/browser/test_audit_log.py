"""Settings > Audit log in the browser: an Admin finds a teammate's role change and a settings change
(the audit consumer writes them within seconds), filters by category and by person, exports the same
filters as CSV, and grants then withdraws Convertly support's access."""

from __future__ import annotations

import re
import time
import uuid

from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav


def open_audit_log(page: Page, account: Account) -> None:
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Settings").click()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", name="Audit log", exact=True)).to_be_visible()


def wait_for(page: Page, row: Locator, seconds: float = 60) -> None:
    """Refresh the log until `row` shows (the consumer writes entries shortly after the change)."""
    deadline = time.monotonic() + seconds
    while row.count() == 0 and time.monotonic() < deadline:
        page.get_by_role("button", name="Refresh").click()
        page.wait_for_timeout(1000)
    expect(row).to_be_visible()


def test_an_admin_finds_filters_and_exports_changes(page: Page, api: Api, account: Account) -> None:
    # Given a teammate's role changed and the contact settings saved, through the API
    name = f"Sid {uuid.uuid4().hex[:6]}"
    teammate = api.add_user(account.id_token, "Sales", name)
    api.change_role(account.id_token, teammate["user_id"], "Manager")
    api.ok("PUT", "/settings/contacts", account.id_token, json={"client_on_win": False})

    # When the Admin opens the audit log, both are listed
    open_audit_log(page, account)
    log = page.get_by_role("table")
    role_change = log.get_by_role("row").filter(has_text=f"changed the role of {name} from Sales to Manager")
    settings = log.get_by_role("row").filter(has_text="changed the contact settings")
    wait_for(page, role_change)
    wait_for(page, settings)
    expect(role_change).to_contain_text(account.name)
    expect(role_change).to_contain_text("Team")

    # Filtering by category keeps only that category's entries (and says so in the URL)
    filters = page.get_by_role("search", name="Filter the audit log")
    filters.get_by_label("Category").select_option(label="Settings and exports")
    expect(page).to_have_url(re.compile(r"category=settings"))
    expect(settings).to_be_visible()
    expect(role_change).to_have_count(0)
    filters.get_by_label("Category").select_option(label="Team")
    expect(role_change).to_be_visible()
    expect(settings).to_have_count(0)
    filters.get_by_label("Person").select_option(label=account.name)
    expect(role_change).to_be_visible()

    # The export has the same filters
    with page.expect_download() as download:
        filters.get_by_role("button", name="Export CSV").click()
    assert re.fullmatch(
        r"audit-log-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv", download.value.suggested_filename
    )
    path = download.value.path()
    assert path is not None
    text = path.read_text(encoding="utf-8-sig")
    assert text.startswith("time (UTC),who,category,event,what,record")
    assert f"changed the role of {name} from Sales to Manager" in text
    assert "changed the contact settings" not in text


def test_an_admin_grants_and_withdraws_support_access(page: Page, api: Api, account: Account) -> None:
    open_audit_log(page, account)
    card = page.get_by_role("region", name="Convertly support access")
    expect(card).to_contain_text("can only look")
    card.get_by_role("button", name="Allow changes for 24 hours").click()
    expect(
        page.get_by_role("status").filter(has_text="Convertly support may change things for 24 hours")
    ).to_be_visible()
    expect(card).to_contain_text("may change things while viewing your account until")
    assert api.ok("GET", "/settings/support-access", account.id_token)["until"]

    card.get_by_role("button", name="Withdraw access").click()
    expect(card).to_contain_text("can only look")
    assert api.ok("GET", "/settings/support-access", account.id_token)["until"] is None
    # The grant is in the log too
    wait_for(
        page,
        page.get_by_role("table")
        .get_by_role("row")
        .filter(has_text="granted Convertly support access for 24 hours"),
    )
