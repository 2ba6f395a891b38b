"""The conversions capability's HTTP routes: ad platform settings, the conversions log and replay,
the Meta Lead Ads webhook."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U, WH = AuthKind.USER, AuthKind.WEBHOOK
P = Permission
GOOGLE, META = "/settings/ads/google_ads", "/settings/ads/meta"

ROUTES: tuple[Route, ...] = (
    # conversions: ad platform settings, the conversions ledger and replay, the Meta Lead Ads webhook
    Route("GET", "/settings/ads", "ads_settings", U, P.ADS_SETTINGS_MANAGE, "Ad platform settings (masked)"),
    Route(
        "PUT",
        "/settings/ads",
        "ads_settings",
        U,
        P.ADS_SETTINGS_MANAGE,
        "Save ad platform settings",
        audit="changed the ad platform settings",
    ),
    Route(
        "POST", "/settings/ads/test", "ads_settings", U, P.ADS_SETTINGS_MANAGE, "Test a platform connection"
    ),
    # Connecting the ad accounts with a button (OAuth): the consent URL, the code and state the web
    # app's callback page brought back, what the connection reaches, and disconnecting.
    Route("POST", f"{GOOGLE}/connect", "ads_settings", U, P.ADS_SETTINGS_MANAGE, "Google Ads consent URL"),
    Route(
        "POST",
        f"{GOOGLE}/callback",
        "ads_settings",
        U,
        P.ADS_SETTINGS_MANAGE,
        "Finish the consent",
        audit="connected Google Ads",
    ),
    Route("GET", f"{GOOGLE}/customers", "ads_settings", U, P.ADS_SETTINGS_MANAGE, "Accounts reached"),
    Route("GET", f"{GOOGLE}/conversion-actions", "ads_settings", U, P.ADS_SETTINGS_MANAGE, "Click actions"),
    Route(
        "POST",
        f"{GOOGLE}/disconnect",
        "ads_settings",
        U,
        P.ADS_SETTINGS_MANAGE,
        "Revoke Google Ads",
        audit="disconnected Google Ads",
    ),
    Route("POST", f"{META}/connect", "ads_settings", U, P.ADS_SETTINGS_MANAGE, "Meta login dialog URL"),
    Route(
        "POST",
        f"{META}/callback",
        "ads_settings",
        U,
        P.ADS_SETTINGS_MANAGE,
        "Finish the Meta login",
        audit="connected Meta",
    ),
    Route("GET", f"{META}/datasets", "ads_settings", U, P.ADS_SETTINGS_MANAGE, "Datasets (pixels) reached"),
    Route(
        "POST",
        f"{META}/disconnect",
        "ads_settings",
        U,
        P.ADS_SETTINGS_MANAGE,
        "Revoke Meta access",
        audit="disconnected Meta",
    ),
    Route("GET", "/conversions", "ads_settings", U, P.CONVERSIONS_READ, "Conversions log (platform, status)"),
    Route(
        "POST",
        "/conversions/replay",
        "ads_settings",
        U,
        P.CONVERSIONS_REPLAY,
        "Resend a lead's or the DLQ's",
        audit="resent conversions",
    ),
    Route(
        "GET", "/leads/{lead_id}/conversions", "ads_settings", U, P.LEADS_READ, "A lead's conversion ledger"
    ),
    Route("GET", "/webhooks/meta", "meta_webhook", WH, summary="Meta webhook verification (hub.challenge)"),
    Route("POST", "/webhooks/meta", "meta_webhook", WH, summary="Meta Lead Ads leads (signed)"),
    # match quality: per lead, over the recent wins, and the Google clicks about to expire
    Route("GET", "/leads/{lead_id}/match-quality", "ads_settings", U, P.LEADS_READ, "A lead's match quality"),
    Route(
        "GET",
        "/conversions/match-quality",
        "ads_settings",
        U,
        P.CONVERSIONS_READ,
        "Recent wins' match quality",
    ),
    Route(
        "GET", "/conversions/expiring-clicks", "ads_settings", U, P.CONVERSIONS_READ, "Google clicks expiring"
    ),
)
