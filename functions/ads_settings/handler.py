"""Ad platform settings capability: Google Ads and Meta credentials (secrets sealed, shown masked),
connecting the ad accounts with a button (OAuth), the connection test, the tenant's conversions log,
a lead's ledger, and replays."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.conversions.adapters.outcome import Status
from convertly.conversions.domain.conversions import (
    LEDGER_MAX_PAGE,
    QUALITY_MAX_DAYS,
    QUALITY_MAX_PAGE,
    AdsSettingsUpdate,
    AdsSettingsView,
    ConnectionTestRequest,
    ConnectionTestResult,
    ExpiringClicksPage,
    GoogleAdsConversionActionList,
    GoogleAdsCustomerList,
    LeadMatchQuality,
    LedgerFilters,
    LedgerPage,
    MatchQualityTotals,
    MetaDatasetList,
    OAuthCallback,
    OAuthStart,
    Platform,
    ReplayRequest,
    ReplayResult,
)
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import MetricUnit, instrumented, metrics
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.conversions import ad_accounts, connect, quality
    from convertly.conversions import settings as ads_settings
else:
    ad_accounts = deferred("convertly.conversions.ad_accounts")
    connect = deferred("convertly.conversions.connect")
    quality = deferred("convertly.conversions.quality")
    ads_settings = deferred("convertly.conversions.settings")

app = create_resolver(route_table("ads_settings"))


@app.get("/settings/ads")
def get_settings() -> AdsSettingsView:
    return ads_settings.get_settings(principal_of(app))


@app.put("/settings/ads")
def update_settings(body: AdsSettingsUpdate) -> AdsSettingsView:
    return ads_settings.update_settings(principal_of(app), body)


@app.post("/settings/ads/test")
def test_connection(body: ConnectionTestRequest) -> ConnectionTestResult:
    result = ads_settings.check_connection(principal_of(app), body)
    metrics.add_metric(
        name=f"AdsConnectionTests.{'ok' if result.ok else 'failed'}", unit=MetricUnit.Count, value=1
    )
    return result


# Connecting the ad accounts (OAuth) -------------------------------------------------------------------


@app.post("/settings/ads/google_ads/connect")
def connect_google() -> OAuthStart:
    return connect.start_google(principal_of(app))


@app.post("/settings/ads/google_ads/callback")
def finish_google(body: OAuthCallback) -> AdsSettingsView:
    return connect.finish_google(principal_of(app), body)


@app.get("/settings/ads/google_ads/customers")
def google_customers() -> GoogleAdsCustomerList:
    return ad_accounts.google_customers(principal_of(app))


@app.get("/settings/ads/google_ads/conversion-actions")
def google_conversion_actions(
    customer_id: Annotated[str, Query(min_length=1, max_length=40)],
    login_customer_id: Annotated[str | None, Query(max_length=40)] = None,
) -> GoogleAdsConversionActionList:
    return ad_accounts.google_conversion_actions(principal_of(app), customer_id, login_customer_id)


@app.post("/settings/ads/google_ads/disconnect")
def disconnect_google() -> AdsSettingsView:
    return connect.disconnect_google(principal_of(app))


@app.post("/settings/ads/meta/connect")
def connect_meta() -> OAuthStart:
    return connect.start_meta(principal_of(app))


@app.post("/settings/ads/meta/callback")
def finish_meta(body: OAuthCallback) -> AdsSettingsView:
    return connect.finish_meta(principal_of(app), body)


@app.get("/settings/ads/meta/datasets")
def meta_datasets() -> MetaDatasetList:
    return ad_accounts.meta_datasets(principal_of(app))


@app.post("/settings/ads/meta/disconnect")
def disconnect_meta() -> AdsSettingsView:
    return connect.disconnect_meta(principal_of(app))


@app.get("/conversions")
def conversions_log(
    platform: Annotated[Platform | None, Query()] = None,
    status: Annotated[Status | None, Query()] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=LEDGER_MAX_PAGE)] = 25,
) -> LedgerPage:
    filters = LedgerFilters(platform=platform, status=status)
    return ads_settings.conversions_log(principal_of(app), filters, cursor, limit)


@app.post("/conversions/replay", status_code=202)
def replay(body: ReplayRequest) -> ReplayResult:
    result = ads_settings.replay(principal_of(app), body)
    metrics.add_metric(name="ConversionReplays", unit=MetricUnit.Count, value=result.requested)
    return result


@app.get("/leads/<lead_id>/conversions")
def lead_ledger(lead_id: str) -> LedgerPage:
    return ads_settings.lead_ledger(principal_of(app), lead_id)


@app.get("/leads/<lead_id>/match-quality")
def lead_match_quality(lead_id: str) -> LeadMatchQuality:
    return quality.lead_match_quality(principal_of(app), lead_id)


@app.get("/conversions/match-quality")
def match_quality_totals(days: Annotated[int, Query(ge=1, le=QUALITY_MAX_DAYS)] = 30) -> MatchQualityTotals:
    return quality.match_quality_totals(principal_of(app), days)


@app.get("/conversions/expiring-clicks")
def expiring_clicks(
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=QUALITY_MAX_PAGE)] = 25,
) -> ExpiringClicksPage:
    return quality.expiring_clicks(principal_of(app), cursor, limit)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
