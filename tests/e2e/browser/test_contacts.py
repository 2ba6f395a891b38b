"""The contact and company pages: a company and a contact in it, a lead's contact and a second lead
for it, search from 3 characters, delete/restore.

Every test works in its own freshly signed-up tenant, with data it creates through the API or the UI.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Locator, Page, Request, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav


def rows(scope: Page | Locator) -> Locator:
    page = scope if isinstance(scope, Page) else scope.page
    return scope.get_by_role("table").get_by_role("row").filter(has=page.get_by_role("cell"))


def open_contacts(page: Page, account: Account) -> None:
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Contacts").click()
    expect(page.get_by_role("heading", name="Contacts", exact=True)).to_be_visible()


def test_a_contact_added_to_a_new_company_shows_on_both_pages(page: Page, account: Account) -> None:
    # Given a company added from the Companies page
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Companies").click()
    expect(page.get_by_role("heading", name="No companies yet")).to_be_visible()
    page.get_by_role("link", name="New company").click()
    page.get_by_label("Name", exact=True).fill("Acme Roofing")
    page.get_by_label("Domain", exact=True).fill("acme-roofing.example")
    page.get_by_role("button", name="Add company").click()
    expect(page.get_by_role("heading", name="Acme Roofing")).to_be_visible()
    expect(page.get_by_role("region", name="Contacts")).to_contain_text("No contacts yet")

    # When a contact is added with that company (picked by searching it) and a tag
    main_nav(page).get_by_role("link", name="Contacts").click()
    page.get_by_role("link", name="New contact").click()
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_label("Email", exact=True).fill("ada@acme-roofing.example")
    page.get_by_label("Company", exact=True).fill("acm")
    page.get_by_role("list", name="Matching companies").get_by_role("button", name="Acme Roofing").click()
    expect(page.get_by_role("group", name="Company")).to_contain_text("Acme Roofing")
    page.get_by_label("Role").select_option(label="Prospect")
    page.get_by_label("Tags", exact=True).fill("vip")
    page.get_by_role("button", name="Add contact").click()

    # Then its page shows the person, the role and the tag
    expect(page.get_by_role("heading", name="Ada Lovelace")).to_be_visible()
    expect(page.get_by_text("Ada Lovelace was added")).to_be_visible()
    panel = page.get_by_role("tabpanel")
    expect(panel).to_contain_text("ada@acme-roofing.example")
    expect(panel.get_by_role("list", name="Tags")).to_have_text("vip")
    expect(panel).to_contain_text("Prospect")

    # And the General tab links to the company
    page.get_by_role("tab", name="General").click()
    expect(page).to_have_url(re.compile(r"tab=general"))
    company_link = page.get_by_role("tabpanel", name="General").get_by_role("link", name="Acme Roofing")
    expect(company_link).to_be_visible()

    # And the company's page lists the contact
    company_link.click()
    expect(page.get_by_role("heading", name="Acme Roofing")).to_be_visible()
    contacts = page.get_by_role("list", name="Contacts of this company")
    expect(contacts.get_by_role("link", name="Ada Lovelace")).to_be_visible()
    expect(page.get_by_role("region", name="Details")).to_contain_text("1")

    # When she is made its primary contact, the list says so
    page.get_by_label("Pick from its contacts").select_option(label="Ada Lovelace")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Primary contact saved")).to_be_visible()
    ada = contacts.get_by_role("listitem").filter(has_text="Ada Lovelace")
    expect(ada).to_contain_text("Primary contact")


def test_a_lead_links_to_its_contact_and_a_second_lead_joins_it(
    page: Page, api: Api, account: Account
) -> None:
    # Given a lead typed in with a company name (it makes the contact and the company)
    lead = api.create_lead(
        account.id_token,
        first_name="Grace",
        last_name="Hopper",
        email="grace@navy-labs.example",
        company="Navy Labs",
    )
    log_in(page, account.email, account.password)
    page.goto(f"/leads/{lead['lead_id']}")

    # Then its contact card links to the contact and the company
    card = page.get_by_role("region", name="Contact")
    expect(card.get_by_role("link", name="Grace Hopper")).to_have_attribute(
        "href", f"/contacts/{lead['contact_id']}"
    )
    expect(card.get_by_role("link", name="Navy Labs")).to_have_attribute(
        "href", f"/companies/{lead['company_id']}"
    )
    expect(card).to_contain_text("grace@navy-labs.example")
    expect(card).to_contain_text("Lead")

    # When the contact is opened, its Leads tab lists the lead
    card.get_by_role("link", name="Grace Hopper").click()
    expect(page.get_by_role("heading", name="Grace Hopper")).to_be_visible()
    page.get_by_role("tab", name="Leads").click()
    expect(rows(page.get_by_role("tabpanel"))).to_have_count(1)

    # When a second lead is made from there, the form asks only for the deal
    page.get_by_role("tabpanel").get_by_role("link", name="New lead").click()
    expect(page.get_by_role("heading", name="New lead")).to_be_visible()
    expect(page.get_by_role("group", name="Existing contact")).to_contain_text("Grace Hopper")
    expect(page.get_by_text("The name, email, phone and company come from Grace Hopper")).to_be_visible()
    expect(page.get_by_label("First name")).to_have_count(0)
    page.get_by_label("Value").fill("2500")
    page.get_by_role("button", name="Create lead").click()

    # Then the new lead is for the same contact
    expect(page.get_by_text("Grace Hopper was created")).to_be_visible()
    expect(page).not_to_have_url(re.compile(lead["lead_id"]))
    card = page.get_by_role("region", name="Contact")
    card.get_by_role("link", name="Grace Hopper").click()
    expect(page).to_have_url(re.compile(f"/contacts/{lead['contact_id']}$"))
    page.get_by_role("tab", name="Leads (2)").click()
    leads = rows(page.get_by_role("tabpanel"))
    expect(leads).to_have_count(2)
    expect(page.get_by_role("tabpanel")).to_contain_text("2,500")
    # And its Activity lists both leads' creation
    page.get_by_role("tab", name="Activity").click()
    expect(page.get_by_role("list", name="Activity").get_by_text("Lead opened")).to_have_count(2)


def test_search_starts_at_three_characters(page: Page, api: Api, account: Account) -> None:
    # Given three contacts
    token = account.id_token
    api.create_contact(token, first_name="Zelda", last_name="Quartz", role="Client")
    api.create_contact(token, first_name="Zeno", last_name="Quartz")
    api.create_contact(token, first_name="Olive", last_name="Marsh")
    open_contacts(page, account)
    expect(rows(page)).to_have_count(3)
    searches: list[Request] = []
    page.on(
        "request",
        lambda r: (
            searches.append(r)
            if urlsplit(r.url).path == "/contacts" and "q" in parse_qs(urlsplit(r.url).query)
            else None
        ),
    )

    # When two characters are typed, the box asks for one more and the list stays whole
    search = page.get_by_label("Search contacts")
    search.fill("qu")
    expect(search).to_have_accessible_description("Type at least 3 characters to search")
    page.wait_for_timeout(800)  # past the box's pause: a search would have been sent by now
    expect(rows(page)).to_have_count(3)

    # When a third is typed, the list is searched
    search.fill("qua")
    expect(rows(page)).to_have_count(2)
    expect(page.get_by_role("table")).not_to_contain_text("Olive Marsh")
    expect(page.get_by_text("Type at least 3 characters to search")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"q=qua"))

    # And the role filter narrows the search
    page.get_by_label("Role").select_option(label="Client")
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("Zelda Quartz")

    # And no search shorter than 3 characters ever reached the API
    sent = [parse_qs(urlsplit(r.url).query)["q"][0] for r in searches]
    assert sent and all(len(q) >= 3 for q in sent), sent

    # A search that finds nobody says so
    search.fill("nobody here")
    expect(page.get_by_role("heading", name="No contacts match these filters")).to_be_visible()


def test_delete_a_contact_then_restore_it(page: Page, api: Api, account: Account) -> None:
    # Given a contact
    contact = api.create_contact(account.id_token, first_name="Remy", last_name="Stone")
    api.create_contact(account.id_token, first_name="Kept", last_name="Contact")
    log_in(page, account.email, account.password)
    page.goto(f"/contacts/{contact['contact_id']}")

    # When it is deleted from its page
    page.get_by_role("button", name="Delete contact").click()
    dialog = page.get_by_role("dialog", name="Delete this contact?")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Delete").click()

    # Then it leaves the list and shows in the Deleted view
    expect(page).to_have_url(re.compile(r"/contacts$"))
    expect(page.get_by_text("Remy Stone was deleted")).to_be_visible()
    expect(rows(page)).to_have_count(1)
    expect(page.get_by_role("table")).not_to_contain_text("Remy Stone")
    page.get_by_role("link", name="Deleted contacts").click()
    expect(page.get_by_role("heading", name="Deleted contacts")).to_be_visible()
    expect(rows(page)).to_have_count(1)

    # When it is restored there
    page.get_by_role("button", name="Restore Remy Stone").click()
    expect(page.get_by_text("Remy Stone is restored")).to_be_visible()
    expect(page.get_by_role("heading", name="No deleted contacts")).to_be_visible()

    # Then it is back in the list, and its page no longer says it is deleted
    page.get_by_role("link", name="All contacts").click()
    expect(rows(page)).to_have_count(2)
    expect(page.get_by_role("table")).to_contain_text("Remy Stone")
    page.get_by_role("link", name="Remy Stone").click()
    expect(page.get_by_role("button", name="Delete contact")).to_be_visible()
    expect(page.get_by_text("This contact was deleted")).to_have_count(0)
