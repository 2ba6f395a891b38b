"""A tenant's ad platform accounts with their secrets opened: what the conversions consumer, the
connection test and the Meta webhook send with. Secrets are sealed per tenant and per field (KMS
encryption context `{tenant_id, purpose}`), opened only for the platforms about to be used, and kept
opened in memory for the warm container, keyed by their ciphertext (a changed secret is a new key).

Google Ads: the tenant holds its account, conversion action and the refresh token its "Connect Google
Ads" consent gave; the developer token and the OAuth client are Convertly's (`platform_apps`). An
agency may still store its own developer token, or its own OAuth client (id and secret together, with a
refresh token that client issued): what the tenant stores wins over the platform's.

Meta: the tenant holds the dataset and its access token. The test event code is for the connection test
only: live conversions are never sent with it, or Meta would count none of them.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from convertly.accounts import service as accounts
from convertly.conversions.adapters.google import GoogleAdsCredentials
from convertly.conversions.adapters.meta import MetaCredentials
from convertly.conversions.items import AdsSettingsItem
from convertly.conversions.platform_apps import GoogleAdsApp, google_ads_app
from convertly.platform.secret_box import KmsSecretBox, SecretBox
from convertly.platform.store.items import plain

GOOGLE_SECRETS = ("developer_token", "client_secret", "refresh_token")
# What the tenant itself must have; the app fields come from Convertly's app unless the tenant has its own.
GOOGLE_REQUIRED = ("customer_id", "conversion_action_id", "refresh_token")
GOOGLE_APP_FIELDS = ("developer_token", "client_id", "client_secret")
META_SECRETS = ("access_token",)
META_REQUIRED = ("dataset_id", "access_token")
_CACHE_SIZE = 256


def purpose(platform: str, name: str) -> str:
    """The KMS encryption context's purpose of one secret field, e.g. ads.google_ads.refresh_token."""
    return f"ads.{platform}.{name}"


def missing(stored: dict[str, Any], required: tuple[str, ...]) -> list[str]:
    return [name for name in required if not stored.get(name)]


def own_client(stored: dict[str, Any]) -> bool:
    """The tenant stores an OAuth client of its own (then its id and secret are both needed)."""
    return bool(stored.get("client_id") or stored.get("client_secret"))


def google_missing(stored: dict[str, Any], app: GoogleAdsApp) -> list[str]:
    """What the Google Ads settings still lack, the platform's app counted in."""
    lacking = missing(stored, GOOGLE_REQUIRED)
    if not stored.get("developer_token") and not app.developer_token:
        lacking.append("developer_token")
    if own_client(stored):
        lacking += missing(stored, ("client_id", "client_secret"))
    elif not app.can_connect:
        lacking += ["client_id", "client_secret"]
    return lacking


@dataclass(frozen=True)
class AdAccounts:
    tenant_id: str
    timezone: str = "UTC"
    country: str = "US"
    google: GoogleAdsCredentials | None = None
    google_missing: list[str] = field(default_factory=lambda: list(GOOGLE_REQUIRED))
    meta: MetaCredentials | None = None
    meta_missing: list[str] = field(default_factory=lambda: list(META_REQUIRED))
    meta_test_event_code: str | None = None  # the connection test's, never sent with live events
    stage_events: dict[str, str] = field(default_factory=dict)
    page_ids: list[str] = field(default_factory=list)


class SecretOpener:
    """Opens sealed secrets through a SecretBox, remembering the plaintexts of the warm container."""

    def __init__(self, box: SecretBox | None = None) -> None:
        self._box = box
        self._opened: OrderedDict[tuple[str, str, str], str] = OrderedDict()

    def open(self, sealed: str, tenant_id: str, purpose_name: str) -> str:
        key = (tenant_id, purpose_name, sealed)
        if key in self._opened:
            self._opened.move_to_end(key)
            return self._opened[key]
        self._box = self._box or KmsSecretBox()
        plaintext = self._box.open(sealed, tenant_id, purpose_name)
        self._opened[key] = plaintext
        if len(self._opened) > _CACHE_SIZE:
            self._opened.popitem(last=False)
        return plaintext


def google_credentials(
    tenant_id: str,
    google: dict[str, Any],
    opener: SecretOpener,
    app: GoogleAdsApp,
    *,
    customer_id: str | None = None,
    login_customer_id: str | None = None,
) -> GoogleAdsCredentials:
    """The credentials to call Google Ads with: the tenant's refresh token, its own developer token and
    OAuth client where it stores them, Convertly's otherwise. `customer_id` / `login_customer_id` name
    another account than the stored one (listing accounts before one is chosen)."""

    def opened(name: str) -> str | None:
        secret = google.get(name)
        return opener.open(secret["sealed"], tenant_id, purpose("google_ads", name)) if secret else None

    if own_client(google):
        client_id, client_secret = str(google.get("client_id") or ""), opened("client_secret") or ""
    else:
        client_id, client_secret = app.client_id or "", app.client_secret or ""
    return GoogleAdsCredentials(
        customer_id=customer_id or str(google.get("customer_id") or ""),
        conversion_action_id=str(google.get("conversion_action_id") or ""),
        developer_token=opened("developer_token") or app.developer_token or "",
        client_id=client_id,
        client_secret=client_secret,
        refresh_token=opened("refresh_token") or "",
        login_customer_id=(
            login_customer_id
            if customer_id is not None
            else str(google.get("login_customer_id") or "") or None
        ),
    )


def open_accounts(
    tenant_id: str,
    settings: AdsSettingsItem | None,
    tenant: accounts.Tenant | None,
    opener: SecretOpener,
    platforms: frozenset[str] = frozenset({"google_ads", "meta"}),
    app: GoogleAdsApp | None = None,
) -> AdAccounts:
    """The tenant's accounts; a platform whose settings are incomplete (or not asked for) is None."""
    google = plain(settings.google) if settings is not None and settings.google else {}
    meta = plain(settings.meta) if settings is not None and settings.meta else {}
    google_app = app or (google_ads_app() if "google_ads" in platforms else GoogleAdsApp())
    lacking_google, lacking_meta = google_missing(google, google_app), missing(meta, META_REQUIRED)
    google_account = meta_account = None
    if not lacking_google and "google_ads" in platforms:
        google_account = google_credentials(tenant_id, google, opener, google_app)
    if not lacking_meta and "meta" in platforms:
        meta_account = MetaCredentials(
            dataset_id=str(meta["dataset_id"]),
            access_token=opener.open(
                meta["access_token"]["sealed"], tenant_id, purpose("meta", "access_token")
            ),
        )
    return AdAccounts(
        tenant_id=tenant_id,
        timezone=(tenant.timezone if tenant is not None else None) or "UTC",
        country=(tenant.country if tenant is not None else None) or "US",
        google=google_account,
        google_missing=lacking_google,
        meta=meta_account,
        meta_missing=lacking_meta,
        meta_test_event_code=str(meta.get("test_event_code") or "") or None,
        stage_events={str(k): str(v) for k, v in (meta.get("stage_events") or {}).items()},
        page_ids=[str(page) for page in meta.get("page_ids") or []],
    )
