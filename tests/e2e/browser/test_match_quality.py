"""Match quality in Chromium: a won lead's page shows what each platform would match on and its Google
click window; the Conversions page shows each attempt's value and the totals of the recent wins; and
an open lead clicked 85 days ago is among the clicks about to expire.

The win goes out through the stack's relay and conversions consumer to its ad platform fakes, so the
test waits for its ledger before it reads the Conversions page.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.waiting import read_until

ADS = {
    "google_ads": {
        "customer_id": "123-456-7890",
        "conversion_action_id": "987654321",
        "developer_token": "dev-token-Quality1234",
        "client_id": "client-123.apps.googleusercontent.com",
        "client_secret": "client-secret-Quality9876",
        "refresh_token": "1//refresh-token-Quality5678",
    },
    "meta": {"dataset_id": "555000111222333", "access_token": "EAAG-meta-token-Quality4321"},
}
RECORDED_WITHIN_S = 30


def days_ago(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).isoformat().replace("+00:00", "Z")


def won_lead(api: Api, account: Account) -> dict[str, Any]:
    lead = api.create_lead(
        account.id_token,
        first_name="Winnie",
        last_name="Quality",
        email="winnie.quality@example.com",
        phone="(650) 253-0000",
        value="4200",
        source="google_ads",
        attribution={"gclid": "Cj0KCQ-quality-win", "first_seen_at": days_ago(10)},
    )
    won = api.stages(account.id_token)["Closed Won"]
    moved: dict[str, Any] = api.ok(
        "POST",
        f"/leads/{lead['lead_id']}/stage",
        account.id_token,
        json={"stage_id": won, "version": lead["version"]},
    )
    return moved


def wait_for_ledger(api: Api, account: Account, lead_id: str) -> list[dict[str, Any]]:
    """The lead's conversion ledger once it has an entry for each platform."""

    def both_platforms(entries: list[dict[str, Any]]) -> bool:
        return {e["platform"] for e in entries} >= {"google_ads", "meta"}

    entries: list[dict[str, Any]] = read_until(
        lambda: api.ok("GET", f"/leads/{lead_id}/conversions", account.id_token)["items"],
        both_platforms,
        timeout=RECORDED_WITHIN_S,
    )
    assert both_platforms(entries), f"no ledger within {RECORDED_WITHIN_S} s: {entries}"
    return entries


def test_match_quality_on_the_lead_and_the_conversions_page(page: Page, api: Api, account: Account) -> None:
    # Given an admin whose ad platforms are set up, a won lead clicked 10 days ago, and an open lead
    # whose Google click was 85 days ago
    api.ok("PUT", "/settings/ads", account.id_token, json=ADS)
    winner = won_lead(api, account)
    expiring = api.create_lead(
        account.id_token,
        first_name="Otto",
        last_name="Open",
        email="otto.open@example.com",
        attribution={"gclid": "Cj0KCQ-quality-open", "first_seen_at": days_ago(85)},
    )
    log_in(page, account.email, account.password)

    # When they open the won lead's page
    page.goto(f"/leads/{winner['lead_id']}")
    expect(page.get_by_role("heading", name="Winnie Quality")).to_be_visible()
    # Then its Conversions card shows the match quality per platform, with the click window
    conversions = page.get_by_role("region", name="Conversions", exact=True)
    expect(conversions.get_by_role("heading", name="Match quality")).to_be_visible()
    google = conversions.get_by_role("group", name="Google Ads match quality")
    expect(google).to_contain_text("Strong match")
    expect(google.get_by_role("list", name="Google Ads identifiers")).to_contain_text(
        "Google click id (gclid), sent"
    )
    expect(google).to_contain_text(re.compile(r"Google click on \d{1,2} \w{3}.*: inside the 90-day window"))
    expect(google).to_contain_text("Phone (hashed), held, not sent: +16502530000")
    meta = conversions.get_by_role("group", name="Meta match quality")
    expect(meta).to_contain_text("Both the email and the phone")
    expect(meta.get_by_role("list", name="Meta identifiers")).to_contain_text("Meta click id (fbc), missing")

    # When the win is recorded and they open the Conversions page
    entries = wait_for_ledger(api, account, winner["lead_id"])
    main_nav(page).get_by_role("link", name="Conversions").click()
    # Then every attempt shows its value with the currency
    table = page.get_by_role("table", name="Conversion attempts")
    expect(table.get_by_role("columnheader", name="Value")).to_be_visible()
    rows = table.get_by_role("row").filter(has=page.get_by_role("cell"))
    expect(rows).to_have_count(len(entries))
    expect(rows.first).to_contain_text("$4,200")
    # And the totals of the last 30 days count the win, with its identifiers
    totals = page.get_by_role("region", name="Match quality of recent wins")
    expect(totals).to_contain_text("1 won lead reported in the last 30 days")
    google_totals = totals.get_by_role("group", name="Google Ads totals")
    expect(google_totals).to_contain_text("Inside the 90-day click window: 1 (100%)")
    expect(google_totals).to_contain_text("Strong 1 · Fair 0 · None 0")
    totals.get_by_label("Period").select_option(label="Last 7 days")
    expect(totals).to_contain_text("1 won lead reported in the last 7 days")

    # And the open lead clicked 85 days ago is among the clicks about to expire
    warnings = page.get_by_role("region", name="Clicks expiring within 7 days on open leads")
    listed = warnings.get_by_role("listitem").filter(has_text="Otto Open")
    expect(listed).to_contain_text("Google click (gclid)")
    expect(listed).to_contain_text(re.compile(r"expires \d{1,2} \w{3}.*, in 4 days"))
    expect(warnings).not_to_contain_text("Winnie Quality")
    listed.get_by_role("link", name="Otto Open").click()
    expect(page).to_have_url(re.compile(f"/leads/{expiring['lead_id']}$"))
    google = page.get_by_role("group", name="Google Ads match quality")
    expect(google).to_contain_text("win the lead before then")
