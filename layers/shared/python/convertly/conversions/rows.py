"""What each platform is sent for one conversion: the Google Ads row or the Meta event, built from the
lead as it is now, or the reason nothing can be sent (no identifier, outside the window).

Google: gclid, else gbraid, else wbraid (the most recent touch first), else enhanced conversions for
leads (SHA-256 of the normalised email and E.164 phone); the click must be within 90 days of the win.
Meta: em/ph hashed, external_id (the lead id) hashed, fbc (or one built from the fbclid), fbp, the
visitor's IP and user agent unhashed; a Lead Ads lead's lead_id; events older than 7 days are refused.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from convertly.conversions.adapters.identity import e164, hashed_email, hashed_phone, sha256_hex
from convertly.conversions.adapters.outcome import Outcome, Status
from convertly.conversions.person import person_of
from convertly.leads.service import GOOGLE_CLICK_IDS, Lead, latest_google_click
from convertly.platform.clock import parse_iso
from convertly.platform.store.items import plain

GOOGLE_CLICK_WINDOW = timedelta(days=90)
META_EVENT_WINDOW = timedelta(days=7)
CLICK_IDS = GOOGLE_CLICK_IDS
_CONSENT = {"granted": "GRANTED", "denied": "DENIED"}
LEAD_EVENT_SOURCE = "Convertly"


@dataclass(frozen=True)
class Row:
    """A row to send, with what the ledger keeps of it (no personal data)."""

    body: dict[str, Any]
    identifier: str
    note: str | None = None  # what was left out and why (an invalid phone number), for the ledger

    @property
    def payload_hash(self) -> str:
        return hashlib.sha256(
            json.dumps(self.body, sort_keys=True, separators=(",", ":")).encode()
        ).hexdigest()


Planned = Row | Outcome


@dataclass(frozen=True)
class Win:
    """What is being reported: when, how much, and under which id the platforms deduplicate it."""

    occurred_at: str
    dedupe_id: str
    value_minor: int
    currency: str
    event_name: str = "Purchase"


def touches(lead: Lead) -> list[dict[str, Any]]:
    """The lead's touches, most recent first (the last touch, then the first)."""
    found = [plain(lead.last_touch) if lead.last_touch else {}, plain(lead.attribution)]
    return [touch for touch in found if touch]


def _touched_at(touch: dict[str, Any]) -> datetime | None:
    for name in ("first_seen_at", "captured_at", "submitted_at"):
        if touch.get(name):
            try:
                return parse_iso(str(touch[name]))
            except ValueError:
                continue
    return None


def google_time(at: str, timezone: str) -> str:
    """`yyyy-mm-dd hh:mm:ss+hh:mm` in the tenant's time zone."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    local = parse_iso(at).astimezone(zone)
    offset = local.strftime("%z")
    return f"{local.strftime('%Y-%m-%d %H:%M:%S')}{offset[:3]}:{offset[3:]}"


def _money(minor: int) -> float:
    return round(minor / 100, 2)


def ad_consent(lead: Lead) -> dict[str, str]:
    """The ad consent a conversion carries: the contact's own answer, else the latest touch's."""
    own = person_of(lead).consent
    if own:
        mapped = {
            "adUserData": _CONSENT.get(own.get("ad_user_data", "")),
            "adPersonalization": _CONSENT.get(own.get("ad_personalization", "")),
        }
        return {key: value for key, value in mapped.items() if value}
    for touch in touches(lead):
        consent = touch.get("consent") or {}
        if consent:
            mapped = {
                "adUserData": _CONSENT.get(str(consent.get("ad_user_data"))),
                "adPersonalization": _CONSENT.get(str(consent.get("ad_personalization"))),
            }
            return {key: value for key, value in mapped.items() if value}
    return {}


def latest_click(lead: Lead) -> tuple[str, str, datetime] | None:
    """The Google click a conversion is reported for (convertly.leads.service.latest_google_click)."""
    found = latest_google_click(lead)
    if found is None:
        return None
    name, value, clicked_at = found
    return name, value, parse_iso(clicked_at)


# Google Ads ----------------------------------------------------------------------------------------


def google_conversion(
    lead: Lead, win: Win, conversion_action: str, timezone: str, country: str, now: datetime
) -> Planned:
    row: dict[str, Any] = {
        "conversionAction": conversion_action,
        "conversionDateTime": google_time(win.occurred_at, timezone),
        "conversionValue": _money(win.value_minor),
        "currencyCode": win.currency,
        "orderId": win.dedupe_id,
    }
    consent = ad_consent(lead)
    if consent:
        row["consent"] = consent
    click = latest_click(lead)
    if click is not None:
        name, value, clicked_at = click
        if clicked_at is not None and parse_iso(win.occurred_at) - clicked_at > GOOGLE_CLICK_WINDOW:
            return Outcome(
                Status.EXPIRED, f"The {name} click is more than 90 days older than the win; not sent"
            )
        return Row({**row, name: value}, name)
    identifiers = _user_identifiers(lead, country)
    note = invalid_phone_note(lead, country)
    if not identifiers:
        reason = "No gclid, gbraid or wbraid, and no email or phone for enhanced conversions"
        return Outcome(Status.NOT_ATTRIBUTABLE, f"{reason} ({note})" if note else reason)
    kinds = "+".join(dict.fromkeys("email" if "hashedEmail" in i else "phone" for i in identifiers))
    return Row({**row, "userIdentifiers": identifiers}, f"user_identifiers:{kinds}", note)


def invalid_phone_note(lead: Lead, country: str) -> str | None:
    """Why the lead's phone number is not sent, when it has one that is not a valid number."""
    phone = person_of(lead).phone
    if phone and e164(phone, country) is None:
        return f"phone not sent: not a valid number for {country}"
    return None


# Google Ads takes up to five user identifiers per conversion.
MAX_GOOGLE_IDENTIFIERS = 5


def _user_identifiers(lead: Lead, country: str) -> list[dict[str, str]]:
    """The contact's emails, then its phones, hashed (the primary of each first)."""
    person = person_of(lead)
    identifiers = []
    for address in person.emails:
        email = hashed_email(address, for_google=True)
        if email:
            identifiers.append({"hashedEmail": email, "userIdentifierSource": "FIRST_PARTY"})
    for number in person.phones:
        phone = hashed_phone(number, country, for_google=True)
        if phone:
            identifiers.append({"hashedPhoneNumber": phone, "userIdentifierSource": "FIRST_PARTY"})
    emails = [i for i in identifiers if "hashedEmail" in i]
    phones = [i for i in identifiers if "hashedPhoneNumber" in i]
    # The primary email and phone first, then the others, up to Google's limit.
    ordered = emails[:1] + phones[:1] + emails[1:] + phones[1:]
    return ordered[:MAX_GOOGLE_IDENTIFIERS]


def google_restatement(
    order_id: str, conversion_action: str, at: str, timezone: str, value_minor: int, currency: str
) -> Row:
    """The new value of a conversion Google Ads holds, adjusted at `at`."""
    body = {
        "conversionAction": conversion_action,
        "adjustmentType": "RESTATEMENT",
        "orderId": order_id,
        "adjustmentDateTime": google_time(at, timezone),
        "restatementValue": {"adjustedValue": _money(value_minor), "currencyCode": currency},
    }
    return Row(body, "order_id")


def google_retraction(order_id: str, conversion_action: str, at: str, timezone: str) -> Row:
    body = {
        "conversionAction": conversion_action,
        "adjustmentType": "RETRACTION",
        "orderId": order_id,
        "adjustmentDateTime": google_time(at, timezone),
    }
    return Row(body, "order_id")


def connection_probe(conversion_action: str, at: str, timezone: str) -> dict[str, Any]:
    return {
        "conversionAction": conversion_action,
        "conversionDateTime": google_time(at, timezone),
        "conversionValue": 1.0,
        "currencyCode": "USD",
        "gclid": "convertly-connection-test",
        "orderId": f"connection-test-{at}",
    }


# Meta ------------------------------------------------------------------------------------------------


def _fbc(touch: dict[str, Any]) -> str | None:
    if touch.get("fbc"):
        return str(touch["fbc"])
    if not touch.get("fbclid"):
        return None
    seen = _touched_at(touch)
    millis = int(seen.timestamp() * 1000) if seen else 0
    return f"fb.1.{millis}.{touch['fbclid']}" if millis else None


def meta_user_data(lead: Lead, country: str) -> dict[str, Any]:
    user: dict[str, Any] = {}
    person = person_of(lead)
    emails = [e for e in (hashed_email(address) for address in person.emails) if e]
    phones = [p for p in (hashed_phone(number, country) for number in person.phones) if p]
    if emails:
        user["em"] = list(dict.fromkeys(emails))
    if phones:
        user["ph"] = list(dict.fromkeys(phones))
    for touch in touches(lead):
        fbc = _fbc(touch)
        if fbc and "fbc" not in user:
            user["fbc"] = fbc
        if touch.get("fbp") and "fbp" not in user:
            user["fbp"] = str(touch["fbp"])
        if touch.get("ip") and "client_ip_address" not in user:
            user["client_ip_address"] = str(touch["ip"])
        if touch.get("user_agent") and "client_user_agent" not in user:
            user["client_user_agent"] = str(touch["user_agent"])
    meta_lead_id = plain(lead.attribution).get("meta_lead_id")
    if meta_lead_id and str(meta_lead_id).isdigit():
        user["lead_id"] = int(str(meta_lead_id))
    return user


_MATCH_KEYS = ("em", "ph", "fbc", "fbp", "lead_id")


def meta_event(lead: Lead, win: Win, country: str, now: datetime, *, crm: bool = False) -> Planned:
    """A Purchase (or, for a Lead Ads lead's stage, a CRM event), or why it cannot be sent."""
    occurred = parse_iso(win.occurred_at)
    if now - occurred > META_EVENT_WINDOW:
        return Outcome(Status.EXPIRED, "Meta refuses events older than 7 days; not sent")
    consent = ad_consent(lead)
    if consent.get("adUserData") == "DENIED":
        return Outcome(Status.NOT_ATTRIBUTABLE, "The visitor denied the use of their data for ads")
    user = meta_user_data(lead, country)
    matched = [key for key in _MATCH_KEYS if key in user]
    if not matched:
        return Outcome(
            Status.NOT_ATTRIBUTABLE, "No email, phone, fbc/fbclid, fbp or Meta lead id to match on"
        )
    user["external_id"] = [sha256_hex(lead.lead_id)]
    note = invalid_phone_note(lead, country)
    event: dict[str, Any] = {
        "event_name": win.event_name,
        "event_time": int(occurred.timestamp()),
        "event_id": win.dedupe_id,
        "user_data": user,
    }
    if crm:
        event["action_source"] = "system_generated"
        event["custom_data"] = {"event_source": "crm", "lead_event_source": LEAD_EVENT_SOURCE}
    else:
        event["custom_data"] = {"value": _money(win.value_minor), "currency": win.currency}
        event.update(_source(lead, user))
    return Row(event, ",".join(matched), note)


def _source(lead: Lead, user: dict[str, Any]) -> dict[str, str]:
    """website for a lead a form captured (with the page the form was sent from and the browser Meta
    requires), otherwise system_generated: the CRM originated it."""
    pages = [t.get("page_url") or t.get("landing_page") for t in touches(lead)]
    landing = next((str(page) for page in pages if page), None)
    from_form = any(t.get("form_id") for t in touches(lead)) or lead.source == "form"
    if from_form and landing and user.get("client_user_agent"):
        return {"action_source": "website", "event_source_url": landing}
    return {"action_source": "system_generated"}


def meta_probe(at: str, dedupe_id: str) -> dict[str, Any]:
    return {
        "event_name": "Purchase",
        "event_time": int(parse_iso(at).timestamp()),
        "event_id": dedupe_id,
        "action_source": "system_generated",
        "user_data": {
            "external_id": [sha256_hex(dedupe_id)],
            "em": [sha256_hex("connection-test@convertly.invalid")],
        },
        "custom_data": {"value": 1.0, "currency": "USD"},
    }
