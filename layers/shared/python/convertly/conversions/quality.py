"""Match quality: what a conversion of a lead would carry to Google Ads and Meta, seen before the win
matters; the same over the tenant's recent wins; and the open leads whose Google click is about to
leave the 90-day window.

The checks make the choices `rows` makes when it sends (the click id picked, the hashing, the phone in
E.164 with the tenant's default country, the window measured at the win), so what the page shows is
what a win would send. The reads: one lead and the tenant's stages (is it won?) per lead; the
tenant's conversions log over the days asked for, then its leads in BatchGetItem calls, for the
totals; and one page of the leads' Google click index (GSI6, by click time) for the expiring clicks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal, cast

from pynamodb.expressions.condition import Condition

from convertly.accounts import service as tenants
from convertly.conversions import keys
from convertly.conversions import store as repo
from convertly.conversions.adapters.identity import e164, hashed_email
from convertly.conversions.domain.conversions import (
    QUALITY_MAX_DAYS,
    QUALITY_MAX_PAGE,
    ClickState,
    ClickWindow,
    ExpiringClick,
    ExpiringClicksPage,
    IdentifierCheck,
    IdentifierCount,
    LeadMatchQuality,
    MatchLevel,
    MatchQualityTotals,
    PlatformMatch,
    PlatformTotals,
)
from convertly.conversions.domain.platforms import ConversionKind, Platform
from convertly.conversions.items import ConversionItem, LedgerEntryItem
from convertly.conversions.person import attach_people, person_of
from convertly.conversions.rows import (
    CLICK_IDS,
    GOOGLE_CLICK_WINDOW,
    ad_consent,
    latest_click,
    meta_user_data,
    touches,
)
from convertly.leads.service import (
    LEAD_SK,
    Lead,
    display_name,
    google_click_index,
    lead_key,
    may_see_all,
    visible_lead,
)
from convertly.pipelines.service import pipelines_of
from convertly.platform.clock import iso, parse_iso
from convertly.platform.principal import Principal
from convertly.platform.store.items import Item
from convertly.platform.store.paging import query_page

ClickKind = Literal["gclid", "gbraid", "wbraid"]

EXPIRY_WARNING = timedelta(days=7)
_BATCH = 100  # keys per BatchGetItem
_IN_LIMIT = 100  # operands of one DynamoDB IN
_CLOSED_KINDS = frozenset({"won", "lost"})

LABELS = {
    "gclid": "Google click id (gclid)",
    "gbraid": "Google app click id (gbraid)",
    "wbraid": "Google web-to-app click id (wbraid)",
    "email": "Email (hashed)",
    "phone": "Phone (hashed)",
    "fbc": "Meta click id (fbc)",
    "fbp": "Meta browser id (fbp)",
    "lead_id": "Lead Ads lead id",
    "ip": "Visitor's IP address",
    "user_agent": "Visitor's browser (user agent)",
}
GOOGLE_IDENTIFIERS = ("gclid", "gbraid", "wbraid", "email", "phone")
META_IDENTIFIERS = ("fbc", "fbp", "email", "phone", "lead_id", "ip", "user_agent")


@dataclass(frozen=True)
class Click:
    """The Google click a conversion of the lead would carry: the id `rows` picks, and when."""

    kind: ClickKind
    clicked_at: datetime


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def google_click(lead: Lead) -> Click | None:
    found = latest_click(lead)
    if found is None:
        return None
    kind, _, clicked_at = found
    return Click(cast(ClickKind, kind), _utc(clicked_at or parse_iso(lead.created_at)))


def _day(moment: datetime) -> str:
    return moment.strftime("%-d %b %Y")


# The window ------------------------------------------------------------------------------------------


def click_window(click: Click, now: datetime, won_at: datetime | None = None) -> ClickWindow:
    """Google counts a conversion within 90 days of its click: measured at the win, or, for a lead not
    won, at `now` (and an open lead's window closing within 7 days is `expiring`)."""
    closes = click.clicked_at + GOOGLE_CLICK_WINDOW
    state: ClickState
    if (won_at or now) > closes:
        state = "expired"
    elif won_at is None and closes - now <= EXPIRY_WARNING:
        state = "expiring"
    else:
        state = "open"
    days_left = (closes - now).days if won_at is None and state != "expired" else None
    return ClickWindow(
        kind=click.kind,
        clicked_at=iso(click.clicked_at),
        closes_at=iso(closes),
        state=state,
        won_at=iso(won_at) if won_at else None,
        days_left=days_left,
    )


# Google Ads ------------------------------------------------------------------------------------------


def _phone_check(lead: Lead, country: str, sent: bool, unused: str | None) -> IdentifierCheck:
    phone = person_of(lead).phone
    number = e164(phone, country)
    if number is None:
        note = "invalid number, not sent" if phone else None
        return IdentifierCheck(name="phone", label=LABELS["phone"], present=False, sent=False, note=note)
    note = number if sent or not unused else f"{number}; {unused}"
    return IdentifierCheck(name="phone", label=LABELS["phone"], present=True, sent=sent, note=note)


def _email_check(lead: Lead, present: bool, sent: bool, unused: str | None) -> IdentifierCheck:
    if not present:
        note = "not a valid address, not sent" if person_of(lead).email else None
        return IdentifierCheck(name="email", label=LABELS["email"], present=False, sent=False, note=note)
    return IdentifierCheck(
        name="email", label=LABELS["email"], present=True, sent=sent, note=None if sent else unused
    )


def _click_checks(lead: Lead, click: Click | None, usable: bool) -> list[IdentifierCheck]:
    held = {name for touch in touches(lead) for name in CLICK_IDS if touch.get(name)}
    checks = []
    for name in CLICK_IDS:
        chosen = click is not None and click.kind == name
        if chosen and not usable:
            note: str | None = "the click is more than 90 days old: not sent"
        elif name in held and not chosen and click is not None:
            note = f"the {click.kind} is sent instead"
        else:
            note = None
        checks.append(
            IdentifierCheck(
                name=name, label=LABELS[name], present=name in held, sent=chosen and usable, note=note
            )
        )
    return checks


def _google_reason(
    click: Click | None, window: ClickWindow | None, contact: list[str]
) -> tuple[MatchLevel, str]:
    if click is not None and window is not None:
        if window.state == "expired":
            when = "before the win" if window.won_at else "ago"
            return "none", (
                f"The {click.kind} click was more than 90 days {when}: Google does not take the conversion"
            )
        reason = f"The ad click's {click.kind}: Google matches the conversion to the click"
        if window.state == "expiring":
            reason += f"; its window closes on {_day(parse_iso(window.closes_at))}, win the lead before then"
        return "strong", reason
    if contact:
        return "fair", (
            f"No click id: Google matches the hashed {' and '.join(contact)} to signed-in Google users "
            "(enhanced conversions for leads)"
        )
    return "none", "No gclid, gbraid or wbraid, and no email or phone: nothing can be sent to Google"


def google_match(lead: Lead, country: str, now: datetime, won_at: datetime | None = None) -> PlatformMatch:
    """What a Google Ads conversion of the lead would carry: the click id (gclid, else gbraid, else
    wbraid) inside its window, else enhanced conversions for leads (hashed email and phone)."""
    click = google_click(lead)
    window = click_window(click, now, won_at) if click is not None else None
    usable = window is not None and window.state != "expired"
    person = person_of(lead)
    has_email = any(hashed_email(e, for_google=True) for e in person.emails)
    has_phone = any(e164(p, country) for p in person.phones)
    contact_sent = click is None
    unused = f"the {click.kind} is sent instead" if click is not None else None
    checks = [
        *_click_checks(lead, click, usable),
        _email_check(lead, has_email, contact_sent and has_email, unused),
        _phone_check(lead, country, contact_sent and has_phone, unused),
    ]
    contact = [name for name, held in (("email", has_email), ("phone", has_phone)) if held]
    quality, reason = _google_reason(click, window, contact)
    if quality != "none" and ad_consent(lead).get("adUserData") == "DENIED":
        reason += ". The visitor denied ad data use: Google is told so and decides"
    return PlatformMatch(
        platform=Platform.GOOGLE_ADS,
        quality=quality,
        reason=reason,
        identifiers=checks,
        click_window=window,
    )


# Meta ------------------------------------------------------------------------------------------------

_META_KEYS = {
    "fbc": "fbc",
    "fbp": "fbp",
    "email": "em",
    "phone": "ph",
    "lead_id": "lead_id",
    "ip": "client_ip_address",
    "user_agent": "client_user_agent",
}


def _fbc_note(lead: Lead, has_fbc: bool) -> str | None:
    found = touches(lead)
    if has_fbc:
        return None if any(t.get("fbc") for t in found) else "built from the fbclid"
    if any(t.get("fbclid") for t in found):
        return "an fbclid without a click time: no fbc can be built"
    return None


def _meta_note(name: str, lead: Lead, country: str, present: bool) -> str | None:
    if name == "fbc":
        return _fbc_note(lead, present)
    person = person_of(lead)
    if name == "phone":
        return e164(person.phone, country) or ("invalid number, not sent" if person.phone else None)
    if name == "email" and person.email and not present:
        return "not a valid address, not sent"
    return None


def _meta_reason(held: set[str], denied: bool) -> tuple[MatchLevel, str]:
    if denied:
        return "none", "The visitor denied the use of their data for ads: nothing is sent to Meta"
    if "fbc" in held:
        return "strong", "The ad click's fbc: Meta matches the purchase to the click"
    if "lead_id" in held:
        return "strong", "The Lead Ads lead id: Meta matches the purchase to the lead form"
    if {"email", "phone"} <= held:
        return "strong", "Both the email and the phone: Meta matches most people on them"
    alone = [LABELS[name].split(" (")[0].lower() for name in ("email", "phone", "fbp") if name in held]
    if alone:
        return "fair", (
            f"Only the {' and the '.join(alone)}: Meta matches fewer people without a click id "
            "or both email and phone"
        )
    return "none", "No email, phone, fbc/fbclid, fbp or Lead Ads lead id: nothing can be sent to Meta"


def meta_match(lead: Lead, country: str) -> PlatformMatch:
    """What a Meta purchase of the lead would carry: hashed email and phone, the click (fbc, or one
    built from the fbclid), the browser id, a Lead Ads lead id, the visitor's IP and user agent."""
    user = meta_user_data(lead, country)
    denied = ad_consent(lead).get("adUserData") == "DENIED"
    checks = []
    for name in META_IDENTIFIERS:
        present = _META_KEYS[name] in user
        checks.append(
            IdentifierCheck(
                name=name,
                label=LABELS[name],
                present=present,
                sent=present and not denied,
                note=_meta_note(name, lead, country, present),
            )
        )
    quality, reason = _meta_reason({c.name for c in checks if c.present}, denied)
    return PlatformMatch(platform=Platform.META, quality=quality, reason=reason, identifiers=checks)


def assess(lead: Lead, country: str, now: datetime, won_at: datetime | None = None) -> LeadMatchQuality:
    """Both platforms' view of the lead as it is now (the window measured at `won_at` when won)."""
    return LeadMatchQuality(
        lead_id=lead.lead_id,
        checked_at=iso(now),
        won_at=iso(won_at) if won_at else None,
        google_ads=google_match(lead, country, now, won_at),
        meta=meta_match(lead, country),
    )


# Use cases -------------------------------------------------------------------------------------------


def _country(tenant_id: str) -> str:
    tenant = tenants.get_tenant(tenant_id)
    return (tenant.country if tenant is not None else None) or "US"


def won_at(lead: Lead, stage_kinds: dict[str, str]) -> datetime | None:
    """When a lead in a won stage entered it (the win a conversion reports), else None."""
    if stage_kinds.get(lead.stage_id) != "won":
        return None
    return _utc(parse_iso(lead.stage_entered_at))


def _stage_kinds(tenant_id: str) -> dict[str, str]:
    """The kind (open, won, lost) of each of the tenant's stages (one Query of its pipelines)."""
    return {stage.stage_id: stage.kind for pipeline in pipelines_of(tenant_id) for stage in pipeline.stages}


def lead_match_quality(principal: Principal, lead_id: str, now: datetime | None = None) -> LeadMatchQuality:
    """One lead's match quality (Sales: their own leads only; another tenant's lead is not found)."""
    lead = visible_lead(principal, lead_id)
    attach_people(principal.tenant_id, [lead])
    won = won_at(lead, _stage_kinds(principal.tenant_id))
    return assess(lead, _country(principal.tenant_id), now or datetime.now(UTC), won)


def _wins_since(tenant_id: str, since: datetime) -> dict[str, LedgerEntryItem]:
    """The latest win reported per lead since `since`: the tenant's conversions log over that time."""
    log, sort_key = repo.LOG_INDEXES["GSI1"], LedgerEntryItem.GSI1SK
    latest: dict[str, LedgerEntryItem] = {}
    for entry in log.query(
        keys.conversions_log(tenant_id),
        sort_key >= iso(since),
        filter_condition=LedgerEntryItem.kind == ConversionKind.CONVERSION.value,
    ):
        seen = latest.get(entry.lead_id)
        if seen is None or (entry.at, entry.job_id) > (seen.at, seen.job_id):
            latest[entry.lead_id] = entry
    return latest


def _leads_and_wins(tenant_id: str, wins: dict[str, LedgerEntryItem]) -> list[tuple[Lead, datetime]]:
    """Each lead with the time of its win, from BatchGetItem calls of the leads and their conversions."""
    wanted: list[tuple[str, str]] = []
    for lead_id, entry in wins.items():
        partition = lead_key(tenant_id, lead_id)
        wanted += [(partition, LEAD_SK), (partition, keys.conversion_sk(entry.job_id))]
    leads: dict[str, Lead] = {}
    occurred: dict[str, str] = {}
    for start in range(0, len(wanted), _BATCH):
        for item in Item.batch_get(wanted[start : start + _BATCH]):
            if isinstance(item, Lead):
                leads[item.lead_id] = item
            elif isinstance(item, ConversionItem):
                occurred[item.lead_id] = item.occurred_at
    attach_people(tenant_id, leads.values())
    return [
        (lead, _utc(parse_iso(occurred.get(lead_id) or wins[lead_id].at))) for lead_id, lead in leads.items()
    ]


class _Tally:
    def __init__(self, platform: Platform, names: tuple[str, ...]) -> None:
        self.platform = platform
        self.present = dict.fromkeys(names, 0)
        self.levels: dict[str, int] = {"strong": 0, "fair": 0, "none": 0}
        self.inside = 0

    def add(self, match: PlatformMatch) -> None:
        self.levels[match.quality] += 1
        for check in match.identifiers:
            self.present[check.name] += int(check.present)
        if match.click_window is not None and match.click_window.state != "expired":
            self.inside += 1

    def totals(self, won: int) -> PlatformTotals:
        google = self.platform is Platform.GOOGLE_ADS
        return PlatformTotals(
            platform=self.platform,
            identifiers=[
                IdentifierCount(name=name, label=LABELS[name], leads=count, share=_share(count, won))
                for name, count in self.present.items()
            ],
            strong=self.levels["strong"],
            fair=self.levels["fair"],
            none=self.levels["none"],
            inside_click_window=self.inside if google else None,
            inside_click_window_share=_share(self.inside, won) if google else None,
        )


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def match_quality_totals(principal: Principal, days: int, now: datetime | None = None) -> MatchQualityTotals:
    """Over the leads whose win was reported in the last `days` (1..365): how many had each identifier
    and each match quality per platform, and how many Google clicks were inside the window at the win."""
    now = now or datetime.now(UTC)
    since = now - timedelta(days=max(1, min(days, QUALITY_MAX_DAYS)))
    tenant_id = principal.tenant_id
    country = _country(tenant_id)
    google, meta = _Tally(Platform.GOOGLE_ADS, GOOGLE_IDENTIFIERS), _Tally(Platform.META, META_IDENTIFIERS)
    won = _leads_and_wins(tenant_id, _wins_since(tenant_id, since))
    for lead, won_at in won:
        google.add(google_match(lead, country, now, won_at))
        meta.add(meta_match(lead, country))
    return MatchQualityTotals(
        days=days,
        since=iso(since),
        won_leads=len(won),
        google_ads=google.totals(len(won)),
        meta=meta.totals(len(won)),
    )


# Expiring clicks -------------------------------------------------------------------------------------


def _open_condition(tenant_id: str) -> Condition | None:
    """Leads in no won or lost stage, as a filter on the stage id (one Query of the tenant's stages)."""
    closed = sorted(stage for stage, kind in _stage_kinds(tenant_id).items() if kind in _CLOSED_KINDS)
    condition: Condition | None = None
    for start in range(0, len(closed), _IN_LIMIT):
        part = ~Lead.stage_id.is_in(*closed[start : start + _IN_LIMIT])
        condition = part if condition is None else condition & part
    return condition


def _expiring(lead: Lead, now: datetime) -> ExpiringClick | None:
    """The lead's click as a warning if it leaves the window after now and within 7 days."""
    click = google_click(lead)
    if click is None:
        return None
    expires = click.clicked_at + GOOGLE_CLICK_WINDOW
    if not now < expires <= now + EXPIRY_WARNING:
        return None
    return ExpiringClick(
        lead_id=lead.lead_id,
        name=display_name(lead),
        owner_id=lead.owner_id,
        stage_id=lead.stage_id,
        kind=click.kind,
        clicked_at=iso(click.clicked_at),
        expires_at=iso(expires),
        days_left=(expires - now).days,
    )


def expiring_clicks(
    principal: Principal, cursor: str | None, limit: int, now: datetime | None = None
) -> ExpiringClicksPage:
    """Open leads whose Google click leaves the 90-day window within 7 days, soonest first: one page of
    the click index between now-90d and now-83d, open stages only (a filter within that key range)."""
    now = now or datetime.now(UTC)
    tenant_id = principal.tenant_id
    condition = _open_condition(tenant_id)
    if not may_see_all(principal):
        mine = Lead.owner_id == principal.user_id
        condition = mine if condition is None else condition & mine
    oldest = now - GOOGLE_CLICK_WINDOW
    window = Lead.GSI6SK.between(iso(oldest), f"{iso(oldest + EXPIRY_WARNING)}#~")
    items, next_cursor = query_page(
        Lead.gsi6,
        google_click_index(tenant_id),
        limit=max(1, min(limit, QUALITY_MAX_PAGE)),
        cursor=cursor,
        range_condition=window,
        filter_condition=condition,
        forward=True,
        index_keys=("GSI6PK", "GSI6SK"),
    )
    found = [_expiring(lead, now) for lead in items if isinstance(lead, Lead) and not lead.deleted_at]
    return ExpiringClicksPage(items=[click for click in found if click], next_cursor=next_cursor)
