"""The Reports pages against the API: a fresh tenant's leads from Google, Meta and organic search, one
of them moved through a stage and won. Each report shows the figures the API answers for the same
filters (the URL's), after changing the model, the grouping and the range; the table view, the CSV
download and the definitions work; Conversions health is locked on the Starter trial.

The local stack builds the report cells from the lead events asynchronously, so the data is made once
for the module and the API polled until the win shows.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.waiting import until

WITHIN_S = 90  # the local consumer builds the cells from the events a moment after each write
WON_MINOR = 123450  # the won lead's value, $1,234.50
FILTER_KEYS = ("date_from", "date_to", "pipeline_id", "owner_id", "source")


def money(minor: int) -> str:
    """As the page shows an amount of USD: the cents only when there are some."""
    whole, cents = divmod(abs(minor), 100)
    sign = "-" if minor < 0 else ""
    return f"{sign}${whole:,}" if cents == 0 else f"{sign}${whole:,}.{cents:02d}"


def day_label(day: str, with_year: bool) -> str:
    found = date.fromisoformat(day)
    text = f"{found:%b} {found.day}"
    return f"{text}, {found.year}" if with_year else text


def range_caption(report_range: dict[str, str]) -> str:
    first, last = report_range["date_from"], report_range["date_to"]
    days = f"{day_label(first, first[:4] != last[:4])} \u2013 {day_label(last, True)}"
    return f"{days} · {report_range['timezone']}"


def page_query(page: Page, **defaults: str) -> dict[str, str]:
    """The API query of the report on screen: the URL's filters and choices, else the defaults."""
    params = dict(parse_qsl(urlsplit(page.url).query))
    query = {key: params[key] for key in FILTER_KEYS if key in params}
    return {**query, **{key: params.get(key, value) for key, value in defaults.items()}}


def stat(page: Page, label: str) -> Locator:
    """A headline figure's value: each figure is a group named by its label."""
    return page.get_by_role("group", name=label, exact=True).locator(".report-stat-value")


def table_rows(page: Page) -> Locator:
    return page.get_by_role("table").first.locator("tbody tr")


def row_named(page: Page, name: str) -> Locator:
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name, exact=True))


def open_report(page: Page, title: str) -> None:
    page.get_by_role("navigation", name="Reports").get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Loading")).to_have_count(0)


@pytest.fixture(scope="module")
def tenant(api: Api) -> dict[str, Any]:
    """A tenant with three leads (Google Ads, Meta, organic), the Google one won for $1,234.50."""
    account = api.sign_up()
    token = account.id_token
    pipeline = api.ok("GET", "/pipelines", token)["items"][0]
    stages = {stage["kind"]: stage for stage in pipeline["stages"] if stage["kind"] != "open"}
    second = [stage for stage in pipeline["stages"] if stage["kind"] == "open"][1]
    google = api.create_lead(
        token,
        first_name="Stormy",
        last_name="Roof",
        email="stormy.roof@example.test",
        value="1234.50",
        source="google_ads",
        attribution={"utm_source": "google", "utm_medium": "cpc", "utm_campaign": "storm"},
    )
    api.create_lead(
        token,
        first_name="Mia",
        last_name="Meta",
        value="800",
        source="meta_ads",
        attribution={"utm_source": "facebook", "utm_medium": "paid_social", "utm_campaign": "spring"},
    )
    api.create_lead(token, first_name="Otto", last_name="Organic", value="300", source="organic_search")
    moved = api.ok(
        "POST",
        f"/leads/{google['lead_id']}/stage",
        token,
        json={"stage_id": second["stage_id"], "version": google["version"]},
    )
    api.ok(
        "POST",
        f"/leads/{google['lead_id']}/stage",
        token,
        json={"stage_id": stages["won"]["stage_id"], "version": moved["version"]},
    )

    def built() -> bool:
        revenue = api.ok("GET", "/analytics/revenue", token, params={"group_by": "source"})
        funnel = api.ok("GET", "/analytics/funnel", token)
        return revenue["total"]["revenue_minor"] == WON_MINOR and funnel["cohort"] == 3

    until(built, "the won revenue in the reports", timeout=WITHIN_S)
    return {"api": api, "account": account}


def get(tenant: dict[str, Any], path: str, query: dict[str, str]) -> dict[str, Any]:
    api: Api = tenant["api"]
    account: Account = tenant["account"]
    report: dict[str, Any] = api.ok("GET", path, account.id_token, params=query)
    return report


def test_each_report_shows_the_figures_the_api_answers(page: Page, tenant: dict[str, Any]) -> None:
    account: Account = tenant["account"]
    log_in(page, account.email, account.password)

    # The Reports area lists the reports; the first one opens with its default choices
    main_nav(page).get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", level=1, name="Reports")).to_be_visible()
    page.get_by_role("link", name="Revenue by source", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Revenue by source")).to_be_visible()
    revenue = get(tenant, "/analytics/revenue", page_query(page, model="last_non_direct", group_by="source"))
    assert revenue["range"]["currency"] == "USD"
    expect(page.get_by_text(range_caption(revenue["range"]), exact=True)).to_be_visible()
    expect(stat(page, "Revenue")).to_have_text(money(revenue["total"]["revenue_minor"]))
    expect(stat(page, "Revenue")).to_have_text(money(WON_MINOR))
    expect(stat(page, "Leads")).to_have_text(str(revenue["total"]["leads"]))
    expect(stat(page, "Open value")).to_have_text(money(revenue["total"]["open_value_minor"]))
    chart = page.get_by_role("img", name=re.compile(r"^Bar chart of revenue by source"))
    expect(chart).to_have_accessible_name(re.compile(re.escape(f"Google Ads {money(WON_MINOR)}")))

    # The definitions show on focus
    page.get_by_role("button", name="Open value", exact=True).focus()
    expect(page.get_by_role("tooltip")).to_contain_text("first touch")
    page.keyboard.press("Escape")
    expect(page.get_by_role("tooltip")).to_be_hidden()

    # Another model and grouping: the URL keeps them, and the figures follow the API's
    page.get_by_label("Attribution model").select_option(label="First touch")
    page.get_by_label("Group by").select_option(label="Campaign")
    expect(page).to_have_url(re.compile(r"model=first_touch.*group_by=campaign"))
    revenue = get(tenant, "/analytics/revenue", page_query(page, model="first_touch", group_by="campaign"))
    expect(stat(page, "Revenue")).to_have_text(money(revenue["total"]["revenue_minor"]))

    # The table view has a row per campaign with the API's figures, and the total
    page.get_by_role("button", name="Show table").click()
    expect(page.get_by_role("button", name="Show table")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="Show chart")).to_have_attribute("aria-pressed", "false")
    storm = next(row for row in revenue["rows"] if row["campaign"] == "storm")
    expect(row_named(page, "Google Ads · storm").get_by_role("cell")).to_have_text(
        [
            str(storm["leads"]),
            str(storm["open_leads"]),
            money(storm["open_value_minor"]),
            "1",
            "100%",
            money(storm["revenue_minor"]),
            money(storm["average_deal_minor"]),
            re.compile(r"days?$"),
        ]
    )
    expect(table_rows(page)).to_have_count(len(revenue["rows"]))
    expect(row_named(page, "Total").get_by_role("cell").nth(5)).to_have_text(
        money(revenue["total"]["revenue_minor"])
    )

    # The CSV download has the same rows
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    first, last = revenue["range"]["date_from"], revenue["range"]["date_to"]
    assert download.value.suggested_filename == f"revenue-{first}-{last}.csv"
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    lines = list(csv.DictReader(io.StringIO(text)))
    assert [line["campaign"] for line in lines if line["source"] != "Total"] == [
        row["campaign"] for row in revenue["rows"]
    ]
    assert next(line for line in lines if line["campaign"] == "storm")["revenue"] == "1234.50"

    # A preset range, then days long before the account: the empty state says what to do
    page.get_by_role("button", name="Last 7 days").click()
    expect(page.get_by_role("button", name="Last 7 days")).to_have_attribute("aria-pressed", "true")
    expect(page).to_have_url(re.compile(r"date_from=\d{4}-\d{2}-\d{2}"))
    revenue = get(tenant, "/analytics/revenue", page_query(page, model="first_touch", group_by="campaign"))
    expect(page.get_by_text(range_caption(revenue["range"]), exact=True)).to_be_visible()
    expect(stat(page, "Revenue")).to_have_text(money(revenue["total"]["revenue_minor"]))
    page.get_by_label("To", exact=True).fill("2021-01-31")
    page.get_by_label("From", exact=True).fill("2021-01-01")
    expect(page).to_have_url(re.compile(r"date_from=2021-01-01&date_to=2021-01-31"))
    empty = get(tenant, "/analytics/revenue", page_query(page, model="first_touch", group_by="campaign"))
    assert empty["total"]["revenue_minor"] == 0 and empty["rows"] == []
    expect(page.get_by_role("heading", name="No revenue in this range yet")).to_be_visible()
    empty_state = page.get_by_role("main")
    expect(empty_state.get_by_role("link", name="Forms", exact=True)).to_have_attribute("href", "/forms")
    expect(empty_state.get_by_role("link", name="Pipeline", exact=True)).to_have_attribute(
        "href", "/pipeline"
    )
    page.get_by_role("button", name="Last 30 days").click()

    # Funnel: the cohort and each stage as the API counts them (the table view stays on)
    open_report(page, "Funnel")
    funnel = get(tenant, "/analytics/funnel", page_query(page))
    expect(stat(page, "New leads")).to_have_text(str(funnel["cohort"]))
    expect(stat(page, "Won now")).to_have_text(str(funnel["won"]))
    expect(table_rows(page).locator("th")).to_have_text([stage["name"] for stage in funnel["stages"]])
    expect(table_rows(page).locator("td:nth-child(2)")).to_have_text(
        [str(stage["reached"]) for stage in funnel["stages"]]
    )
    page.get_by_role("button", name="Show chart").click()
    expect(
        page.get_by_role("img", name=re.compile(rf"^Funnel of the {funnel['cohort']} leads"))
    ).to_be_visible()

    # Stage velocity: the stages leads left, and the stalled leads link to their pages
    open_report(page, "Stage velocity")
    velocity = get(tenant, "/analytics/velocity", page_query(page))
    page.get_by_role("button", name="Show table").click()
    left = next(stage for stage in velocity["stages"] if stage["exits"] > 0)
    expect(row_named(page, left["name"]).get_by_role("cell").first).to_have_text(str(left["exits"]))
    for stage in velocity["stages"]:
        for lead in stage["stalled"]:
            expect(page.get_by_role("link", name=lead["name"], exact=True)).to_have_attribute(
                "href", f"/leads/{lead['lead_id']}"
            )

    # Revenue over time: the total, the period before and the forecast of the open leads
    open_report(page, "Revenue over time")
    interval = page.get_by_label("Show by").input_value()
    over_time = get(
        tenant, "/analytics/revenue-over-time", page_query(page, model="first_touch", interval=interval)
    )
    expect(stat(page, "Revenue")).to_have_text(money(over_time["total_minor"]))
    expect(stat(page, "Previous period")).to_have_text(money(over_time["previous_total_minor"]))
    forecast = page.get_by_role("table", name="Forecast by expected close month")
    expect(forecast.locator("tbody td:nth-child(3)")).to_have_text(
        [money(month["value_minor"]) for month in over_time["forecast"]]
    )
    page.get_by_label("Show by").select_option(label="Week")
    expect(page).to_have_url(re.compile(r"interval=week"))
    weekly = get(
        tenant, "/analytics/revenue-over-time", page_query(page, model="first_touch", interval="week")
    )
    expect(page.get_by_role("table", name="Won revenue by week").locator("tbody tr")).to_have_count(
        len(weekly["points"])
    )

    # Agents: each user's revenue as the API counts it
    open_report(page, "Agents")
    agents = get(tenant, "/analytics/agents", page_query(page))
    for row in agents["rows"]:
        expect(row_named(page, row["name"]).get_by_role("cell").nth(3)).to_have_text(
            money(row["revenue_minor"])
        )
    owner = next(row for row in agents["rows"] if row["name"] == account.name)
    expect(row_named(page, account.name).get_by_role("cell").first).to_have_text(str(owner["leads_owned"]))


def test_conversions_health_is_locked_on_the_starter_trial(page: Page, tenant: dict[str, Any]) -> None:
    account: Account = tenant["account"]
    refused = tenant["api"].call("GET", "/analytics/conversions", account.id_token)
    assert refused.status_code == 402
    assert refused.json()["error"]["code"] == "plan_feature_required"

    log_in(page, account.email, account.password)
    page.goto("/reports/conversions")
    expect(page.get_by_role("heading", level=1, name="Conversions health")).to_be_visible()
    locked = page.get_by_role("region", name="Conversions health is part of the Professional plan")
    expect(locked).to_be_visible()
    expect(locked.get_by_role("link", name="Upgrade to Professional")).to_have_attribute("href", "/billing")
    expect(page.get_by_role("button", name="Download CSV")).to_have_count(0)
    expect(page.get_by_role("alert")).to_have_count(0)
