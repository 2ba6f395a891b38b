"""Lead capture in Chromium: a customer's site on localhost embeds the snippet; a visitor arrives from a
Google ad, browses to another page, fills the form and submits; the lead shows up in the CRM with its
click id, UTMs, landing page and referrer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in
from tests.e2e.browser.sites import Website

AD_QUERY = "gclid=Cj0KCQ-browser-click&utm_source=google&utm_medium=cpc&utm_campaign=storm-damage"
GOOGLE = "https://www.google.com/"


def customer_site(snippet: str) -> Website:
    """A landing page and a contact page, each embedding the snippet."""
    return Website(
        {
            "/landing": "<h1>Storm damage? We fix roofs fast.</h1>"
            f"<a href='/contact'>Contact us</a>{snippet}",
            "/contact": f"<h1>Contact us</h1><p>Tell us about your roof.</p>{snippet}",
        }
    )


@pytest.fixture
def form(api: Api, account: Account) -> dict[str, Any]:
    settings = {
        "name": "Free roof inspection",
        "fields": [
            {"name": "name", "type": "text", "label": "Name", "required": True, "maps_to": "full_name"},
            {"name": "email", "type": "email", "label": "Email", "required": True},
            {"name": "phone", "type": "phone", "label": "Phone"},
            {
                "name": "ads_ok",
                "type": "consent",
                "label": "You may use my data for ads",
                "consent_signals": ["ad_user_data", "ad_personalization"],
            },
        ],
        "allowed_domains": ["localhost"],
        "min_fill_seconds": 1,
        "thank_you_message": "Thanks! We will call you today.",
    }
    created = api.ok("POST", "/forms", account.id_token, json=settings)
    return dict(api.ok("POST", f"/forms/{created['form_id']}/publish", account.id_token))


@pytest.fixture
def site(web_url: str, api: Api, form: dict[str, Any]) -> Iterator[Website]:
    snippet = (
        f'<script src="{web_url}/embed/convertly.js" data-form="{form["form_id"]}" '
        f'data-api="{api.base_url}" async></script>'
    )
    customer = customer_site(snippet)
    yield customer
    customer.stop()


def test_an_ad_click_survives_browsing_and_arrives_with_the_lead(
    page: Page, api: Api, account: Account, site: Website
) -> None:
    # Given a visitor who clicked a Google ad and landed on the customer's page
    landing = f"{site.url}/landing?{AD_QUERY}"
    page.goto(landing, referer=GOOGLE)
    expect(page.get_by_label("Email")).to_be_visible()  # the snippet rendered the form here too
    # When they browse on to the contact page (no click id in its URL) and fill in the form
    page.get_by_role("link", name="Contact us").click()
    expect(page).to_have_url(f"{site.url}/contact")
    page.get_by_label("Name").fill("Rosa Parks Roofing")
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_label("You may use my data for ads").check()
    page.wait_for_timeout(1100)  # a person takes longer than the form's minimum fill time
    page.get_by_role("button", name="Send").click()
    # Then the API's message for the bad field shows next to it
    email = page.get_by_label("Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Enter a valid email address")).to_be_visible()
    # When they correct it and double-click the button
    email.fill("rosa@example.test")
    page.get_by_role("button", name="Send").dblclick()
    # Then they are thanked, and one lead exists, carrying the click from the first page
    expect(page.get_by_role("status").filter(has_text="Thanks! We will call you today.")).to_be_visible()
    found = api.ok("GET", "/leads?q=rosa@example.test", account.id_token)["items"]
    assert len(found) == 1
    attribution = found[0]["attribution"]
    assert attribution["gclid"] == "Cj0KCQ-browser-click"
    assert (attribution["utm_source"], attribution["utm_campaign"]) == ("google", "storm-damage")
    assert attribution["landing_page"] == landing
    assert attribution["referrer"] == GOOGLE
    assert attribution["page_url"] == f"{site.url}/contact"  # where the form was sent
    assert attribution["consent"] == {"ad_user_data": "granted", "ad_personalization": "granted"}
    assert found[0]["source"] == "google_ads"

    # And the CRM's lead list shows the lead, whose page shows that attribution
    log_in(page, account.email, account.password)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Leads").click()
    page.get_by_role("link", name="Rosa Parks Roofing").click()
    region = page.get_by_role("region", name="Attribution")
    for value in ("Cj0KCQ-browser-click", "google", "storm-damage", landing, GOOGLE):
        expect(region).to_contain_text(value)
    # And its timeline starts with the submission, where the visit came from, then the creation
    entries = page.get_by_role("list", name="Timeline").get_by_role("listitem")
    expect(entries.last).to_contain_text("Submitted a form")
    expect(entries.last).to_contain_text(f"from a Google Ads click · campaign storm-damage · on {landing}")
    expect(entries.nth(-2)).to_contain_text("Created in New")
    expect(entries.nth(-2)).to_contain_text("by a form submission")
