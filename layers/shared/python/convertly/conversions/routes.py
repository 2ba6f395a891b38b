"""The conversions capability's HTTP routes: ad platform settings, the conversions log and replay,
the Meta Lead Ads webhook."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U, WH = AuthKind.USER, AuthKind.WEBHOOK
P = Permission

ROUTES: tuple[Route, ...] = (
    # conversions: ad platform settings, the conversions ledger and replay, the Meta Lead Ads webhook
    Route("GET", "/settings/ads", "ads_settings", U, P.ADS_SETTINGS_MANAGE, "Ad platform settings (masked)"),
    Route("PUT", "/settings/ads", "ads_settings", U, P.ADS_SETTINGS_MANAGE, "Save ad platform settings"),
    Route(
        "POST", "/settings/ads/test", "ads_settings", U, P.ADS_SETTINGS_MANAGE, "Test a platform connection"
    ),
    Route("GET", "/conversions", "ads_settings", U, P.CONVERSIONS_READ, "Conversions log (platform, status)"),
    Route(
        "POST", "/conversions/replay", "ads_settings", U, P.CONVERSIONS_REPLAY, "Resend a lead's or the DLQ's"
    ),
    Route(
        "GET", "/leads/{lead_id}/conversions", "ads_settings", U, P.LEADS_READ, "A lead's conversion ledger"
    ),
    Route("GET", "/webhooks/meta", "meta_webhook", WH, summary="Meta webhook verification (hub.challenge)"),
    Route("POST", "/webhooks/meta", "meta_webhook", WH, summary="Meta Lead Ads leads (signed)"),
)
