"""A touch's attribution (click ids, UTMs, visit, consent, who and when), a submission's first and
last touch, the lead fields a form's values fill, and the lead source the attribution points to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from convertly.capture.domain import (
    CAMPAIGN_KEYS,
    CUSTOM_PREFIX,
    AdConsentSignal,
    FieldType,
    FormField,
    FormSettings,
)
from convertly.leads.service import AdConsent, Attribution, LeadSource
from convertly.platform.clock import iso

# The Attribution model's length limits: what the browser sends is cut to them, never refused (a
# visitor cannot fix a long landing page URL, and the lead matters more than its tail).
_LIMITS = {"landing_page": 2048, "referrer": 2048, "page_url": 2048, "user_agent": 512, "ip": 64}
_SHORT = 200
SIGNALS: tuple[AdConsentSignal, ...] = ("ad_user_data", "ad_personalization")

_CLICK_SOURCES = (
    (("gclid", "gbraid", "wbraid"), LeadSource.GOOGLE_ADS),
    (("fbclid", "fbc"), LeadSource.META_ADS),
    (("msclkid",), LeadSource.MICROSOFT_ADS),
    (("ttclid",), LeadSource.TIKTOK_ADS),
    (("li_fat_id",), LeadSource.LINKEDIN_ADS),
)
# Every ad click id, in the order a touch's platform is named by.
CLICK_IDS = tuple(name for names, _ in _CLICK_SOURCES for name in names)
_SEARCH_ENGINES = ("google.", "bing.", "duckduckgo.", "yahoo.", "baidu.", "yandex.", "ecosia.")
_SOCIAL_SITES = (
    "facebook.com",
    "instagram.com",
    "linkedin.com",
    "lnkd.in",
    "tiktok.com",
    "twitter.com",
    "x.com",
    "t.co",
    "youtube.com",
    "pinterest.com",
)


def _cut(key: str, value: str) -> str:
    return value[: _LIMITS.get(key, _SHORT)]


def first_seen_millis(value: str | None, fallback: datetime) -> int:
    """The first-seen time the snippet sent (ms since the epoch, or ISO-8601), else `fallback`."""
    if value:
        try:
            return int(float(value))
        except ValueError:
            try:
                return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() * 1000)
            except ValueError:
                pass
    return int(fallback.timestamp() * 1000)


def meta_fbc(fbclid: str, first_seen_ms: int) -> str:
    """Meta's click id cookie format, for a visitor whose browser had no _fbc cookie to send."""
    return f"fb.1.{first_seen_ms}.{fbclid}"


def consent_of(
    fields: Sequence[FormField], values: Mapping[str, Any], default: str = "unspecified"
) -> AdConsent:
    """Each Google ad consent signal: granted or denied by the consent boxes that ask for it, else the
    form's default."""
    answers: dict[str, str] = {}
    for form_field in fields:
        if form_field.type is not FieldType.CONSENT:
            continue
        for signal in form_field.consent_signals:
            granted = bool(values.get(form_field.name))
            if answers.get(signal) != "granted":
                answers[signal] = "granted" if granted else "denied"
    return AdConsent.model_validate({signal: answers.get(signal, default) for signal in SIGNALS})


@dataclass(frozen=True)
class Visit:
    """What the server knows about the request, not what the browser says about itself."""

    ip: str
    user_agent: str
    referer_header: str | None = None
    submitted_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def _host(url: str | None) -> str:
    try:
        return (urlsplit(url or "").hostname or "").lower()
    except ValueError:
        return ""


def site_of(url: str | None) -> str:
    """The site a URL belongs to: its registrable domain, taken as the host's last two labels (three
    under a country's short second level, as in example.co.uk); an IP address or a one-label host as
    it is. The embed script judges "same site" by the same rule."""
    host = _host(url)
    labels = host.split(".")
    if len(labels) < 3 or ":" in host or host.replace(".", "").isdigit():
        return host
    keep = 3 if len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-keep:])


def _campaign_in(url: str | None) -> dict[str, str]:
    """The click ids and UTMs in a URL's query."""
    try:
        query = parse_qsl(urlsplit(url or "").query)
    except ValueError:
        return {}
    return {key: value for key, value in query if key in CAMPAIGN_KEYS and value.strip()}


def recovered(sent: Mapping[str, str]) -> dict[str, str]:
    """A touch that carries no click id or UTM, completed from the URLs it names: the landing page's
    own query (a plain HTML form on an ad's landing page), else the query of a referrer on the same
    site, which then is the landing page (a visitor who landed on a page without the snippet and
    browsed on to the form)."""
    values = dict(sent)
    if any(values.get(key) for key in CAMPAIGN_KEYS):
        return values
    landing, referrer = values.get("landing_page"), values.get("referrer")
    found = _campaign_in(landing)
    if found:
        return {**values, **found}
    if landing and referrer and site_of(referrer) == site_of(landing):
        found = _campaign_in(referrer)
        if found:
            values.pop("referrer")
            return {**values, **found, "landing_page": referrer}
    return values


def touch_attribution(
    sent: Mapping[str, str], visit: Visit, consent: AdConsent, form_id: str, classic: bool
) -> Attribution:
    """The attribution of one touch: what the browser sent, cut to size, plus what the server saw.

    A plain HTML form post carries no landing page or page URL of its own; the page that posted it
    (the Referer header) is the best there is for both.
    """
    values = {key: value for key, value in sent.items() if key != "first_seen_at"}
    if classic and visit.referer_header:
        values.setdefault("landing_page", visit.referer_header)
        values.setdefault("page_url", visit.referer_header)
    values = {key: _cut(key, value) for key, value in recovered(values).items() if value}
    first_seen = first_seen_millis(sent.get("first_seen_at"), visit.submitted_at)
    if values.get("fbclid") and not values.get("fbc"):
        values["fbc"] = _cut("fbc", meta_fbc(values["fbclid"], first_seen))
    return Attribution(
        **values,
        ip=_cut("ip", visit.ip) or None,
        user_agent=_cut("user_agent", visit.user_agent) or None,
        first_seen_at=iso(datetime.fromtimestamp(first_seen / 1000, UTC)),
        submitted_at=iso(visit.submitted_at),
        captured_at=iso(visit.submitted_at),
        consent=consent,
        form_id=form_id,
    )


@dataclass(frozen=True)
class Touches:
    """A submission's first touch (a new lead's `attribution`) and last touch (its `last_touch`, and the
    touch the submission adds to a lead it reaches again)."""

    first: Attribution
    last: Attribution


def submission_touches(
    first: Mapping[str, str],
    last: Mapping[str, str],
    visit: Visit,
    consent: AdConsent,
    form_id: str,
    classic: bool,
) -> Touches:
    """Both touches a post carries; a post with one (a plain HTML form, an older snippet) has it as
    both. Each names the page the form was sent from (`page_url`)."""
    page_url = last.get("page_url") or first.get("page_url")
    page = {"page_url": page_url} if page_url else {}
    first_touch = touch_attribution({**first, **page}, visit, consent, form_id, classic)
    if not last.keys() - {"page_url"}:
        return Touches(first_touch, first_touch)
    return Touches(first_touch, touch_attribution({**last, **page}, visit, consent, form_id, classic))


def lead_source(attribution: Attribution, later: Attribution | None = None) -> LeadSource:
    """The channel a touch came from: an ad click id first, then UTMs, then the referring site; the
    `later` touch's when the first says nothing."""
    source = _touch_source(attribution)
    if source is LeadSource.FORM and later is not None:
        return _touch_source(later)
    return source


class _Stored:
    """A stored touch's values read like an Attribution (a missing value is None)."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = values

    def __getattr__(self, name: str) -> Any:
        value = self._values.get(name)
        return value if isinstance(value, str) and value else None


def stored_source(values: Mapping[str, Any]) -> LeadSource:
    """The channel of a touch as stored (a lead's `attribution`, a touch item's)."""
    return _touch_source(_Stored(values))  # type: ignore[arg-type]


def _touch_source(attribution: Attribution) -> LeadSource:
    for names, source in _CLICK_SOURCES:
        if any(getattr(attribution, name) for name in names):
            return source
    medium = (attribution.utm_medium or "").lower()
    if medium == "email":
        return LeadSource.EMAIL
    if medium in ("social", "social-media", "organic-social"):
        return LeadSource.SOCIAL
    referrer = _host(attribution.referrer)
    if referrer and referrer != _host(attribution.landing_page):
        if any(engine in referrer for engine in _SEARCH_ENGINES):
            return LeadSource.ORGANIC_SEARCH
        if any(referrer == site or referrer.endswith(f".{site}") for site in _SOCIAL_SITES):
            return LeadSource.SOCIAL
        return LeadSource.REFERRAL
    return LeadSource.FORM


@dataclass
class LeadFields:
    """The lead fields a submission fills."""

    first_name: str = ""
    last_name: str = ""
    email: str | None = None
    phone: str | None = None
    company: str | None = None
    custom_fields: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part) or (
            self.email or self.phone or ""
        )


def lead_fields(settings: FormSettings, values: Mapping[str, Any]) -> LeadFields:
    """Where each answer goes on the lead, by the fields' mapping."""
    lead = LeadFields()
    for form_field in settings.fields:
        value = values.get(form_field.name)
        target = form_field.maps_to
        if target is None or value is None:
            continue
        if target.startswith(CUSTOM_PREFIX):
            lead.custom_fields[target.removeprefix(CUSTOM_PREFIX)] = value
        elif target == "full_name":
            first, _, last = str(value).partition(" ")
            lead.first_name, lead.last_name = first[:100], last.strip()[:100]
        elif target in ("first_name", "last_name"):
            setattr(lead, target, str(value)[:100])
        elif target == "company":
            lead.company = str(value)[:200]
        else:
            setattr(lead, target, value)
    return lead
