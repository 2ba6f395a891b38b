"""The reports API over cells kept by the consumer: figures, filters, models, CSV, who sees what, plan
gating, bad input and tenant isolation."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest

from convertly.analytics.models import Model
from convertly.billing import keys as billing_keys
from convertly.billing.items import BillingItem
from convertly.conversions.items import ConversionItem
from convertly.leads.items import LeadItem
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.store import keys as platform_keys
from tests.functional.analytics.support import (
    GOOGLE,
    META,
    deliver,
    edit,
    lead_of,
    move,
    stages,
    submit,
    tenant_events,
)
from tests.functional.capture.forms_support import ensure_secrets_key, published_form
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up


@pytest.fixture(autouse=True)
def _secrets_key(aws: LocalAws) -> None:
    ensure_secrets_key(aws)


def _get(api: Api, account: Account, path: str) -> dict[str, Any]:
    status, body = api.call("GET", path, token=account.token)
    assert status == 200, body
    return dict(body)


@pytest.fixture
def worked(api: Api, aws: LocalAws, tenant: Account) -> dict[str, Any]:
    """A tenant with: a Google-then-Meta contact won at 1,000.50; a Meta lead won at 200; a Google
    lead left open at 300; a lead by hand lost. The consumer has seen every event."""
    form = published_form(api, tenant)
    submit(api, form, "both@example.test", GOOGLE)
    submit(api, form, "both@example.test", META)
    submit(api, form, "meta@example.test", META)
    submit(api, form, "open@example.test", GOOGLE)
    both, meta, still = (lead_of(api, tenant, f"{n}@example.test") for n in ("both", "meta", "open"))
    status, manual = api.call("POST", "/leads", {"first_name": "Hand", "value": "40"}, tenant.token)
    assert status == 201
    found = stages(api, tenant)
    edit(api, tenant, both["lead_id"], value="1000.50")
    edit(api, tenant, meta["lead_id"], value="200")
    edit(api, tenant, still["lead_id"], value="300")
    move(api, tenant, both["lead_id"], found["won"]["stage_id"])
    move(api, tenant, meta["lead_id"], found["won"]["stage_id"])
    move(api, tenant, manual["lead_id"], found["lost"]["stage_id"], lost=True)
    deliver(tenant_events(aws, tenant), shuffle=5, twice=True)
    return {"both": both, "meta": meta, "open": still, "manual": manual, "stages": found}


def test_revenue_credits_the_won_revenue_exactly_under_every_model(
    api: Api, tenant: Account, worked: dict[str, Any]
) -> None:
    for model in Model:
        report = _get(api, tenant, f"/analytics/revenue?model={model.value}&group_by=campaign")
        assert report["total"]["revenue_minor"] == 120050, model
        assert sum(row["revenue_minor"] for row in report["rows"]) == 120050, model
        assert round(sum(row["won"] for row in report["rows"]), 3) == 2.0
    first = _get(api, tenant, "/analytics/revenue?model=first_touch&group_by=campaign")
    by_campaign = {row["campaign"]: row for row in first["rows"]}
    # First touch: the contact's Google visit gets the 1,000.50 win; Meta gets the 200 one
    assert by_campaign["storm"]["revenue_minor"] == 100050
    assert by_campaign["spring"]["revenue_minor"] == 20000
    # Leads are counted by their first touch; the open Google lead's 300 is open pipeline
    assert by_campaign["storm"]["leads"] == 2 and by_campaign["storm"]["open_value_minor"] == 30000
    assert by_campaign["storm"]["win_rate"] == 0.5
    last = _get(api, tenant, "/analytics/revenue?model=last_touch&group_by=campaign")
    assert {row["campaign"]: row["revenue_minor"] for row in last["rows"]}["spring"] == 120050
    # A source filter keeps that source's lines only
    meta_only = _get(api, tenant, "/analytics/revenue?model=last_touch&group_by=source&source=meta_ads")
    assert [row["source"] for row in meta_only["rows"]] == ["meta_ads"]


def test_the_funnel_counts_stages_ever_reached_and_conversion_to_won(
    api: Api, tenant: Account, worked: dict[str, Any]
) -> None:
    report = _get(api, tenant, "/analytics/funnel")
    assert report["cohort"] == 4 and report["won"] == 2
    stages_by_kind = {stage["kind"]: stage for stage in report["stages"]}
    assert stages_by_kind["won"]["reached"] == 2
    assert stages_by_kind["lost"]["reached"] == 1
    first = report["stages"][0]
    assert first["reached"] == 4 and first["share"] == 1.0 and first["to_won"] == 0.5


def test_a_stage_hidden_from_the_funnel_is_not_drawn(
    api: Api, tenant: Account, worked: dict[str, Any]
) -> None:
    pipeline = worked["stages"]["pipeline"]
    lost = worked["stages"]["lost"]
    status, body = api.call(
        "PATCH",
        f"/pipelines/{pipeline['pipeline_id']}/stages/{lost['stage_id']}",
        {"show_in_funnel": False},
        tenant.token,
    )
    assert status == 200, body
    report = _get(api, tenant, "/analytics/funnel")
    assert lost["stage_id"] not in [stage["stage_id"] for stage in report["stages"]]


def test_velocity_lists_time_in_stages_and_leads_stalled_past_the_p90(
    api: Api, aws: LocalAws, tenant: Account, worked: dict[str, Any]
) -> None:
    # Given the open lead entered its stage 40 days ago (the others left theirs within seconds)
    lead = LeadItem.get(f"T#{tenant.tenant_id}#LEAD#{worked['open']['lead_id']}", "LEAD")
    lead.update(
        actions=[
            LeadItem.GSI2SK.set(f"2020-01-01T00:00:00.000Z#{lead.lead_id}"),
            LeadItem.stage_entered_at.set("2020-01-01T00:00:00.000Z"),
        ]
    )
    report = _get(api, tenant, "/analytics/velocity")
    first = report["stages"][0]
    assert first["exits"] >= 3 and first["median_seconds"] is not None and first["p90_seconds"] is not None
    assert [stalled["lead_id"] for stalled in first["stalled"]] == [lead.lead_id]
    assert first["stalled"][0]["days_in_stage"] > 365


def test_revenue_over_time_adds_up_and_forecasts_open_leads(
    api: Api, tenant: Account, worked: dict[str, Any]
) -> None:
    report = _get(api, tenant, "/analytics/revenue-over-time?interval=week")
    assert report["total_minor"] == 120050 == sum(point["revenue_minor"] for point in report["points"])
    assert report["previous_total_minor"] == 0
    forecast = {month["month"]: month for month in report["forecast"]}
    assert forecast["none"]["leads"] == 1 and forecast["none"]["value_minor"] == 30000
    first_stage = worked["stages"]["pipeline"]["stages"][0]
    assert forecast["none"]["weighted_minor"] == round(30000 * first_stage["probability"] / 100)


def test_agents_each_see_their_own_row_and_managers_everyone(
    api: Api, aws: LocalAws, tenant: Account, worked: dict[str, Any]
) -> None:
    sales = invite(api, tenant, "Sales", "Sam Sales")
    everyone = _get(api, tenant, "/analytics/agents")
    names = [row["name"] for row in everyone["rows"]]
    assert "Sam Sales" in names and len(names) >= 2
    own = _get(api, sales, "/analytics/agents")
    assert [row["name"] for row in own["rows"]] == ["Sam Sales"]
    admin_row = next(row for row in everyone["rows"] if row["name"] != "Sam Sales")
    status, body = api.call("GET", f"/analytics/agents?owner_id={admin_row['user_id']}", token=sales.token)
    assert status == 403 and body["error"]["code"] == "own_figures_only"


def test_conversions_health_is_professional_and_shares_add_up(
    api: Api, tenant: Account, worked: dict[str, Any]
) -> None:
    status, body = api.call("GET", "/analytics/conversions", token=tenant.token)
    assert status == 402 and body["error"]["code"] == "plan_feature_required"
    assert body["error"]["details"]["upgrade_plan"] == "professional"
    billing = BillingItem.get(platform_keys.tenant(tenant.tenant_id), billing_keys.BILLING_SK)
    billing.update(actions=[BillingItem.plan.set("professional")])
    report = _get(api, tenant, "/analytics/conversions")
    assert report["won_revenue_minor"] == 120050 and report["wins"] == 2
    for platform in report["platforms"]:
        assert sum(o["revenue_minor"] for o in platform["outcomes"]) == 120050


def test_the_dashboard_has_every_tile_and_keeps_each_users_layout(
    api: Api, tenant: Account, worked: dict[str, Any]
) -> None:
    board = _get(api, tenant, "/analytics/dashboard")
    assert board["opportunities"] >= 1 and board["pipeline_value_minor"] >= 30000
    assert board["won_this_month_minor"] == 120050 or date.today().day == 1
    assert board["conversion_rate"] == 0.5
    assert board["funnel"]["cohort"] == 4
    assert board["top_sources"] and board["stages"]
    assert board["layout"]["hidden"] == []
    order = list(reversed(board["layout"]["order"]))
    status, saved = api.call(
        "PUT", "/analytics/dashboard/layout", {"order": order, "hidden": ["funnel"]}, tenant.token
    )
    assert status == 200 and saved == {"order": order, "hidden": ["funnel"]}
    assert _get(api, tenant, "/analytics/dashboard")["layout"] == saved
    status, body = api.call("PUT", "/analytics/dashboard/layout", {"order": order[:2]}, tenant.token)
    assert status == 422 and "order" in body["error"]["fields"]


def _download(api: Api, account: Account, path: str) -> tuple[int, dict[str, str], str]:
    response = api._client.http.get(path, headers={"authorization": f"Bearer {account.token}"})
    body = response.body.decode() if isinstance(response.body, bytes) else str(response.body)
    return response.status_code, {k.lower(): v for k, v in response.headers.items()}, body


def test_each_report_downloads_as_csv(api: Api, tenant: Account, worked: dict[str, Any]) -> None:
    for report in ("revenue", "funnel", "velocity", "revenue-over-time", "agents"):
        status, headers, text = _download(api, tenant, f"/analytics/export/{report}?model=first_touch")
        assert status == 200, (report, text)
        assert headers["content-type"].startswith("text/csv")
        assert "attachment" in headers["content-disposition"]
        assert len(list(csv.reader(io.StringIO(text)))) >= 2, report
    revenue = list(csv.DictReader(io.StringIO(_download(api, tenant, "/analytics/export/revenue")[2])))
    assert revenue[-1]["source"] == "Total" and revenue[-1]["revenue"] == "1200.50"
    assert _download(api, tenant, "/analytics/export/conversions")[0] == 402


def test_bad_filters_are_422_with_the_field_named(api: Api, tenant: Account) -> None:
    cases = {
        "/analytics/revenue?date_from=2026-13-01": "date_from",
        "/analytics/revenue?date_from=2026-05-02&date_to=2026-05-01": "date_from",
        "/analytics/revenue?date_from=2020-01-01&date_to=2026-01-01": "date_to",
        "/analytics/revenue?source=carrier_pigeon": "source",
    }
    for path, field in cases.items():
        status, body = api.call("GET", path, token=tenant.token)
        assert status == 422, (path, body)
        assert field in body["error"]["fields"], (path, body)
    status, body = api.call("GET", "/analytics/revenue?model=magic", token=tenant.token)
    assert status in (400, 422) and body["error"]["code"]


def test_another_tenants_figures_and_pipelines_are_out_of_reach(
    api: Api, tenant: Account, worked: dict[str, Any]
) -> None:
    other = sign_up(api, "Other Roofing")
    report = _get(api, other, "/analytics/revenue")
    assert report["total"]["revenue_minor"] == 0 and report["rows"] == []
    pipeline_id = worked["stages"]["pipeline"]["pipeline_id"]
    status, body = api.call("GET", f"/analytics/funnel?pipeline_id={pipeline_id}", token=other.token)
    assert status == 404 and body["error"]["code"] == "pipeline_not_found"


def test_conversions_health_follows_each_platforms_recorded_outcome(
    api: Api, tenant: Account, worked: dict[str, Any]
) -> None:
    # Given Professional, and the Meta-only win's conversion recorded: Google had no click, Meta took it
    billing = BillingItem.get(platform_keys.tenant(tenant.tenant_id), billing_keys.BILLING_SK)
    billing.update(actions=[BillingItem.plan.set("professional")])
    lead_id = worked["meta"]["lead_id"]
    lead = LeadItem.get(f"T#{tenant.tenant_id}#LEAD#{lead_id}", "LEAD")
    ConversionItem(
        lead.PK,
        f"CONV#{lead_id}-win",
        job_id=f"{lead_id}-win",
        lead_id=lead_id,
        kind="conversion",
        occurred_at=lead.stage_entered_at,
        dedupe_id=lead_id,
        value_minor=20000,
        google_ads={"status": "not_attributable"},
        meta={"status": "sent"},
    ).save()
    # When the consumer gets the event the conversions consumer records with it
    recorded = DomainEvent(
        detail_type="ConversionRecorded",
        tenant_id=tenant.tenant_id,
        subject_id=lead_id,
        data={"lead_id": lead_id, "outcomes": {"google_ads": "not_attributable", "meta": "sent"}},
    )
    deliver([recorded], twice=True)
    # Then Meta was told of the 200 and Google of nothing of it; the other win is still pending
    report = _get(api, tenant, "/analytics/conversions")
    outcomes = {
        platform["platform"]: {o["outcome"]: o["revenue_minor"] for o in platform["outcomes"]}
        for platform in report["platforms"]
    }
    assert outcomes["meta"] == {"sent": 20000, "pending": 100050}
    assert outcomes["google_ads"] == {"no_identifier": 20000, "pending": 100050}
    meta = next(p for p in report["platforms"] if p["platform"] == "meta")
    assert meta["reached_share"] == round(20000 / 120050, 4)


def test_the_forecast_counts_an_open_lead_in_its_expected_close_month(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    status, lead = api.call(
        "POST", "/leads", {"first_name": "Soon", "value": "500", "close_date": "2027-02-15"}, tenant.token
    )
    assert status == 201 and lead["close_date"] == "2027-02-15"
    status, body = api.call("POST", "/leads", {"first_name": "Bad", "close_date": "2027-13-01"}, tenant.token)
    assert status == 422 and "close_date" in body["error"]["fields"]
    edit(api, tenant, lead["lead_id"], close_date="2027-03-01")
    deliver(tenant_events(aws, tenant), twice=True)
    forecast = {m["month"]: m for m in _get(api, tenant, "/analytics/revenue-over-time")["forecast"]}
    assert "2027-02" not in forecast and forecast["2027-03"]["value_minor"] == 50000
    first_stage = stages(api, tenant)["pipeline"]["stages"][0]
    assert forecast["2027-03"]["weighted_minor"] == round(50000 * first_stage["probability"] / 100)
