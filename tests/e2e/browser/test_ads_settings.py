"""Lead Ads on the Ad platforms page in Chromium: the demo admin reads the webhook URL, lists a Facebook
page (a page id with letters is refused in the page, one another account holds is refused by the API
next to its input), maps a stage to a CRM event, saves, and sees both again after a reload; the API
holds what the page showed."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser.api import Api
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
