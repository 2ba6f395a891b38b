"""The lead pages: search and filters, detail, notes, editing, conflicts, CSV export, delete/restore.

Every test works in its own freshly signed-up tenant, with leads it creates through the API.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Locator, Page, Request, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in


def rows(page: Page) -> Locator:
    return page.get_by_role("table").get_by_role("row").filter(has=page.get_by_role("cell"))


def open_leads(page: Page, account: Account) -> None:
    log_in(page, account.email, account.password)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Leads").click()
    expect(page.get_by_role("heading", name="Leads", exact=True)).to_be_visible()


def test_search_and_filter_leads(page: Page, api: Api, account: Account) -> None:
    # Given three leads from different sources and stages, worth different amounts
    stages = api.stages(account.id_token)
    token = account.id_token
    api.create_lead(
        token,
        first_name="Zelda",
        last_name="Quartz",
        source="google_ads",
        stage_id=stages["Qualified"],
        value="500",
    )
    api.create_lead(token, first_name="Zeno", last_name="Quartz", source="meta_ads", value="1500")
    api.create_lead(token, first_name="Olive", last_name="Marsh", source="referral", value="250")
    open_leads(page, account)
    expect(rows(page)).to_have_count(3)

    # When searching, only the matches stay
    page.get_by_label("Search leads").fill("quartz")
    expect(rows(page)).to_have_count(2)
    expect(page.get_by_role("table")).not_to_contain_text("Olive Marsh")
    expect(page).to_have_url(re.compile(r"q=quartz"))

    # And a source filter narrows the search
    page.get_by_label("Source").select_option(label="Meta Ads")
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("Zeno Quartz")

    # A stage filter alone finds the qualified lead
    page.get_by_role("button", name="Clear filters").first.click()
    expect(rows(page)).to_have_count(3)
    page.get_by_label("Stage").select_option(label="Qualified")
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("Zelda Quartz")

    # A created-date range that ends before today finds nothing, and says so
    page.get_by_role("button", name="Clear filters").first.click()
    yesterday = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    page.get_by_label("Created to").fill(yesterday)
    expect(page.get_by_role("heading", name="No leads match these filters")).to_be_visible()
    page.get_by_label("Created to").fill("")
    page.get_by_label("Created from").fill(datetime.now(UTC).date().isoformat())
    expect(rows(page)).to_have_count(3)

    # When sorted by value, the most valuable lead comes first, and the Value header says so
    names = rows(page).locator("a.lead-name")
    page.get_by_label("Sort by").select_option(label="Value")
    expect(page).to_have_url(re.compile(r"sort=value"))
    expect(names).to_have_text(["Zeno Quartz", "Zelda Quartz", "Olive Marsh"])
    expect(page.get_by_role("columnheader", name="Value")).to_have_attribute("aria-sort", "descending")
    # And the other way round, lowest first
    page.get_by_role("button", name="Highest first").click()
    expect(names).to_have_text(["Olive Marsh", "Zelda Quartz", "Zeno Quartz"])
    expect(page).to_have_url(re.compile(r"order=asc"))

    # A reload keeps the sort, its direction and the filter
    page.reload()
    expect(page.get_by_label("Sort by")).to_have_value("value")
    expect(page.get_by_role("button", name="Lowest first")).to_be_visible()
    expect(names).to_have_text(["Olive Marsh", "Zelda Quartz", "Zeno Quartz"])

    # And a column header sorts too: Name, A to Z
    page.get_by_role("columnheader", name="Name").get_by_role("button").click()
    expect(names).to_have_text(["Olive Marsh", "Zelda Quartz", "Zeno Quartz"])
    expect(page.get_by_role("columnheader", name="Name")).to_have_attribute("aria-sort", "ascending")
    page.get_by_role("columnheader", name="Name").get_by_role("button").click()
    expect(names).to_have_text(["Zeno Quartz", "Zelda Quartz", "Olive Marsh"])
    expect(page.get_by_label("Sort by")).to_have_value("name")


def test_pages_through_leads_with_the_cursor(page: Page, api: Api, account: Account) -> None:
    for index in range(27):
        api.create_lead(account.id_token, first_name="Page", last_name=f"Lead{index:02d}")
    open_leads(page, account)
    expect(rows(page)).to_have_count(25)
    expect(page.get_by_role("button", name="Previous page")).to_be_disabled()
    expect(page.get_by_text("Page 1 · 25 of 27 leads")).to_be_visible()
    page.get_by_role("button", name="Next page").click()
    expect(rows(page)).to_have_count(2)
    expect(page.get_by_text("Page 2 · 2 of 27 leads")).to_be_visible()
    expect(page.get_by_role("button", name="Next page")).to_be_disabled()

    # The page is in the address bar: a reload stays on it, and Previous still goes back
    expect(page).to_have_url(re.compile(r"[?&]cursor="))
    page.reload()
    expect(rows(page)).to_have_count(2)
    expect(page.get_by_text("Page 2 · 2 of 27 leads")).to_be_visible()
    page.get_by_role("button", name="Previous page").click()
    expect(rows(page)).to_have_count(25)
    expect(page).not_to_have_url(re.compile(r"cursor="))

    # And the browser's Back returns to the second page, Forward to the first
    page.go_back()
    expect(rows(page)).to_have_count(2)
    expect(page.get_by_text("Page 2")).to_be_visible()
    page.go_forward()
    expect(rows(page)).to_have_count(25)


def test_open_a_lead_add_a_note_and_edit_a_field(page: Page, api: Api, account: Account) -> None:
    # Given a lead that came from a Google ad
    lead = api.create_lead(
        account.id_token,
        first_name="Nora",
        last_name="Vance",
        email="nora.vance@example.com",
        phone="+1 555 201 3344",
        source="google_ads",
        attribution={
            "gclid": "Cj0KCQtestclickid",
            "utm_source": "google",
            "utm_campaign": "storm-damage",
            "landing_page": "https://lakeside.test/storm",
            "referrer": "https://www.google.com/",
        },
    )
    open_leads(page, account)
    # When it is opened from the list
    page.get_by_role("link", name="Nora Vance").click()
    # Then the page shows its contact, attribution and timeline
    expect(page.get_by_role("heading", name="Nora Vance")).to_be_visible()
    expect(page.get_by_role("region", name="Contact")).to_contain_text("nora.vance@example.com")
    attribution = page.get_by_role("region", name="Attribution")
    for value in (
        "Cj0KCQtestclickid",
        "storm-damage",
        "https://lakeside.test/storm",
        "https://www.google.com/",
    ):
        expect(attribution).to_contain_text(value)
    expect(page.get_by_role("list", name="Timeline")).to_contain_text("Created in New")

    # When a note is added, it shows with its author
    page.get_by_label("New note").fill("Called: wants a quote on Friday")
    page.get_by_role("button", name="Add note").click()
    notes = page.get_by_role("list", name="Notes")
    expect(notes).to_contain_text("Called: wants a quote on Friday")
    expect(notes).to_contain_text("Blair Owner")
    expect(page.get_by_label("New note")).to_have_value("")

    # And the note can be edited
    page.get_by_role("button", name="Edit this note").click()
    page.get_by_label("Edit note", exact=True).fill("Called: quote booked for Friday 10am")
    page.get_by_role("button", name="Save note").click()
    expect(notes).to_contain_text("quote booked for Friday 10am")

    # When a field is edited, leaving by another link asks first: Stay keeps the edit on the form
    page.get_by_role("link", name="Edit lead").click()
    page.get_by_label("Phone").fill("+1 555 777 8899")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Leads").click()
    leave = page.get_by_role("dialog", name="Leave without saving?")
    expect(leave).to_contain_text("Your changes are not saved")
    leave.get_by_role("button", name="Stay").click()
    expect(leave).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/edit$"))
    expect(page.get_by_label("Phone")).to_have_value("+1 555 777 8899")
    # Saved, the lead page shows the new value (the save leaves the form without asking)
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", name="Nora Vance")).to_be_visible()
    expect(page.get_by_role("region", name="Contact")).to_contain_text("+1 555 777 8899")
    expect(page.get_by_text("Lead saved")).to_be_visible()
    expect(leave).to_have_count(0)

    # When an edit is left with "Leave without saving", the lead page opens and the edit is not saved
    page.get_by_role("link", name="Edit lead").click()
    page.get_by_label("Company").fill("Never Saved Ltd")
    page.get_by_role("link", name="← Back to the lead").click()
    leave.get_by_role("button", name="Leave without saving").click()
    expect(page.get_by_role("heading", name="Nora Vance")).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"/edit$"))
    assert api.ok("GET", f"/leads/{lead['lead_id']}", account.id_token)["company"] != "Never Saved Ltd"

    # And a form put back as it was leaves without asking
    page.get_by_role("link", name="Edit lead").click()
    phone = page.get_by_label("Phone")
    phone.fill("+1 555 000 0000")
    phone.fill("+1 555 777 8899")
    page.get_by_role("link", name="← Back to the lead").click()
    expect(page.get_by_role("heading", name="Nora Vance")).to_be_visible()
    expect(leave).to_have_count(0)


def test_api_field_errors_show_next_to_their_inputs(page: Page, account: Account) -> None:
    log_in(page, account.email, account.password)
    page.goto("/leads/new")
    # A lead without a name, email or phone: the API's message for the whole form shows on top
    page.get_by_label("Company").fill("Nameless Inc")
    page.get_by_role("button", name="Create lead").click()
    needs = "a lead needs a contact, a name, an email or a phone number"
    whole_form = page.get_by_role("alert").filter(has_text=needs)
    expect(whole_form).to_be_visible()
    # A malformed email: the message sits with the Email input
    page.get_by_label("First name").fill("Ivy")
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_role("button", name="Create lead").click()
    email = page.get_by_label("Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description("must be a valid email address")
    # Fixed, it saves
    email.fill("ivy@example.com")
    page.get_by_role("button", name="Create lead").click()
    expect(page.get_by_role("heading", name="Ivy")).to_be_visible()
    expect(page.get_by_text("Ivy was created")).to_be_visible()


def test_saving_over_a_change_made_elsewhere_shows_the_conflict(
    page: Page, api: Api, account: Account
) -> None:
    # Given a lead open in the editor
    lead = api.create_lead(account.id_token, first_name="Cora", last_name="Lynn", company="First Co")
    log_in(page, account.email, account.password)
    page.goto(f"/leads/{lead['lead_id']}/edit")
    expect(page.get_by_label("Company")).to_have_value("First Co")
    # When someone else saves a change in another session
    other_session = api.login(account.email, account.password)
    api.update_lead(other_session, lead["lead_id"], company="Their Co", version=lead["version"])
    # Then saving here is refused with the conflict message, and nothing is overwritten
    page.get_by_label("Company").fill("My Co")
    page.get_by_role("button", name="Save changes").click()
    conflict = page.get_by_role("alert").filter(has_text="Someone else changed this lead: reload")
    expect(conflict).to_be_visible()
    assert api.ok("GET", f"/leads/{lead['lead_id']}", account.id_token)["company"] == "Their Co"
    # When they reload, they see the other change and can save theirs on top of it
    conflict.get_by_role("button", name="Reload").click()
    expect(page.get_by_label("Company")).to_have_value("Their Co")
    expect(conflict).to_have_count(0)
    page.get_by_label("Company").fill("My Co")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("region", name="Contact")).to_contain_text("My Co")
    assert api.ok("GET", f"/leads/{lead['lead_id']}", account.id_token)["company"] == "My Co"


def test_csv_export_downloads_the_filtered_leads(page: Page, api: Api, account: Account) -> None:
    # Given leads from two sources, one with commas and quotes in its fields
    token = account.id_token
    api.create_lead(
        token,
        first_name='Ann "AJ"',
        last_name="Smith, Jr",
        email="ann@example.com",
        company="Oak, Inc.",
        source="google_ads",
        value=1250.5,
        tags=["roof", "urgent"],
        attribution={"gclid": "Cj0-export-1", "utm_campaign": "spring"},
    )
    api.create_lead(token, first_name="Ben", last_name="Ode", source="google_ads")
    api.create_lead(token, first_name="Cal", last_name="Other", source="referral")
    open_leads(page, account)
    page.get_by_label("Source").select_option(label="Google Ads")
    expect(rows(page)).to_have_count(2)
    list_requests: list[Request] = []
    page.on("request", lambda r: list_requests.append(r) if urlsplit(r.url).path == "/leads" else None)

    # When the filtered list is exported
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export CSV").click()
    download = download_info.value
    text = Path(download.path()).read_bytes().decode("utf-8-sig")  # bytes: keep the CRLF line ends

    # Then the file holds exactly the filtered leads, properly quoted
    assert re.fullmatch(r"leads-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    assert sorted(r["Last name"] for r in records) == ["Ode", "Smith, Jr"]
    ann = next(r for r in records if r["Email"] == "ann@example.com")
    assert ann["First name"] == 'Ann "AJ"'
    assert ann["Company"] == "Oak, Inc."
    assert ann["Source"] == "google_ads"
    assert ann["Stage"] == "New"
    assert ann["Value"] == "1250.50"
    assert ann["Tags"] == "roof; urgent"
    assert ann["gclid"] == "Cj0-export-1"
    assert ann["UTM campaign"] == "spring"
    assert '"Ann ""AJ"""' in text and '"Smith, Jr"' in text
    assert text.endswith("\r\n")
    # And it was read with the list's filters, a hundred at a time
    queries = [parse_qs(urlsplit(r.url).query) for r in list_requests if r.method == "GET"]
    assert queries and all(q["limit"] == ["100"] and q["source"] == ["google_ads"] for q in queries)
    expect(page.get_by_text("Exported 2 leads to CSV")).to_be_visible()


def test_delete_a_lead_then_restore_it(page: Page, api: Api, account: Account) -> None:
    # Given a lead
    lead = api.create_lead(account.id_token, first_name="Remy", last_name="Stone")
    api.create_lead(account.id_token, first_name="Kept", last_name="Lead")
    log_in(page, account.email, account.password)
    page.goto(f"/leads/{lead['lead_id']}")
    # When it is deleted from its page
    page.get_by_role("button", name="Delete lead").click()
    dialog = page.get_by_role("dialog", name="Delete this lead?")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Delete").click()
    # Then a status toast says so, and its Undo can be reached with the keyboard
    deleted = page.get_by_role("status").filter(has_text="Remy Stone was deleted")
    expect(deleted).to_be_visible()
    undo = deleted.get_by_role("button", name="Undo")
    undo.focus()
    expect(undo).to_be_focused()
    # And it leaves the list and shows in the Deleted view
    expect(page).to_have_url(re.compile(r"/leads$"))
    expect(rows(page)).to_have_count(1)
    expect(page.get_by_role("table")).not_to_contain_text("Remy Stone")
    page.get_by_role("link", name="Deleted leads").click()
    expect(page.get_by_role("heading", name="Deleted leads")).to_be_visible()
    expect(rows(page)).to_have_count(1)
    # When it is restored there
    page.get_by_role("button", name="Restore Remy Stone").click()
    expect(page.get_by_text("Remy Stone is restored")).to_be_visible()
    expect(page.get_by_role("heading", name="No deleted leads")).to_be_visible()
    # Then it is back in the list
    page.get_by_role("link", name="All leads").click()
    expect(rows(page)).to_have_count(2)
    expect(page.get_by_role("table")).to_contain_text("Remy Stone")
