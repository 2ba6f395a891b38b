"""The revenue loop in Chromium, end to end against the running stack and its ad platform fakes.

A visitor clicks an ad (every click id and UTM in the address) onto the home page of a customer's site,
which has only the site tag, browses to the contact page and sends the form there. The owner wins the
lead on the board with a deal value; Google Ads receives one click conversion and Meta one Purchase
with that value. The owner corrects the value on the lead page: one RESTATEMENT. Reopens it: one
RETRACTION. Wins it again: Google gets the new win, and Meta still counts one Purchase.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.browser.sites import Website, two_page_site
from tests.e2e.browser.test_site_tracking import CLICK, GOOGLE
from tests.e2e.waiting import until

CUSTOMER_ID, ACTION_ID, DATASET_ID = "4440001111", "7770001", "888000111222333"
WITHIN_S = 40


@pytest.fixture
def fakes(stack: dict[str, Any]) -> dict[str, str]:
    return dict(stack["ad_fakes"])


@pytest.fixture
def connected(api: Api, account: Account) -> None:
    """The tenant's ad accounts (entered by hand here; the connect buttons have their own test)."""
    settings = {
        "google_ads": {
            "customer_id": CUSTOMER_ID,
            "conversion_action_id": ACTION_ID,
            "developer_token": "dev-token-Loop1234",
            "client_id": "loop-client.apps.googleusercontent.com",
            "client_secret": "loop-secret-9876",
            "refresh_token": "1//loop-refresh-5678",
        },
        "meta": {"dataset_id": DATASET_ID, "access_token": "EAAG-loop-token-4321"},
        "timezone": "America/New_York",
    }
    api.ok("PUT", "/settings/ads", account.id_token, json=settings)


@pytest.fixture
def site(web_url: str, api: Api, account: Account) -> Iterator[Website]:
    form_settings = {
        "name": "Free roof inspection",
        "fields": [
            {"name": "name", "type": "text", "label": "Name", "required": True, "maps_to": "full_name"},
            {"name": "email", "type": "email", "label": "Email", "required": True},
            {"name": "phone", "type": "phone", "label": "Phone", "required": False},
        ],
        "allowed_domains": ["localhost"],
        "min_fill_seconds": 1,
        "thank_you_message": "Thanks! We will call you today.",
    }
    created = api.ok("POST", "/forms", account.id_token, json=form_settings)
    form = api.ok("POST", f"/forms/{created['form_id']}/publish", account.id_token)
    src = f"{web_url}/embed/convertly.js"
    site_tag = f'<script src="{src}" data-api="{api.base_url}" async></script>'
    form_tag = f'<script src="{src}" data-form="{form["form_id"]}" data-api="{api.base_url}" async></script>'
    customer = two_page_site(site_tag, form_tag)
    yield customer
    customer.stop()


def received(fake_url: str) -> list[dict[str, Any]]:
    answer = requests.get(f"{fake_url}/__log", timeout=10)
    answer.raise_for_status()
    return list(answer.json()["requests"])


def google_rows(fakes: dict[str, str], method: str, key: str) -> list[dict[str, Any]]:
    path = f"/customers/{CUSTOMER_ID}:{method}"
    return [
        row
        for r in received(fakes["google_ads"])
        if r["path"].endswith(path) and r["status"] == 200
        for row in r["body"][key]
    ]


def purchases(fakes: dict[str, str]) -> list[dict[str, Any]]:
    return [
        event
        for r in received(fakes["meta_graph"])
        if r["path"].endswith(f"/{DATASET_ID}/events") and r["status"] == 200
        for event in r["body"]["data"]
        if event["event_name"] == "Purchase"
    ]


def visit_and_send_the_form(page: Page, site: Website) -> None:
    page.goto(f"{site.url}/?{urlencode(CLICK)}", referer=GOOGLE)
    page.wait_for_function("() => localStorage.getItem('convertly_touches') !== null")
    page.get_by_role("link", name="Contact us").click()
    page.get_by_label("Name").fill("Rhea Revenue")
    page.get_by_label("Email").fill("rhea.revenue@example.test")
    page.get_by_label("Phone").fill("(415) 555-0142")
    page.wait_for_timeout(1100)  # a person takes longer than the form's minimum fill time
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("status").filter(has_text="Thanks! We will call you today.")).to_be_visible()


def move_on_the_lead_page(page: Page, stage: str) -> None:
    card = page.get_by_role("region", name="Stage", exact=True)
    card.get_by_label("Move to stage").select_option(label=stage)
    card.get_by_role("button", name="Move").click()


def test_a_click_becomes_revenue_the_ad_platforms_keep_right(
    page: Page, api: Api, account: Account, connected: None, site: Website, fakes: dict[str, str]
) -> None:
    # A visitor from an ad browses from the home page to the contact page and sends the form
    visit_and_send_the_form(page, site)
    (lead,) = api.ok("GET", "/leads?q=rhea.revenue@example.test", account.id_token)["items"]
    for key, value in CLICK.items():
        assert lead["attribution"][key] == value, key
    assert lead["attribution"]["landing_page"] == f"{site.url}/?{urlencode(CLICK)}"
    assert lead["last_touch"]["page_url"] == f"{site.url}/contact"

    # The owner wins it on the board: the dialog asks the deal's value
    page.context.clear_cookies()
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Pipeline").click()
    board_card = page.get_by_role("region", name="New", exact=True).get_by_role(
        "article", name="Rhea Revenue", exact=True
    )
    board_card.drag_to(page.get_by_role("region", name="Closed Won", exact=True))
    dialog = page.get_by_role("dialog", name="Deal value")
    dialog.get_by_label("Value (USD)").fill("1234.50")
    dialog.get_by_role("button", name="Confirm").click()
    expect(dialog).to_have_count(0)

    # Google Ads receives one click conversion, Meta one Purchase, both worth 1,234.50
    (upload,) = until(
        lambda: google_rows(fakes, "uploadClickConversions", "conversions"), "the upload", timeout=WITHIN_S
    )
    (purchase,) = until(lambda: purchases(fakes), "the Purchase", timeout=WITHIN_S)
    assert upload["conversionValue"] == 1234.5 and upload["gclid"] == CLICK["gclid"]
    assert purchase["custom_data"] == {"value": 1234.5, "currency": "USD"}
    assert purchase["event_source_url"] == f"{site.url}/contact"
    assert purchase["user_data"]["fbc"].endswith(CLICK["fbclid"])

    # The lead page shows what each platform holds
    page.get_by_role("region", name="Closed Won", exact=True).get_by_role("link", name="Rhea Revenue").click()
    conversions = page.get_by_role("region", name="Conversions", exact=True)
    expect(conversions).to_contain_text("$1,234.50", timeout=WITHIN_S * 1000)

    # The owner corrects the value: Google Ads gets one RESTATEMENT with it
    page.get_by_role("link", name="Edit lead").click()
    page.get_by_label("Value").fill("1500")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", name="Rhea Revenue")).to_be_visible()
    (restated,) = until(
        lambda: google_rows(fakes, "uploadConversionAdjustments", "conversionAdjustments"),
        "the restatement",
        timeout=WITHIN_S,
    )
    assert restated["adjustmentType"] == "RESTATEMENT" and restated["orderId"] == upload["orderId"]
    assert restated["restatementValue"] == {"adjustedValue": 1500.0, "currencyCode": "USD"}

    # Reopened: one RETRACTION of that order
    move_on_the_lead_page(page, "Qualified")

    def adjustments() -> list[dict[str, Any]]:
        return google_rows(fakes, "uploadConversionAdjustments", "conversionAdjustments")

    until(lambda: len(adjustments()) == 2, "the retraction", timeout=WITHIN_S)
    retraction = adjustments()[1]
    assert retraction["adjustmentType"] == "RETRACTION" and retraction["orderId"] == upload["orderId"]

    # Won again (the dialog offers the lead's value): Google gets the new win, Meta counts one Purchase
    move_on_the_lead_page(page, "Closed Won")
    dialog = page.get_by_role("dialog", name="Deal value")
    expect(dialog.get_by_label("Value (USD)")).to_have_value("1500")
    dialog.get_by_role("button", name="Confirm").click()
    until(
        lambda: len(google_rows(fakes, "uploadClickConversions", "conversions")) == 2,
        "the second upload",
        timeout=WITHIN_S,
    )
    second = google_rows(fakes, "uploadClickConversions", "conversions")[1]
    assert second["conversionValue"] == 1500.0 and second["orderId"] != upload["orderId"]
    # Within Meta's 48 hours the new Purchase carries the first one's event_id, which Meta drops
    until(lambda: len(purchases(fakes)) == 2, "the second Purchase", timeout=WITHIN_S)
    assert {p["event_id"] for p in purchases(fakes)} == {purchase["event_id"]}
    expect(conversions).to_contain_text("Value correction", timeout=WITHIN_S * 1000)


def sent(fakes: dict[str, str]) -> list[dict[str, Any]]:
    rows = google_rows(fakes, "uploadClickConversions", "conversions")
    return [row for row in rows if row.get("gclid") == "Cj0-zero-value"]


def test_a_win_without_a_value_is_sent_once_the_value_is_set_on_the_lead_page(
    page: Page, api: Api, account: Account, connected: None, fakes: dict[str, str]
) -> None:
    # Given a tenant that allows wins without a value, and a lead won that way
    reasons = api.ok("GET", "/settings/pipelines", account.id_token)["lost_reasons"]
    api.ok(
        "PUT",
        "/settings/pipelines",
        account.id_token,
        json={"lost_reasons": reasons, "allow_zero_value_wins": True},
    )
    lead = api.create_lead(
        account.id_token,
        first_name="Zed",
        last_name="Zero",
        email="zed.zero@example.test",
        source="google_ads",
        attribution={"gclid": "Cj0-zero-value", "fbclid": "IwAR-zero-value"},
    )
    won = api.stages(account.id_token)["Closed Won"]
    api.ok("POST", f"/leads/{lead['lead_id']}/stage", account.id_token, json={"stage_id": won, "version": 1})

    # Then its page says nothing was sent for want of a value, and offers to set it
    log_in(page, account.email, account.password)
    page.goto(f"/leads/{lead['lead_id']}")
    conversions = page.get_by_role("region", name="Conversions", exact=True)
    expect(conversions).to_contain_text("Not sent: no value", timeout=WITHIN_S * 1000)
    assert sent(fakes) == []

    # When the value is set there, the win goes to both platforms with it
    action = conversions.get_by_role("form", name="Set the value and send")
    action.get_by_label("Value (USD)").fill("900")
    action.get_by_role("button", name="Set the value and send").click()

    (row,) = until(lambda: sent(fakes), "the win with its value", timeout=WITHIN_S)
    assert row["conversionValue"] == 900.0
    assert any(
        p["custom_data"]["value"] == 900.0 and p["event_id"] == row["orderId"] for p in purchases(fakes)
    )
    expect(conversions).to_contain_text("Platform now holds $900", timeout=WITHIN_S * 1000)
