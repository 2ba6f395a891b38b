"""The Ad platforms page in Chromium.

Connecting with the buttons: a new owner presses "Connect Google Ads", allows on (the local fake of)
Google's consent page, comes back to the page, picks a manager's client account and a conversion
action, saves, tests (connected) and disconnects; the same for Meta with a dataset, the test event code
and "Send test event"; then chooses German as the account's number and date format, and the lead list
follows it. Lead Ads: the demo admin reads the webhook URL, lists a Facebook page (a page id with
letters is refused in the page, one another account holds is refused by the API next to its input),
maps a stage to a CRM event, saves, and sees both again after a reload; the API holds what the page
showed."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in

DEMO_ADMIN = "admin@summitroofing.test"


def lead_ads(page: Page) -> Locator:
    meta = page.get_by_role("region", name="Meta", exact=True)
    return meta.get_by_role("region", name="Lead Ads", exact=True)


def a_page_id() -> str:
    return str(uuid.uuid4().int % 10**15).rjust(15, "1")


@pytest.fixture
def admin_token(api: Api, demo_logins: dict[str, str]) -> Iterator[str]:
    """The demo admin's token; their Lead Ads settings are put back as they were after the test."""
    token = api.login(DEMO_ADMIN, demo_logins[DEMO_ADMIN])
    before = api.ok("GET", "/settings/ads", token)["meta"]
    yield token
    restore = {"page_ids": before["page_ids"], "stage_events": before["stage_events"]}
    api.ok("PUT", "/settings/ads", token, json={"meta": restore})


def test_lead_ads_pages_and_stage_events_are_saved_and_shown_again(
    page: Page, api: Api, stack: dict[str, Any], demo_logins: dict[str, str], admin_token: str
) -> None:
    # Given a Facebook page another account holds, and the demo tenant's default pipeline
    taken, mine = a_page_id(), a_page_id()
    other = api.sign_up()
    api.ok("PUT", "/settings/ads", other.id_token, json={"meta": {"page_ids": [taken]}})
    pipeline = api.ok("GET", "/pipelines", admin_token)["items"][0]
    qualified = next(s["stage_id"] for s in pipeline["stages"] if s["name"] == "Qualified")

    # When the demo admin opens Settings > Ad platforms
    log_in(page, DEMO_ADMIN, demo_logins[DEMO_ADMIN])
    page.goto("/settings/ad-platforms")
    section = lead_ads(page)
    # Then the Meta card shows the webhook URL to paste into the Meta app, on this stack's API
    expect(section.get_by_label("Lead Ads webhook URL")).to_have_value(
        f"{stack['api_url'].rstrip('/')}/webhooks/meta"
    )

    # When a page id with letters is added, the page refuses it next to its input
    page_input = section.get_by_label("Facebook page ID", exact=True)
    page_input.fill("12ab")
    section.get_by_role("button", name="Add page").click()
    expect(page_input).to_have_attribute("aria-invalid", "true")
    expect(section.get_by_text("Use digits only: a page ID looks like 104738592016734")).to_be_visible()
    expect(section.get_by_role("button", name="Remove page 12ab")).to_have_count(0)

    # When the page another account holds is saved, the API's refusal shows next to the input
    page_input.fill(taken)
    section.get_by_role("button", name="Add page").click()
    expect(section.get_by_role("button", name=f"Remove page {taken}")).to_be_visible()
    page.get_by_role("button", name="Save Meta settings").click()
    expect(page_input).to_have_attribute("aria-invalid", "true")
    expect(section.get_by_text(f"page {taken} belongs to another account")).to_be_visible()
    assert taken not in api.ok("GET", "/settings/ads", admin_token)["meta"]["page_ids"]

    # When that page is removed, their own is added, and Qualified is mapped to a CRM event
    section.get_by_role("button", name=f"Remove page {taken}").click()
    page_input.fill(mine)
    page_input.press("Enter")
    expect(section.get_by_role("button", name=f"Remove page {mine}")).to_be_visible()
    stages = section.get_by_role("group", name=pipeline["name"], exact=True)
    stages.get_by_label("Qualified", exact=True).fill("QualifiedLead")
    page.get_by_role("button", name="Save Meta settings").click()
    expect(page.get_by_role("status").filter(has_text="Meta settings saved")).to_be_visible()

    # Then after a reload the page is listed and Qualified still sends QualifiedLead, the others nothing
    page.reload()
    section = lead_ads(page)
    expect(section.get_by_role("button", name=f"Remove page {mine}")).to_be_visible()
    expect(section.get_by_role("button", name=f"Remove page {taken}")).to_have_count(0)
    stages = section.get_by_role("group", name=pipeline["name"], exact=True)
    expect(stages.get_by_label("Qualified", exact=True)).to_have_value("QualifiedLead")
    expect(stages.get_by_label("New", exact=True)).to_have_value("")
    # And the API holds exactly that
    meta = api.ok("GET", "/settings/ads", admin_token)["meta"]
    assert mine in meta["page_ids"] and taken not in meta["page_ids"]
    assert meta["stage_events"] == {qualified: "QualifiedLead"}


def platform(page: Page, name: str) -> Locator:
    return page.get_by_role("region", name=name, exact=True)


def disconnect(page: Page, card: Locator, name: str) -> None:
    card.get_by_role("button", name=f"Disconnect {name}").click()
    page.get_by_role("dialog", name=f"Disconnect {name}?").get_by_role("button", name="Disconnect").click()
    expect(page.get_by_role("status").filter(has_text=f"{name} disconnected")).to_be_visible()
    expect(card.get_by_role("button", name=f"Connect {name}", exact=True)).to_be_visible()


def test_google_ads_and_meta_are_connected_with_their_buttons(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a new owner on Settings > Ad platforms, with nothing connected
    log_in(page, account.email, account.password)
    page.goto("/settings/ad-platforms")
    google = platform(page, "Google Ads")
    expect(google.get_by_text("Not set up")).to_be_visible()
    # The manual fields wait, collapsed, for agencies
    expect(google.get_by_label("Developer token")).not_to_be_visible()

    # When they press "Connect Google Ads" and allow on Google's consent page
    google.get_by_role("button", name="Connect Google Ads", exact=True).click()
    expect(page.get_by_role("heading", name="Convertly wants to access your Google Account")).to_be_visible()
    assert page.url.startswith(stack["ad_fakes"]["google_oauth"])
    page.get_by_role("button", name="Allow").click()
    # Then they are back on the page, connected, and choose a manager's client account and its action
    expect(page).to_have_url(re.compile(r"/settings/ad-platforms$"))
    expect(page.get_by_role("status").filter(has_text="Google Ads connected")).to_be_visible()
    google = platform(page, "Google Ads")
    expect(google.get_by_text("With Google")).to_be_visible()
    accounts = google.get_by_label("Google Ads account", exact=True)
    # (a manager's clients are listed under it; the manager itself takes no conversions)
    expect(accounts.locator("optgroup[label='Through Ridgeline Agency (manager)'] option")).to_have_count(2)
    accounts.select_option(label="Peak Roofing Co (444-555-6666)")
    actions = google.get_by_label("Conversion action", exact=True)
    expect(actions).to_be_enabled()
    actions.select_option(label="Signed contract")
    google.get_by_role("button", name="Save account and conversion action").click()
    expect(page.get_by_role("status").filter(has_text="account and conversion action saved")).to_be_visible()
    expect(google.get_by_text("Account: Peak Roofing Co")).to_be_visible()
    expect(google.get_by_text("Set up", exact=True)).to_be_visible()
    # And the API holds the pick, with no secret of Convertly's app shown
    saved = api.ok("GET", "/settings/ads", account.id_token)["google_ads"]
    assert (saved["customer_id"], saved["login_customer_id"], saved["conversion_action_id"]) == (
        "4445556666",
        "1112223333",
        "555000111",
    )
    assert saved["developer_token"] is None and saved["client_secret"] is None
    # When the connection is tested, Google accepts it
    google.get_by_role("button", name="Test Google Ads connection").click()
    expect(google.get_by_text("Google Ads: connected")).to_be_visible()
    # When they disconnect, the button to connect is back
    disconnect(page, google, "Google Ads")
    assert api.ok("GET", "/settings/ads", account.id_token)["google_ads"]["refresh_token"] is None

    # When they press "Connect Meta" and allow on Facebook's dialog
    meta = platform(page, "Meta")
    meta.get_by_role("button", name="Connect Meta", exact=True).click()
    expect(
        page.get_by_role("heading", name="Convertly is requesting access to your ad accounts")
    ).to_be_visible()
    page.get_by_role("button", name="Allow").click()
    expect(page).to_have_url(re.compile(r"/settings/ad-platforms(#_=_)?$"))
    expect(page.get_by_role("status").filter(has_text="Meta connected")).to_be_visible()
    # Then they pick the dataset; the test event code made on connect is shown
    meta = platform(page, "Meta")
    meta.get_by_label("Dataset (pixel)", exact=True).select_option(
        label="Summit Roofing website (555000111222333)"
    )
    meta.get_by_role("button", name="Save dataset").click()
    expect(page.get_by_role("status").filter(has_text="Meta dataset saved")).to_be_visible()
    code = api.ok("GET", "/settings/ads", account.id_token)["meta"]["test_event_code"]
    assert re.fullmatch(r"TEST\d{5}", code)
    expect(meta.get_by_text(code, exact=True)).to_be_visible()
    # When they send a test event, Meta says connected (under the test event code)
    meta.get_by_role("button", name="Send test event").click()
    expect(meta.get_by_text("Meta: connected")).to_be_visible()
    expect(meta.get_by_text(f"test event code {code}")).to_be_visible()
    # And disconnecting Meta revokes its access too
    disconnect(page, meta, "Meta")
    assert api.ok("GET", "/settings/ads", account.id_token)["meta"]["access_token"] is None

    # Given a lead worth 1234.50 (the new account writes in en-US, the default without a browser language)
    api.create_lead(account.id_token, first_name="Greta", last_name="Format", value="1234.50")
    # When the owner chooses German as the number and date format, the example changes with the choice
    region = page.get_by_role("form", name="Region and format")
    chosen = region.get_by_label("Number and date format", exact=True)
    expect(chosen).to_have_value("en-US")
    expect(region.get_by_text("$1,234.50 · Dec 7, 2026")).to_be_visible()
    chosen.select_option(label="German (Germany)")
    expect(region.get_by_text(re.compile(r"1\.234,50\s\$ · 7\. Dez\. 2026"))).to_be_visible()
    region.get_by_role("button", name="Save region and format").click()
    expect(page.get_by_role("status").filter(has_text="Region and format saved")).to_be_visible()
    assert api.ok("GET", "/me", account.id_token)["tenant"]["locale"] == "de-DE"
    # Then the lead list, opened from the menu without a reload, shows the value in German
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Leads").click()
    row = page.get_by_role("row").filter(has_text="Greta Format")
    expect(row).to_contain_text(re.compile(r"1\.234,50\s\$"))
