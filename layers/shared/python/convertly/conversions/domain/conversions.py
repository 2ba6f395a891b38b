"""Ad platform settings, connection tests, the conversion ledger and replays: the API's shapes."""

from __future__ import annotations

import re
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    ConfigDict,
    Field,
    SecretStr,
    StringConstraints,
    field_validator,
    model_validator,
)

from convertly.conversions.adapters.outcome import Status
from convertly.conversions.domain.platforms import ConversionKind, Platform
from convertly.platform.domain import DomainModel

# A SecretStr prints as ********** (a request body logged at DEBUG shows no secret).
Secret = Annotated[SecretStr, Field(max_length=2048)]
Digits = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
EventName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


def _digits(value: str | None) -> str | None:
    """Google shows ids as 123-456-7890; the API wants 1234567890. Empty means "remove"."""
    if value is None:
        return None
    cleaned = value.replace("-", "").replace(" ", "")
    if cleaned and not cleaned.isdigit():
        raise ValueError("use digits (dashes are fine)")
    return cleaned


class GoogleAdsSettingsUpdate(DomainModel):
    """Google Ads settings. A field left out keeps its value; a secret sent as "" is removed."""

    model_config = ConfigDict(extra="forbid")

    customer_id: Digits | None = None
    login_customer_id: Digits | None = Field(default=None, description="the manager account, if any")
    conversion_action_id: Digits | None = None
    developer_token: Secret | None = None
    client_id: ShortText | None = None
    client_secret: Secret | None = None
    refresh_token: Secret | None = None

    _ids = field_validator("customer_id", "login_customer_id", "conversion_action_id")(_digits)


class MetaSettingsUpdate(DomainModel):
    """Meta settings. `page_ids` are the Facebook pages whose Lead Ads leads come to this tenant;
    `stage_events` maps a stage id to the CRM event name sent when a Lead Ads lead enters it."""

    model_config = ConfigDict(extra="forbid")

    dataset_id: Digits | None = Field(default=None, description="the dataset (pixel) id")
    access_token: Secret | None = None
    test_event_code: ShortText | None = None
    page_ids: list[Digits] | None = Field(default=None, max_length=20)
    stage_events: dict[Annotated[str, StringConstraints(max_length=64)], EventName] | None = Field(
        default=None, max_length=50
    )

    _dataset = field_validator("dataset_id")(_digits)

    @field_validator("page_ids")
    @classmethod
    def _pages(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        pages = [page for page in (_digits(p) for p in value) if page]
        return list(dict.fromkeys(pages))


class AdsSettingsUpdate(DomainModel):
    """`google`/`meta` null removes that platform's settings; left out, they stay as they are."""

    model_config = ConfigDict(extra="forbid")

    google_ads: GoogleAdsSettingsUpdate | None = None
    meta: MetaSettingsUpdate | None = None
    timezone: ShortText | None = Field(default=None, description="IANA name; conversion times use it")
    default_country: Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True)] | None = Field(
        default=None, description="ISO country of local phone numbers"
    )

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError("use an IANA time zone such as America/New_York") from error
        return value

    @field_validator("default_country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Z]{2}", value):
            raise ValueError("use a two-letter country code such as US")
        return value


class GoogleAdsSettingsView(DomainModel):
    configured: bool
    missing: list[str] = Field(description="what is still needed before anything is sent")
    customer_id: str | None = None
    login_customer_id: str | None = None
    conversion_action_id: str | None = None
    client_id: str | None = None
    developer_token: str | None = Field(default=None, description="masked, e.g. ••••1234")
    client_secret: str | None = None
    refresh_token: str | None = None


class MetaSettingsView(DomainModel):
    configured: bool
    missing: list[str]
    dataset_id: str | None = None
    access_token: str | None = Field(default=None, description="masked, e.g. ••••1234")
    test_event_code: str | None = None
    page_ids: list[str] = Field(default_factory=list)
    stage_events: dict[str, str] = Field(default_factory=dict)


class AdsSettingsView(DomainModel):
    google_ads: GoogleAdsSettingsView
    meta: MetaSettingsView
    timezone: str
    default_country: str
    updated_at: str | None = None


class ConnectionTestRequest(DomainModel):
    model_config = ConfigDict(extra="forbid")

    platform: Platform


class ConnectionTestResult(DomainModel):
    platform: Platform
    ok: bool
    message: str = Field(description="what the platform said, in plain words")
    request_id: str | None = None


class LedgerEntry(DomainModel):
    """One attempt to report one conversion to one platform."""

    entry_id: str
    lead_id: str
    job_id: str
    kind: ConversionKind
    platform: Platform
    status: Status
    at: str
    dedupe_id: str = Field(description="Google's order_id or Meta's event_id")
    request_id: str | None = None
    message: str | None = None
    payload_hash: str | None = Field(default=None, description="SHA-256 of the row sent (no personal data)")
    identifier: str | None = Field(default=None, description="what the platform was to match on")
    value: float | None = None
    currency: str | None = None
    attempt: int = 1


class LedgerPage(DomainModel):
    items: list[LedgerEntry]
    next_cursor: str | None


class LedgerFilters(DomainModel):
    platform: Platform | None = None
    status: Status | None = None


class ReplayRequest(DomainModel):
    """Resend one lead's unsent conversions, or every dead-lettered one of the tenant."""

    model_config = ConfigDict(extra="forbid")

    lead_id: ShortText | None = None
    dead_lettered: bool = False

    @model_validator(mode="after")
    def _one(self) -> ReplayRequest:
        if bool(self.lead_id) == self.dead_lettered:
            raise ValueError("give either lead_id or dead_lettered: true")
        return self


class ReplayResult(DomainModel):
    requested: int = Field(description="conversions queued to be sent again")
    lead_ids: list[str]
    source: Literal["lead", "dead_lettered"]
