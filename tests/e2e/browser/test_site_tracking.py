"""Site-wide click tracking in Chromium: a customer's site has the site tag on its home page and the form
on its contact page. A visitor lands on the home page from an ad with every click id and UTM in the
address, browses to the contact page (whose address has none) and sends the form; the lead carries
every id and UTM, the home page as its landing page, and the contact page as the page it was sent on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.sites import Website, two_page_site

CLICK = {
    "gclid": "Cj0KCQ-site-click",
    "gbraid": "0AAAAA-site-gbraid",
    "wbraid": "CjkKEQ-site-wbraid",
    "fbclid": "IwAR-site-fbclid",
    "msclkid": "5e2b-site-msclkid",
    "ttclid": "E.C.P.site-ttclid",
    "li_fat_id": "site-li-fat-id",
    "utm_source": "google",
    "utm_medium": "cpc",
    "utm_campaign": "spring",
    "utm_term": "roof repair",
    "utm_content": "ad-b",
    "utm_id": "cmp-77",
}
GOOGLE = "https://www.google.com/"


@pytest.fixture
def form(api: Api, account: Account) -> dict[str, Any]:
    settings = {
        "name": "Free roof inspection",
        "fields": [
            {"name": "name", "type": "text", "label": "Name", "required": True, "maps_to": "full_name"},
            {"name": "email", "type": "email", "label": "Email", "required": True},
        ],
        "allowed_domains": ["localhost"],
        "min_fill_seconds": 1,
        "thank_you_message": "Thanks! We will call you today.",
    }
    created = api.ok("POST", "/forms", account.id_token, json=settings)
    return dict(api.ok("POST", f"/forms/{created['form_id']}/publish", account.id_token))


@pytest.fixture
def site(web_url: str, api: Api, form: dict[str, Any]) -> Iterator[Website]:
    src = f"{web_url}/embed/convertly.js"
    site_tag = f'<script src="{src}" data-api="{api.base_url}" async></script>'
    form_tag = f'<script src="{src}" data-form="{form["form_id"]}" data-api="{api.base_url}" async></script>'
    customer = two_page_site(site_tag, form_tag)
    yield customer
    customer.stop()


def test_a_click_on_the_home_page_arrives_with_the_form_sent_from_the_contact_page(
    page: Page, api: Api, account: Account, site: Website
) -> None:
    # Given a visitor who clicked an ad and landed on the home page, which has the site tag only
    landing = f"{site.url}/?{urlencode(CLICK)}"
    page.goto(landing, referer=GOOGLE)
    expect(page.get_by_role("heading", name="Roofs, fixed fast")).to_be_visible()
    page.wait_for_function("() => localStorage.getItem('convertly_touches') !== null")
    # Then the site tag shows nothing there
    expect(page.locator("form")).to_have_count(0)
    expect(page.locator("#cvly-style")).to_have_count(0)
    # When they browse on to the contact page (no click id in its address) and send the form
    page.get_by_role("link", name="Contact us").click()
    contact = f"{site.url}/contact"
    expect(page).to_have_url(contact)
    page.get_by_label("Name").fill("Morgan Slate")
    page.get_by_label("Email").fill("morgan.slate@example.test")
    page.wait_for_timeout(1100)  # a person takes longer than the form's minimum fill time
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("status").filter(has_text="Thanks! We will call you today.")).to_be_visible()

    # Then the lead carries every click id and UTM of the home page's address
    (lead,) = api.ok("GET", "/leads?q=morgan.slate@example.test", account.id_token)["items"]
    for touch in (lead["attribution"], lead["last_touch"]):
        for key, value in CLICK.items():
            assert touch[key] == value, key
        # And the home page is the landing page, the contact page the page the form was sent on
        assert touch["landing_page"] == landing
        assert touch["page_url"] == contact
        assert touch["referrer"] == GOOGLE
        assert touch["fbc"].startswith("fb.1.") and touch["fbc"].endswith(f".{CLICK['fbclid']}")
    assert lead["source"] == "google_ads"
