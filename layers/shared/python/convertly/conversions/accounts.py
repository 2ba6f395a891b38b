"""A tenant's ad platform accounts with their secrets opened: what the conversions consumer, the
connection test and the Meta webhook send with. Secrets are sealed per tenant and per field (KMS
encryption context `{tenant_id, purpose}`), opened only for the platforms about to be used, and kept
opened in memory for the warm container, keyed by their ciphertext (a changed secret is a new key)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from convertly.accounts import service as accounts
from convertly.conversions.adapters.google import GoogleAdsCredentials
from convertly.conversions.adapters.meta import MetaCredentials
from convertly.conversions.items import AdsSettingsItem
from convertly.platform.secret_box import KmsSecretBox, SecretBox
from convertly.platform.store.items import plain

GOOGLE_SECRETS = ("developer_token", "client_secret", "refresh_token")
GOOGLE_REQUIRED = ("customer_id", "conversion_action_id", "client_id", *GOOGLE_SECRETS)
META_SECRETS = ("access_token",)
META_REQUIRED = ("dataset_id", "access_token")
_CACHE_SIZE = 256


def purpose(platform: str, name: str) -> str:
    """The KMS encryption context's purpose of one secret field, e.g. ads.google_ads.refresh_token."""
    return f"ads.{platform}.{name}"


def missing(stored: dict[str, Any], required: tuple[str, ...]) -> list[str]:
    return [name for name in required if not stored.get(name)]


@dataclass(frozen=True)
class AdAccounts:
    tenant_id: str
    timezone: str = "UTC"
    country: str = "US"
    google: GoogleAdsCredentials | None = None
    google_missing: list[str] = field(default_factory=lambda: list(GOOGLE_REQUIRED))
    meta: MetaCredentials | None = None
    meta_missing: list[str] = field(default_factory=lambda: list(META_REQUIRED))
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


def open_accounts(
    tenant_id: str,
    settings: AdsSettingsItem | None,
    tenant: accounts.Tenant | None,
    opener: SecretOpener,
    platforms: frozenset[str] = frozenset({"google_ads", "meta"}),
) -> AdAccounts:
    """The tenant's accounts; a platform whose settings are incomplete (or not asked for) is None."""
    google = plain(settings.google) if settings is not None and settings.google else {}
    meta = plain(settings.meta) if settings is not None and settings.meta else {}
    google_missing, meta_missing = missing(google, GOOGLE_REQUIRED), missing(meta, META_REQUIRED)
    google_account = meta_account = None
    if not google_missing and "google_ads" in platforms:
        opened = {
            n: opener.open(google[n]["sealed"], tenant_id, purpose("google_ads", n)) for n in GOOGLE_SECRETS
        }
        google_account = GoogleAdsCredentials(
            customer_id=str(google["customer_id"]),
            conversion_action_id=str(google["conversion_action_id"]),
            client_id=str(google["client_id"]),
            login_customer_id=str(google.get("login_customer_id") or "") or None,
            **opened,
        )
    if not meta_missing and "meta" in platforms:
        meta_account = MetaCredentials(
            dataset_id=str(meta["dataset_id"]),
            access_token=opener.open(
                meta["access_token"]["sealed"], tenant_id, purpose("meta", "access_token")
            ),
            test_event_code=str(meta.get("test_event_code") or "") or None,
        )
    return AdAccounts(
        tenant_id=tenant_id,
        timezone=(tenant.timezone if tenant is not None else None) or "UTC",
        country=(tenant.country if tenant is not None else None) or "US",
        google=google_account,
        google_missing=google_missing,
        meta=meta_account,
        meta_missing=meta_missing,
        stage_events={str(k): str(v) for k, v in (meta.get("stage_events") or {}).items()},
        page_ids=[str(page) for page in meta.get("page_ids") or []],
    )
