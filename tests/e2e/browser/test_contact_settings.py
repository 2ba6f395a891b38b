"""Settings > Contacts in the browser: an Admin turns off "a won lead makes its contact a Client" (leaving
before saving asks first) and it stays off; a Sales user reads the setting without a way to change it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.browser.api import PASSWORD, Account, Api
from tests.e2e.browser.conftest import log_in, main_nav

SWITCH = "Make a contact a Client when one of its leads is won"


def open_contact_settings(page: Page, email: str, password: str) -> None:
    log_in(page, email, password)
    main_nav(page).get_by_role("link", name="Settings").click()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Contacts", exact=True).click()


def test_an_admin_turns_off_clients_on_win_and_it_stays_off(page: Page, api: Api, account: Account) -> None:
    # Given the setting as a new account has it: on
    open_contact_settings(page, account.email, account.password)
    switch = page.get_by_role("switch", name=SWITCH)
    expect(switch).to_be_checked()
    # When the Admin turns it off, another Settings tab asks before leaving it unsaved: Stay keeps it off
    switch.uncheck()
    tabs = page.get_by_role("navigation", name="Settings")
    tabs.get_by_role("link", name="Pipelines").click()
    leave = page.get_by_role("dialog", name="Leave without saving?")
    expect(leave).to_contain_text("Your changes are not saved")
    leave.get_by_role("button", name="Stay").click()
    expect(leave).to_have_count(0)
    expect(switch).not_to_be_checked()
    # And saves it
    page.get_by_role("button", name="Save contact settings").click()
    expect(page.get_by_text("Contact settings saved")).to_be_visible()
    # Then the tab opens without asking
    tabs.get_by_role("link", name="Pipelines").click()
    expect(page).to_have_url(re.compile(r"/settings/pipelines$"))
    expect(leave).to_have_count(0)
    # And it is off after a reload, and the API says so
    page.go_back()
    page.reload()
    expect(page.get_by_role("switch", name=SWITCH)).not_to_be_checked()
    assert api.ok("GET", "/settings/contacts", account.id_token)["client_on_win"] is False


def test_a_sales_user_reads_the_setting_without_changing_it(page: Page, api: Api, account: Account) -> None:
    sales = api.add_user(account.id_token, "Sales", "Sam Sales")
    open_contact_settings(page, sales["email"], PASSWORD)
    expect(page.get_by_role("switch", name=SWITCH)).to_be_disabled()
    expect(page.get_by_role("button", name="Save contact settings")).to_have_count(0)
