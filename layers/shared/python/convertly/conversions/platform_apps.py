"""Convertly's own apps at the ad platforms: the platform secrets behind "Connect Google Ads" and
"Connect Meta".

The Google Ads developer token and the Google OAuth web client, and the Meta app's id and secret, belong
to Convertly, not to a tenant. On AWS they live in Secrets Manager (GOOGLE_ADS_APP_SECRET_ARN: JSON
`developer_token`, `client_id`, `client_secret`; META_APP_SECRET_ARN: JSON `app_id`, `app_secret`,
`login_config_id`, beside the webhook's `verify_token`); locally the settings carry them directly. Each is
read once per warm container and kept for a few minutes, so a rotated secret reaches every container
without a deployment.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from convertly.platform.config import Settings, get_settings
from convertly.platform.errors import ServiceUnavailableError

_KEEP_SECONDS = 300.0
T = TypeVar("T")


@dataclass(frozen=True)
class GoogleAdsApp:
    developer_token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None

    @property
    def can_connect(self) -> bool:
        """The OAuth web client is there: the "Connect Google Ads" button can work."""
        return bool(self.client_id and self.client_secret)


@dataclass(frozen=True)
class MetaApp:
    app_id: str | None = None
    app_secret: str | None = None
    login_config_id: str | None = None  # a Facebook Login for Business configuration; else scopes
    verify_token: str | None = None  # what Meta echoes when it subscribes the Lead Ads webhook

    @property
    def can_connect(self) -> bool:
        return bool(self.app_id and self.app_secret)


class _Kept:
    """One value per settings object, kept `_KEEP_SECONDS` (a new settings object reads afresh)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[str, tuple[int, float, Any]] = {}

    def get(self, name: str, settings: Settings, read: Callable[[Settings], T]) -> T:
        with self._lock:
            kept = self._values.get(name)
            if kept is not None and kept[0] == id(settings) and kept[1] > time.monotonic():
                value: T = kept[2]
                return value
        value = read(settings)
        with self._lock:
            self._values[name] = (id(settings), time.monotonic() + _KEEP_SECONDS, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


_KEPT = _Kept()


def google_ads_app(settings: Settings | None = None) -> GoogleAdsApp:
    """Convertly's Google Ads developer token and OAuth client (fields None where not configured)."""
    return _KEPT.get("google_ads", settings or get_settings(), _read_google)


def meta_app(settings: Settings | None = None) -> MetaApp:
    """Convertly's Meta app: id, secret and Login for Business configuration."""
    return _KEPT.get("meta", settings or get_settings(), _read_meta)


def forget() -> None:
    """Read the secrets again on next use (tests that change the environment)."""
    _KEPT.clear()


def _read_google(settings: Settings) -> GoogleAdsApp:
    values = {
        "developer_token": settings.google_ads_developer_token,
        "client_id": settings.google_oauth_client_id,
        "client_secret": settings.google_oauth_client_secret,
    }
    if settings.google_ads_app_secret_arn:
        values = _overlay(values, _secret(settings, settings.google_ads_app_secret_arn))
    return GoogleAdsApp(**values)


def _read_meta(settings: Settings) -> MetaApp:
    values = {
        "app_id": settings.meta_app_id,
        "app_secret": settings.meta_app_secret,
        "login_config_id": settings.meta_login_config_id,
        "verify_token": settings.meta_webhook_verify_token,
    }
    if settings.meta_app_secret_arn:
        values = _overlay(values, _secret(settings, settings.meta_app_secret_arn))
    return MetaApp(**values)


def _overlay(values: dict[str, str | None], secret: dict[str, Any]) -> dict[str, str | None]:
    return {name: str(secret.get(name) or "") or value for name, value in values.items()}


def _secret(settings: Settings, secret_id: str) -> dict[str, Any]:
    import boto3  # only where a secret is named: the conversions consumer's cold start stays light
    from botocore.exceptions import BotoCoreError, ClientError

    client = boto3.client(
        "secretsmanager", region_name=settings.aws_region, endpoint_url=settings.aws_endpoint_url
    )
    try:
        value = json.loads(client.get_secret_value(SecretId=secret_id)["SecretString"] or "{}")
    except (BotoCoreError, ClientError, ValueError) as error:
        raise ServiceUnavailableError(
            "The ad platform app's secret could not be read just now", code="ad_platform_app_unavailable"
        ) from error
    return value if isinstance(value, dict) else {}
