"""Connecting the ad accounts with a button: "Connect Google Ads" (OAuth 2.0 authorization code with
PKCE) and "Connect Meta" (Facebook Login for Business), and their "Disconnect".

1. `start_*` keeps a state for this user (convertly.conversions.oauth_state) and answers the platform's
   consent URL; the web app sends the browser there.
2. The platform sends the browser back to the web app's callback page
   (`{web_app_url}/settings/ad-platforms/callback/<platform>`), which posts code and state here with the
   user's ID token: `finish_*` uses the state once, exchanges the code (with the PKCE verifier for
   Google) using Convertly's app, and stores the token sealed with KMS, as a typed one is.
3. The owner then picks the account and conversion action (or the dataset) from the lists
   (convertly.conversions.ad_accounts) and saves them with the ordinary settings update.

`disconnect_*` ends the grant at the platform first (Google's revoke endpoint, Meta's
`DELETE /me/permissions`) and deletes the stored token only once the platform has let go of it.
"""

from __future__ import annotations

from typing import Any

from convertly.conversions import oauth_state, settings
from convertly.conversions import store as repo
from convertly.conversions.accounts import SecretOpener, purpose
from convertly.conversions.adapters.google_oauth import ADWORDS_SCOPE, GoogleOAuthClient, GoogleOAuthError
from convertly.conversions.adapters.meta_login import MetaLoginClient, MetaLoginError
from convertly.conversions.domain.conversions import AdsSettingsView, OAuthCallback, OAuthStart, Platform
from convertly.conversions.platform_apps import GoogleAdsApp, MetaApp, google_ads_app, meta_app
from convertly.platform.config import get_settings
from convertly.platform.errors import BadRequestError, ServiceUnavailableError
from convertly.platform.principal import Principal
from convertly.platform.secret_box import KmsSecretBox, SecretBox
from convertly.platform.store.items import plain

CALLBACK_PATH = "/settings/ad-platforms/callback/{platform}"
AGAIN = "connect again in a minute"  # the consent's state is used up: a retry starts a new one


def redirect_uri(platform: Platform) -> str:
    """The web app's page the platform sends the browser back to (registered with each app)."""
    return f"{get_settings().web_app_url.rstrip('/')}{CALLBACK_PATH.format(platform=platform.value)}"


# Google Ads ------------------------------------------------------------------------------------------


def start_google(principal: Principal, oauth: GoogleOAuthClient | None = None) -> OAuthStart:
    app = _google_app()
    uri = redirect_uri(Platform.GOOGLE_ADS)
    started = oauth_state.start(
        principal.tenant_id, principal.user_id, Platform.GOOGLE_ADS.value, uri, pkce=True
    )
    assert started.code_challenge is not None and app.client_id
    url = (oauth or GoogleOAuthClient()).authorize_url(
        app.client_id, uri, started.state, started.code_challenge
    )
    return OAuthStart(authorize_url=url, expires_at=started.expires_at)


def finish_google(
    principal: Principal,
    callback: OAuthCallback,
    oauth: GoogleOAuthClient | None = None,
    box: SecretBox | None = None,
) -> AdsSettingsView:
    """Exchange the consent's code for a refresh token and keep it (sealed). The tenant's own OAuth
    client, if it stored one, goes: the new token belongs to Convertly's client."""
    app = _google_app()
    taken = oauth_state.take(
        principal.tenant_id, principal.user_id, Platform.GOOGLE_ADS.value, callback.state
    )
    assert app.client_id and app.client_secret and taken.code_verifier
    try:
        grant = (oauth or GoogleOAuthClient()).exchange_code(
            app.client_id, app.client_secret, callback.code, taken.code_verifier, taken.redirect_uri
        )
    except GoogleOAuthError as error:
        raise _platform_error("Google", error.message, transient=error.transient, then=AGAIN) from None
    if grant.scope and ADWORDS_SCOPE not in grant.scope.split():
        raise BadRequestError(
            "Access to Google Ads was not granted: connect again and leave Google Ads ticked",
            code="scope_not_granted",
        )
    if not grant.refresh_token:
        raise BadRequestError(
            "Google gave no lasting access: connect again and allow offline access", code="no_refresh_token"
        )
    sealed = _sealed(principal.tenant_id, "google_ads", "refresh_token", grant.refresh_token, box)

    def keep(google: dict[str, Any]) -> dict[str, Any]:
        kept = {k: v for k, v in google.items() if k not in ("client_id", "client_secret")}
        return settings.connected({**kept, "refresh_token": sealed}, "oauth", principal.user_id)

    settings.change_platform(principal.tenant_id, principal.user_id, Platform.GOOGLE_ADS, keep)
    return settings.get_settings(principal)


def disconnect_google(
    principal: Principal, oauth: GoogleOAuthClient | None = None, opener: SecretOpener | None = None
) -> AdsSettingsView:
    stored = _stored(principal.tenant_id, Platform.GOOGLE_ADS)
    if stored.get("refresh_token"):
        token = _opened(principal.tenant_id, "google_ads", "refresh_token", stored, opener)
        try:
            (oauth or GoogleOAuthClient()).revoke(token)
        except GoogleOAuthError as error:
            raise _platform_error("Google", error.message, transient=error.transient) from None
        settings.change_platform(
            principal.tenant_id,
            principal.user_id,
            Platform.GOOGLE_ADS,
            lambda google: settings.disconnected(google, "refresh_token"),
        )
    return settings.get_settings(principal)


def _google_app() -> GoogleAdsApp:
    app = google_ads_app()
    if not app.can_connect:
        raise ServiceUnavailableError(
            "Connecting Google Ads needs Convertly's Google Ads app, which is not set up here: "
            "enter the credentials manually instead",
            code="google_ads_app_missing",
        )
    return app


# Meta ------------------------------------------------------------------------------------------------


def start_meta(principal: Principal, login: MetaLoginClient | None = None) -> OAuthStart:
    app = _meta_app()
    uri = redirect_uri(Platform.META)
    started = oauth_state.start(principal.tenant_id, principal.user_id, Platform.META.value, uri, pkce=False)
    assert app.app_id
    url = (login or MetaLoginClient()).dialog_url(app.app_id, uri, started.state, app.login_config_id)
    return OAuthStart(authorize_url=url, expires_at=started.expires_at)


def finish_meta(
    principal: Principal,
    callback: OAuthCallback,
    login: MetaLoginClient | None = None,
    box: SecretBox | None = None,
) -> AdsSettingsView:
    """Exchange the code for a long-lived access token and keep it (sealed), with a test event code
    for the connection test when the settings have none."""
    app = _meta_app()
    taken = oauth_state.take(principal.tenant_id, principal.user_id, Platform.META.value, callback.state)
    assert app.app_id and app.app_secret
    try:
        token = (login or MetaLoginClient()).exchange_code(
            app.app_id, app.app_secret, callback.code, taken.redirect_uri
        )
    except MetaLoginError as error:
        raise _platform_error("Meta", error.message, transient=error.transient, then=AGAIN) from None
    sealed = _sealed(principal.tenant_id, "meta", "access_token", token, box)

    def keep(meta: dict[str, Any]) -> dict[str, Any]:
        code = meta.get("test_event_code") or settings.new_test_event_code()
        return settings.connected(
            {**meta, "access_token": sealed, "test_event_code": code}, "oauth", principal.user_id
        )

    settings.change_platform(principal.tenant_id, principal.user_id, Platform.META, keep)
    return settings.get_settings(principal)


def disconnect_meta(
    principal: Principal, login: MetaLoginClient | None = None, opener: SecretOpener | None = None
) -> AdsSettingsView:
    stored = _stored(principal.tenant_id, Platform.META)
    if stored.get("access_token"):
        token = _opened(principal.tenant_id, "meta", "access_token", stored, opener)
        try:
            (login or MetaLoginClient()).revoke(token)
        except MetaLoginError as error:
            raise _platform_error("Meta", error.message, transient=error.transient) from None
        settings.change_platform(
            principal.tenant_id,
            principal.user_id,
            Platform.META,
            lambda meta: settings.disconnected(meta, "access_token"),
        )
    return settings.get_settings(principal)


def _meta_app() -> MetaApp:
    app = meta_app()
    if not app.can_connect:
        raise ServiceUnavailableError(
            "Connecting Meta needs Convertly's Meta app, which is not set up here: "
            "enter the credentials manually instead",
            code="meta_app_missing",
        )
    return app


# Shared ----------------------------------------------------------------------------------------------


def _stored(tenant_id: str, platform: Platform) -> dict[str, Any]:
    item = repo.get_ads_settings(tenant_id)
    value = None if item is None else (item.google if platform is Platform.GOOGLE_ADS else item.meta)
    return plain(value) if value else {}


def _sealed(tenant_id: str, platform: str, name: str, value: str, box: SecretBox | None) -> dict[str, str]:
    sealed = (box or KmsSecretBox()).seal(value, tenant_id, purpose(platform, name))
    return {"sealed": sealed, "last4": value[-4:]}


def _opened(
    tenant_id: str, platform: str, name: str, stored: dict[str, Any], opener: SecretOpener | None
) -> str:
    return (opener or settings.OPENER).open(stored[name]["sealed"], tenant_id, purpose(platform, name))


def _platform_error(
    name: str, message: str, *, transient: bool, then: str = "try again in a minute"
) -> Exception:
    if transient:
        return ServiceUnavailableError(
            f"{name} could not be reached just now ({message}): {then}", code="ad_platform_unavailable"
        )
    return BadRequestError(f"{message}: try connecting again", code="ad_platform_refused")
