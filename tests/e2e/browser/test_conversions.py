"""Conversions in Chromium: an admin sets up Google Ads and Meta on the Settings page (field errors from
the API, secrets shown masked, the connection tests), a lead with a click id and an email is won, and
the lead's ledger and the Conversions log show what both platforms answered.

The stack's functions send to its local Google Ads and Meta fakes, so the wins really go out; the relay
and the conversions consumer are asynchronous, hence the polling of the lead page.
"""

from __future__ import annotations

import re
import time
from typing import Any

from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav

GOOGLE = {
    "Customer ID": "123-456-7890",
    "Login customer ID (manager account)": "111-222-3333",
    "Conversion action ID": "987654321",
    "Developer token": "dev-token-Browser1234",
    "OAuth client ID": "client-123.apps.googleusercontent.com",
    "OAuth client secret": "client-secret-Browser9876",
    "OAuth refresh token": "1//refresh-token-Browser5678",
}
META = {
    "Dataset (pixel) ID": "555000111222333",
    "Conversions API access token": "EAAG-meta-token-Browser4321",
    "Test event code": "TEST12345",
}
SECRETS = [
    GOOGLE["Developer token"],
    GOOGLE["OAuth client secret"],
    GOOGLE["OAuth refresh token"],
    META["Conversions API access token"],
]
SENT_WITHIN_S = 30


def card(page: Page, title: str) -> Locator:
    return page.get_by_role("region", name=title, exact=True)


def fill(region: Locator, values: dict[str, str]) -> None:
    """Type into the manual credentials (collapsed until opened: the connect button comes first)."""
    manual = region.locator("details.manual-credentials")
    if manual.count() and manual.get_attribute("open") is None:
        manual.locator("summary").click()
    for label, value in values.items():
        region.get_by_label(label, exact=True).fill(value)


def configure_google_ads(page: Page) -> None:
    google = card(page, "Google Ads")
    expect(google).to_contain_text("Not set up")
    # A customer id with letters: the API's message shows next to its input, nothing is saved
    fill(google, {**GOOGLE, "Customer ID": "12x-456"})
    google.get_by_role("button", name="Save Google Ads settings").click()
    customer_id = google.get_by_label("Customer ID", exact=True)
    expect(customer_id).to_have_attribute("aria-invalid", "true")
    expect(google.get_by_text("use digits (dashes are fine)")).to_be_visible()
    # Corrected, everything saves; the secrets come back masked and their inputs make way for Replace
    customer_id.fill(GOOGLE["Customer ID"])
    google.get_by_role("button", name="Save Google Ads settings").click()
    expect(page.get_by_role("status").filter(has_text="Google Ads settings saved")).to_be_visible()
    expect(google).to_contain_text("Set up")
    for last4 in ("1234", "9876", "5678"):
        expect(google).to_contain_text(f"••••{last4}")
    expect(google.get_by_role("group", name="Developer token", exact=True)).to_contain_text("••••1234")
    expect(customer_id).to_have_value("1234567890")
    # Replace with nothing typed keeps the saved secret
    google.get_by_role("button", name="Replace Developer token").click()
    expect(google.get_by_label("Developer token", exact=True)).to_have_value("")
    expect(google.get_by_text("Saved: ••••1234. Leave blank to keep it.")).to_be_visible()
    google.get_by_role("button", name="Save Google Ads settings").click()
    expect(page.get_by_role("status").filter(has_text="Nothing to save")).to_be_visible()
    google.get_by_role("button", name="Keep saved Developer token").click()
    expect(google.get_by_role("button", name="Replace Developer token")).to_be_visible()
    # The connection test (validate only) says plainly that Google accepted it
    google.get_by_role("button", name="Test Google Ads connection").click()
    expect(google.get_by_role("status").filter(has_text="Google Ads: connected")).to_contain_text(
        "Connected: Google Ads accepted the test"
    )


def configure_meta(page: Page) -> None:
    meta = card(page, "Meta")
    fill(meta, META)
    meta.get_by_role("button", name="Save Meta settings").click()
    expect(page.get_by_role("status").filter(has_text="Meta settings saved")).to_be_visible()
    expect(meta).to_contain_text("••••4321")
    expect(meta.get_by_label("Test event code", exact=True)).to_have_value("TEST12345")
    meta.get_by_role("button", name="Send test event").click()
    expect(meta.get_by_role("status").filter(has_text="Meta: connected")).to_contain_text("TEST12345")


def win_a_lead(api: Api, account: Account) -> dict[str, Any]:
    lead = api.create_lead(
        account.id_token,
        first_name="Wanda",
        last_name="Winner",
        email="wanda.winner@example.com",
        value="4200",
        source="google_ads",
        attribution={"gclid": "Cj0KCQ-browser-win", "utm_source": "google"},
    )
    won = api.stages(account.id_token)["Closed Won"]
    moved: dict[str, Any] = api.ok(
        "POST",
        f"/leads/{lead['lead_id']}/stage",
        account.id_token,
        json={"stage_id": won, "version": lead["version"]},
    )
    assert moved["stage_id"] == won
    return moved


def sent_attempt(ledger: Locator, platform: str) -> Locator:
    return (
        ledger.get_by_role("listitem")
        .filter(has_text=platform)
        .filter(has=ledger.page.get_by_text("Sent", exact=True))
    )


def wait_until_sent(page: Page, platforms: tuple[str, ...]) -> Locator:
    """Reload the lead page until its ledger shows each platform's attempt as sent."""
    deadline = time.monotonic() + SENT_WITHIN_S
    while True:
        region = card(page, "Conversions")
        ledger = region.get_by_role("list", name="Conversion attempts")
        expect(ledger.or_(region.get_by_text("Nothing has been sent"))).to_be_visible()
        if all(sent_attempt(ledger, platform).count() for platform in platforms):
            return ledger
        if time.monotonic() > deadline:
            raise AssertionError(f"not sent within {SENT_WITHIN_S} s: {region.inner_text()}")
        page.wait_for_timeout(1_000)
        page.reload()


def test_configure_ads_win_a_lead_and_see_its_conversions(page: Page, api: Api, account: Account) -> None:
    # Given an admin on the Settings area's Ad platforms page
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Settings").click()
    expect(page).to_have_url(re.compile(r"/settings/ad-platforms$"))
    tabs = page.get_by_role("navigation", name="Settings")
    expect(tabs.get_by_role("link", name="Ad platforms")).to_have_attribute("aria-current", "page")

    # When they configure both platforms through the forms, and test each connection
    configure_google_ads(page)
    configure_meta(page)
    # Then no secret is ever back in the page, even after a reload
    page.reload()
    expect(card(page, "Meta")).to_contain_text("••••4321")
    html = page.content()
    assert not [secret for secret in SECRETS if secret in html]

    # When a lead with a Google click id and an email is won
    lead = win_a_lead(api, account)
    page.goto(f"/leads/{lead['lead_id']}")
    expect(page.get_by_role("heading", name="Wanda Winner")).to_be_visible()

    # Then its ledger shows both platforms' attempts as sent, with request id and payload hash
    ledger = wait_until_sent(page, ("Google Ads", "Meta"))
    entries = api.ok("GET", f"/leads/{lead['lead_id']}/conversions", account.id_token)["items"]
    google_entry = next(e for e in entries if e["platform"] == "google_ads" and e["status"] == "sent")
    google_item = sent_attempt(ledger, "Google Ads").first
    expect(google_item).to_contain_text(google_entry["payload_hash"])
    if google_entry["request_id"]:
        expect(google_item).to_contain_text(google_entry["request_id"])
    assert re.fullmatch(r"[0-9a-f]{64}", google_entry["payload_hash"])

    # And the Conversions log lists them, filters by platform and status, and links to the lead
    main_nav(page).get_by_role("link", name="Conversions").click()
    rows = (
        page.get_by_role("table", name="Conversion attempts")
        .get_by_role("row")
        .filter(has=page.get_by_role("cell"))
    )
    expect(rows).to_have_count(len(entries))
    expect(rows.first).to_contain_text("Wanda Winner")
    page.get_by_label("Platform").select_option(label="Meta")
    expect(page).to_have_url(re.compile(r"platform=meta"))
    expect(rows).to_have_count(sum(e["platform"] == "meta" for e in entries))
    expect(rows.first).to_contain_text("Sent")
    page.get_by_label("Status").select_option(label="Dead-lettered")
    expect(page.get_by_role("heading", name="No conversions match these filters")).to_be_visible()
    # And an admin's replay of the dead-lettered finds nothing to resend
    page.get_by_role("button", name="Replay dead-lettered").click()
    nothing_to_replay = page.get_by_role("status").filter(has_text="No dead-lettered conversions to replay")
    expect(nothing_to_replay).to_be_visible()
    page.get_by_role("button", name="Clear filters").first.click()
    rows.first.get_by_role("link", name="Wanda Winner").click()
    expect(page.get_by_role("heading", name="Wanda Winner")).to_be_visible()
