"""Smart lists and merging duplicates on the Contacts pages: a list saved from the filter builder shows
its members once built, with the columns its user chose, after a reload too; two contacts sharing an
email show as possible duplicates and merge into one.

Every test works in its own freshly signed-up tenant, with data it creates through the API or the UI.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav

BUILD_TIMEOUT_MS = 30_000


def rows(scope: Page | Locator) -> Locator:
    page = scope if isinstance(scope, Page) else scope.page
    return scope.get_by_role("table").get_by_role("row").filter(has=page.get_by_role("cell"))


def headers(page: Page) -> Locator:
    """The list's chosen columns (the first header holds the checkbox that selects the page)."""
    return page.get_by_role("table").get_by_role("columnheader").filter(has_not=page.get_by_role("checkbox"))


def test_a_smart_list_shows_its_members_with_my_columns_after_a_reload(
    page: Page, api: Api, account: Account
) -> None:
    # Given two contacts tagged vip and one not
    token = account.id_token
    api.create_contact(token, first_name="Victor", last_name="Vane", tags=["vip", "gold"], role="Client")
    api.create_contact(token, first_name="Vera", last_name="Vance", email="vera@vip.example", tags=["vip"])
    api.create_contact(token, first_name="Norm", last_name="Plain")
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Contacts").click()
    expect(rows(page)).to_have_count(3)

    # When a list of the vip tag, in name order, is saved from the filter builder
    page.get_by_role("button", name="Save as smart list").click()
    builder = page.get_by_role("dialog", name="Save as smart list")
    builder.get_by_label("Name", exact=True).fill("VIP people")
    builder.get_by_label("Order").select_option(label="Name, A to Z")
    builder.get_by_role("group", name="Tags").get_by_label("vip", exact=True).check()
    builder.get_by_role("button", name="Save list").click()

    # Then the page shows the list, and its two members in its order once it is built
    expect(page.get_by_text("VIP people was saved")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/contacts\?list="))
    list_id = parse_qs(urlsplit(page.url).query)["list"][0]
    expect(page.get_by_role("heading", name="VIP people")).to_be_visible()
    expect(page.get_by_role("list", name="Conditions")).to_contain_text("Tagged vip")
    # The list is built in the background: a second or two, longer on a busy machine.
    expect(page.get_by_text("Building the list…")).to_have_count(0, timeout=BUILD_TIMEOUT_MS)
    expect(rows(page)).to_have_count(2)
    expect(rows(page).nth(0)).to_contain_text("Vera Vance")
    expect(rows(page).nth(1)).to_contain_text("Victor Vane")
    expect(page.get_by_label("List", exact=True)).to_have_value(list_id)
    expect(page.get_by_label("List", exact=True).locator("option:checked")).to_have_text("VIP people (2)")

    # When I choose my columns: name, tags, role and leads, in that order
    page.get_by_role("button", name="Columns").click()
    chooser = page.get_by_role("dialog", name="Columns")
    for column in ("Email", "Phone", "Company", "Owner", "Created"):
        chooser.get_by_label(column, exact=True).uncheck()
    chooser.get_by_label("Leads", exact=True).check()
    chooser.get_by_role("button", name="Move Tags earlier").click()
    chooser.get_by_role("button", name="Save columns").click()

    # Then the table shows exactly those columns
    expect(page.get_by_text("Columns saved")).to_be_visible()
    expect(headers(page)).to_have_text(["Name", "Tags", "Role", "Leads"])
    expect(rows(page).nth(1).get_by_role("list", name="Tags")).to_contain_text("gold")

    # When the page is reloaded, it shows the same list with the same columns
    page.reload()
    expect(page.get_by_role("heading", name="VIP people")).to_be_visible()
    expect(page.get_by_label("List", exact=True)).to_have_value(list_id)
    expect(headers(page)).to_have_text(["Name", "Tags", "Role", "Leads"])
    expect(rows(page)).to_have_count(2)

    # And All contacts is the whole list again, with the usual columns
    page.get_by_label("List", exact=True).select_option(label="All contacts")
    expect(rows(page)).to_have_count(3)
    expect(headers(page).first).to_have_text("Name")
    expect(headers(page)).to_have_count(8)


def test_two_contacts_sharing_an_email_merge_into_one(page: Page, api: Api, account: Account) -> None:
    # Given two contacts with the same email, each with a lead
    token = account.id_token
    older = api.create_contact(token, first_name="Ada", last_name="Lovelace", email="ada@engines.example")
    newer = api.create_contact(
        token, first_name="Adaline", last_name="Lovelace", email="ada@engines.example", tags=["event"]
    )
    api.create_lead(token, contact_id=older["contact_id"], value=1200)
    api.create_lead(token, contact_id=newer["contact_id"], value=800)

    # Then they show under Possible duplicates, side by side
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Contacts").click()
    page.get_by_role("link", name="Possible duplicates").click()
    expect(page.get_by_role("heading", name="Possible duplicates")).to_be_visible()
    pair = page.get_by_role("article", name="Ada Lovelace and Adaline Lovelace")
    expect(pair).to_contain_text("Same email")
    expect(pair.get_by_role("region", name="Ada Lovelace")).to_contain_text("ada@engines.example")
    expect(pair.get_by_role("region", name="Adaline Lovelace")).to_contain_text("ada@engines.example")

    # When they are merged keeping the duplicate's first name
    pair.get_by_role("link", name=re.compile(r"^Merge")).click()
    expect(page.get_by_role("heading", name="Merge contacts")).to_be_visible()
    first_name = page.get_by_role("radiogroup", name="First name")
    expect(first_name.get_by_role("radio", name="Ada", exact=True)).to_be_checked()
    first_name.get_by_role("radio", name="Adaline", exact=True).check()
    expect(page.get_by_role("region", name="Kept from both")).to_contain_text("event")
    page.get_by_role("button", name="Merge", exact=True).click()
    confirm = page.get_by_role("dialog", name="Merge these contacts?")
    expect(confirm).to_contain_text("Adaline Lovelace will be deleted")
    confirm.get_by_role("button", name="Merge", exact=True).click()

    # Then the survivor's page shows the merged name and both leads
    expect(page).to_have_url(re.compile(f"/contacts/{older['contact_id']}$"))
    expect(page.get_by_text("Contacts merged into Adaline Lovelace")).to_be_visible()
    expect(page.get_by_role("heading", name="Adaline Lovelace")).to_be_visible()
    page.get_by_role("tab", name="Leads (2)").click()
    expect(rows(page.get_by_role("tabpanel"))).to_have_count(2)

    # And the pair is gone from Possible duplicates
    page.goto("/contacts/duplicates")
    expect(page.get_by_role("heading", name="No possible duplicates")).to_be_visible()

    # And the duplicate's page says it was merged, and into which contact
    page.goto(f"/contacts/{newer['contact_id']}")
    page.get_by_role("tab", name="Activity").click()
    merged = page.get_by_role("tabpanel").get_by_text(re.compile(r"Merged into"))
    expect(merged).to_be_visible()
    expect(merged.get_by_role("link", name="Adaline Lovelace")).to_have_attribute(
        "href", f"/contacts/{older['contact_id']}"
    )
