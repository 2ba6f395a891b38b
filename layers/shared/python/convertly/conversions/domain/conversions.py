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
from convertly.platform.locales import supported_locale

# The most a list's page holds, and the longest range the match-quality totals read (the API's limits)
LEDGER_MAX_PAGE = 100
QUALITY_MAX_DAYS = 365
QUALITY_MAX_PAGE = 100

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
    """Google Ads settings. A field left out keeps its value; a secret sent as "" is removed.

    After "Connect Google Ads" only the account and the conversion action are chosen (with the names the
    lists showed). The developer token and the OAuth client are Convertly's; an agency may store its
    own instead (then a refresh token its client issued too)."""

    model_config = ConfigDict(extra="forbid")

    customer_id: Digits | None = None
    customer_name: ShortText | None = Field(default=None, description="the account's name, as listed")
    login_customer_id: Digits | None = Field(default=None, description="the manager account, if any")
    conversion_action_id: Digits | None = None
    conversion_action_name: ShortText | None = Field(default=None, description="as listed")
    developer_token: Secret | None = Field(default=None, description="an agency's own; Convertly's otherwise")
    client_id: ShortText | None = Field(default=None, description="an agency's own OAuth client")
    client_secret: Secret | None = None
    refresh_token: Secret | None = Field(default=None, description="set by Connect Google Ads, or by hand")

    _ids = field_validator("customer_id", "login_customer_id", "conversion_action_id")(_digits)


class MetaSettingsUpdate(DomainModel):
    """Meta settings. `page_ids` are the Facebook pages whose Lead Ads leads come to this tenant;
    `stage_events` maps a stage id to the CRM event name sent when a Lead Ads lead enters it."""

    model_config = ConfigDict(extra="forbid")

    dataset_id: Digits | None = Field(default=None, description="the dataset (pixel) id")
    dataset_name: ShortText | None = Field(default=None, description="the dataset's name, as listed")
    access_token: Secret | None = Field(default=None, description="set by Connect Meta, or by hand")
    test_event_code: ShortText | None = Field(
        default=None, description="for the connection test only; generated when Meta is connected"
    )
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
    locale: Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)] | None = Field(
        default=None,
        description="How money, numbers and dates read for the whole account: one of `locales` (a BCP 47 "
        "tag such as de-DE); empty or null: each browser's own",
    )

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str | None) -> str | None:
        return supported_locale(value) if value else value

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


Connection = Literal["oauth", "manual"]


class GoogleAdsSettingsView(DomainModel):
    configured: bool
    missing: list[str] = Field(description="what is still needed before anything is sent")
    can_connect: bool = Field(
        default=False, description="Convertly's Google Ads app is set up here: Connect Google Ads works"
    )
    connected: bool = Field(default=False, description="a refresh token is stored")
    connection: Connection | None = Field(
        default=None, description="oauth: through Connect Google Ads; manual: a refresh token entered by hand"
    )
    connected_at: str | None = None
    customer_id: str | None = None
    customer_name: str | None = None
    login_customer_id: str | None = None
    conversion_action_id: str | None = None
    conversion_action_name: str | None = None
    client_id: str | None = None
    developer_token: str | None = Field(default=None, description="masked, e.g. ••••1234")
    client_secret: str | None = None
    refresh_token: str | None = None


class MetaSettingsView(DomainModel):
    configured: bool
    missing: list[str]
    can_connect: bool = Field(
        default=False, description="Convertly's Meta app is set up here: Connect Meta works"
    )
    connected: bool = Field(default=False, description="an access token is stored")
    connection: Connection | None = None
    connected_at: str | None = None
    dataset_id: str | None = None
    dataset_name: str | None = None
    access_token: str | None = Field(default=None, description="masked, e.g. ••••1234")
    test_event_code: str | None = None
    page_ids: list[str] = Field(default_factory=list)
    stage_events: dict[str, str] = Field(default_factory=dict)


class LocaleOption(DomainModel):
    tag: str = Field(description="BCP 47, e.g. de-DE")
    name: str = Field(description="e.g. German (Germany)")


class AdsSettingsView(DomainModel):
    google_ads: GoogleAdsSettingsView
    meta: MetaSettingsView
    timezone: str
    default_country: str
    locale: str | None = Field(
        default=None, description="the account's number and date format; null: each browser's own"
    )
    locales: list[LocaleOption] = Field(
        default_factory=list, description="the number and date formats Convertly offers, for the select"
    )
    updated_at: str | None = None


class ConnectionTestRequest(DomainModel):
    model_config = ConfigDict(extra="forbid")

    platform: Platform


class ConnectionTestResult(DomainModel):
    platform: Platform
    ok: bool
    state: Literal["connected", "not_ready", "refused", "unreachable"] = Field(
        default="refused",
        description="connected; not_ready: settings missing, nothing was sent; refused: the platform said "
        "no; unreachable: no answer, try again",
    )
    message: str = Field(description="what the platform said, in plain words")
    request_id: str | None = None


# Connecting the ad accounts (OAuth) ----------------------------------------------------------------

OAuthText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2048)]


class OAuthStart(DomainModel):
    authorize_url: str = Field(description="where to send the browser for the platform's consent")
    expires_at: str = Field(description="the consent must come back before this time (10 minutes)")


class OAuthCallback(DomainModel):
    """What the platform's redirect brought back to the web app."""

    model_config = ConfigDict(extra="forbid")

    code: OAuthText
    state: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]


class GoogleAdsCustomer(DomainModel):
    customer_id: str
    name: str
    manager: bool = Field(description="a manager account: conversions go to one of its clients")
    login_customer_id: str | None = Field(
        default=None, description="the manager the account is reached through, sent as login-customer-id"
    )
    manager_name: str | None = None


class GoogleAdsCustomerList(DomainModel):
    items: list[GoogleAdsCustomer]


class GoogleAdsConversionAction(DomainModel):
    conversion_action_id: str
    name: str
    status: str = Field(description="ENABLED or HIDDEN (removed ones are left out)")
    type: str


class GoogleAdsConversionActionList(DomainModel):
    items: list[GoogleAdsConversionAction]


class MetaDataset(DomainModel):
    dataset_id: str
    name: str
    ad_account_id: str
    ad_account_name: str | None = None


class MetaDatasetList(DomainModel):
    items: list[MetaDataset]


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
    value: float | None = Field(default=None, description="the value this attempt reported")
    currency: str | None = None
    held_value: float | None = Field(
        default=None, description="the value the platform holds for the lead after this attempt"
    )
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


# Match quality: what each platform can match a lead on, per lead and over the recent wins ------------

MatchLevel = Literal["strong", "fair", "none"]
ClickState = Literal["open", "expiring", "expired"]


class IdentifierCheck(DomainModel):
    """One identifier a platform matches on, and whether this lead has it."""

    name: str = Field(
        description="gclid, gbraid, wbraid, email, phone (Google); fbc, fbp, email, phone, lead_id, ip, "
        "user_agent (Meta)"
    )
    label: str = Field(description="the identifier in plain words")
    present: bool
    sent: bool = Field(description="whether a conversion now would carry it")
    note: str | None = Field(default=None, description="e.g. the number as sent, or why it is not sent")


class ClickWindow(DomainModel):
    """Google's click-through window: a conversion counts only within 90 days of the ad click."""

    kind: Literal["gclid", "gbraid", "wbraid"]
    clicked_at: str
    closes_at: str = Field(description="the click time plus 90 days")
    state: ClickState = Field(
        description="open; expiring (an open lead whose window closes within 7 days); expired (closed "
        "before the win, or before now for a lead not won)"
    )
    won_at: str | None = Field(default=None, description="the win the window is measured at, if won")
    days_left: int | None = Field(default=None, description="whole days until it closes (a lead not won)")


class PlatformMatch(DomainModel):
    platform: Platform
    quality: MatchLevel
    reason: str = Field(description="why, in plain words")
    identifiers: list[IdentifierCheck]
    click_window: ClickWindow | None = Field(default=None, description="Google only, with a click id")


class LeadMatchQuality(DomainModel):
    """What a conversion of this lead would carry to each platform, as the lead is now."""

    lead_id: str
    checked_at: str
    won_at: str | None = Field(
        default=None, description="when the lead entered its won stage, if it is in one"
    )
    google_ads: PlatformMatch
    meta: PlatformMatch


class IdentifierCount(DomainModel):
    name: str
    label: str
    leads: int = Field(description="won leads that have it")
    share: float = Field(description="leads / won_leads, 0..1")


class PlatformTotals(DomainModel):
    platform: Platform
    identifiers: list[IdentifierCount]
    strong: int
    fair: int
    none: int
    inside_click_window: int | None = Field(
        default=None, description="Google: won leads whose click was within 90 days of the win"
    )
    inside_click_window_share: float | None = None


class MatchQualityTotals(DomainModel):
    """Over the leads won in the last `days` (a win reported in that time), each counted once."""

    days: int
    since: str
    won_leads: int
    google_ads: PlatformTotals
    meta: PlatformTotals


class ExpiringClick(DomainModel):
    """An open lead whose Google click leaves the 90-day window within 7 days: win it before then."""

    lead_id: str
    name: str
    owner_id: str | None = None
    stage_id: str
    kind: Literal["gclid", "gbraid", "wbraid"]
    clicked_at: str
    expires_at: str
    days_left: int


class ExpiringClicksPage(DomainModel):
    items: list[ExpiringClick]
    next_cursor: str | None
