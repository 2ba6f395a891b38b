"""The dashboard in Chromium: its tiles show the figures GET /analytics/dashboard answers, a tile links
to its page, and a user's layout (hidden tiles, order) is saved, survives a reload and stays theirs.

The test works in its own freshly signed-up tenant, with leads it creates and wins through the API.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in
from tests.e2e.waiting import read_until

# The local stack's consumer builds the report cells a little after each change (after the demo seed's
# events, at the start of a run on a busy machine).
CELLS_WITHIN_S = 90  # the local consumer builds the cells from the events a moment after each write

TITLES = {
    "opportunities": "Opportunities",
    "pipeline_value": "Pipeline value",
    "conversion_rate": "Conversion rate",
    "won_this_month": "Won this month",
    "funnel": "Funnel",
    "stages": "Stages distribution",
    "top_sources": "Revenue by source",
    "tasks_due": "Tasks due",
    "followups_due": "Follow-ups due",
}


def money(minor: int) -> str:
    """US dollars as the web app shows them: cents only when there are some."""
    return f"${minor / 100:,.2f}" if minor % 100 else f"${minor // 100:,}"


def percent(rate: float) -> str:
    return f"{round(rate * 1000) / 10:g}%"


def tile(page: Page, tile_id: str) -> Locator:
    return page.get_by_role("region", name=TITLES[tile_id], exact=True)


def tile_titles(page: Page) -> Locator:
    return page.locator(".dash-grid").get_by_role("heading", level=2)


def figures_in(dashboard: dict[str, Any]) -> bool:
    """Whether the win and the three new leads are in the dashboard's cells."""
    return bool(
        dashboard["won_this_month_minor"] > 0
        and dashboard["opportunities"] == 2
        and dashboard["conversion_rate"] is not None
        and dashboard["top_sources"]
        and dashboard["funnel"]
        and dashboard["funnel"]["cohort"] == 3
    )


def wait_for_figures(api: Api, token: str) -> dict[str, Any]:
    """The dashboard once the win and the three new leads are in its cells."""
    dashboard: dict[str, Any] = read_until(
        lambda: api.ok("GET", "/analytics/dashboard", token), figures_in, timeout=CELLS_WITHIN_S
    )
    assert figures_in(dashboard), f"the dashboard's figures did not arrive: {dashboard}"
    return dashboard


def test_the_tiles_show_the_api_figures_and_a_custom_layout_sticks(
    page: Page, api: Api, account: Account
) -> None:
    # Given three new leads, one of them won
    token = account.id_token
    stages = api.stages(token)
    api.create_lead(token, first_name="Ada", value="1234.50", source="google_ads")
    api.create_lead(token, first_name="Ben", value="800", source="referral")
    won = api.create_lead(token, first_name="Cleo", value="2500.25", source="google_ads")
    api.ok(
        "POST",
        f"/leads/{won['lead_id']}/stage",
        token,
        json={"stage_id": stages["Closed Won"], "version": won["version"]},
    )
    figures = wait_for_figures(api, token)
    assert figures["range"]["currency"] == "USD"
    assert figures["pipeline_value_minor"] == 203450

    # When the owner logs in, the dashboard's tiles show the same figures
    log_in(page, account.email, account.password)
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(tile(page, "opportunities").get_by_text("2", exact=True)).to_be_visible()
    expect(tile(page, "pipeline_value")).to_contain_text(money(figures["pipeline_value_minor"]))
    expect(tile(page, "won_this_month")).to_contain_text(money(figures["won_this_month_minor"]))
    expect(tile(page, "conversion_rate")).to_contain_text(percent(figures["conversion_rate"]))
    expect(tile(page, "funnel").get_by_role("img", name=re.compile(r"^Funnel of 3 leads"))).to_be_visible()

    # And a chart's figures can be read as a table
    sources = tile(page, "top_sources")
    toggle = sources.get_by_role("button", name="Show table of Revenue by source")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    top = figures["top_sources"][0]
    expect(sources.get_by_role("row", name=re.compile("Google Ads"))).to_contain_text(
        money(top["revenue_minor"])
    )

    # And a tile's link opens its page
    tile(page, "opportunities").get_by_role("link", name="View leads").click()
    expect(page).to_have_url(re.compile(r"/leads$"))
    expect(page.get_by_role("heading", name="Leads", exact=True)).to_be_visible()
    page.go_back()
    expect(tile(page, "opportunities")).to_be_visible()

    # When a change is cancelled, nothing changes
    page.get_by_role("button", name="Customize").click()
    page.get_by_role("checkbox", name="Show Funnel").uncheck()
    page.get_by_role("button", name="Cancel").click()
    expect(tile_titles(page)).to_have_text(list(TITLES.values()))

    # When the owner hides Tasks due, moves the Funnel up and saves
    page.get_by_role("button", name="Customize").click()
    page.get_by_role("checkbox", name="Show Tasks due").uncheck()
    page.get_by_role("button", name="Move Funnel up").click()
    expect(page.get_by_role("button", name="Move Funnel up")).to_be_focused()
    page.get_by_role("button", name="Save layout").click()
    expect(page.get_by_text("Dashboard layout saved")).to_be_visible()

    # Then the dashboard shows the new layout, after a reload too, and the API keeps it
    order = [*TITLES]
    order[3], order[4] = "funnel", "won_this_month"
    shown = [TITLES[tile_id] for tile_id in order if tile_id != "tasks_due"]
    expect(tile_titles(page)).to_have_text(shown)
    expect(tile(page, "tasks_due")).to_have_count(0)
    page.reload()
    expect(tile_titles(page)).to_have_text(shown)
    layout = api.ok("GET", "/analytics/dashboard", token)["layout"]
    assert layout == {"order": order, "hidden": ["tasks_due"]}
