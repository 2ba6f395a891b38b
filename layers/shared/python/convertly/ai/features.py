"""A lead's facts as one-hot tokens for the win-probability score, and a person's words for each token.

Stdlib only: the event consumer that scores a lead imports this, and it must not load numpy.

Every token is `<kind>=<bucket>`; the same facts always give the same tokens, in the same order.
Durations are whole days or minutes counted from the moment up to `as_of` (never below 0), and a
bucket holds its lower edge:

| kind | buckets |
|---|---|
| source | the lead's source code (`source=google_ads`) |
| campaign | lower-cased, trimmed, inner spaces collapsed, at most 64 characters; none when blank |
| source_campaign | `<source>|<campaign>`, the same campaign in its source |
| form | the form's id; none without a form |
| value | `0` (0 or less), `1-999`, `1k-5k` (1,000 to under 5,000), `5k-20k`, `20k+` (20,000 and more) |
| response | `none` (nobody yet), `<5m` (under 5 minutes), `5-60m`, `1-24h` (60 minutes to 24 hours), `>24h` |
| activity | `0`, `1-2`, `3-5`, `6+` activities by people |
| idle | whole days since the last activity, or since creation without one: `0-2d`, `3-7d`, `8-14d`, `15d+` |
| stage | the stage's id |
| stage_days | whole days in the stage: `0-7`, `8-30`, `31+` |
| touches | `0`, `1`, `2-3`, `4+` |
| email | `business`, `free`, `none` (see `email_kind`) |
| complete | name, email, phone and company present: `low` (at most 1), `mid` (2 or 3), `full` (all 4) |
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

CAMPAIGN_CHARS = 64
MINUTES_PER_DAY = 1440
SECONDS_PER_DAY = 86_400

SOURCE_LABELS = {
    "google_ads": "Google Ads",
    "meta_ads": "Meta Ads",
    "microsoft_ads": "Microsoft Ads",
    "tiktok_ads": "TikTok Ads",
    "linkedin_ads": "LinkedIn Ads",
    "organic_search": "Organic search",
    "social": "Social",
    "referral": "Referral",
    "email": "Email",
    "direct": "Direct",
    "form": "Form",
    "manual": "Manual",
    "import": "Import",
    "other": "Other",
}

# Free mail providers by registrable domain. A brand in FREE_MAIL_BRANDS is free under any of its
# country domains (yahoo.co.uk, hotmail.fr, gmx.net, yandex.com.tr).
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "msn.com",
        "aol.com",
        "aim.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "web.de",
        "t-online.de",
        "freenet.de",
        "mail.ru",
        "inbox.ru",
        "list.ru",
        "bk.ru",
        "rambler.ru",
        "qq.com",
        "163.com",
        "126.com",
        "sina.com",
        "naver.com",
        "daum.net",
        "zoho.com",
        "zohomail.com",
        "mail.com",
        "email.com",
        "tutanota.com",
        "tuta.io",
        "fastmail.com",
        "hey.com",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "laposte.net",
        "libero.it",
        "virgilio.it",
        "seznam.cz",
        "wp.pl",
        "o2.pl",
        "interia.pl",
        "comcast.net",
        "verizon.net",
        "att.net",
        "sbcglobal.net",
        "cox.net",
        "btinternet.com",
        "sky.com",
        "bigpond.com",
        "rediffmail.com",
    }
)
FREE_MAIL_BRANDS = frozenset({"yahoo", "ymail", "hotmail", "outlook", "live", "windowslive", "gmx", "yandex"})
# Second-level labels under a country code that belong to the suffix (yahoo.co.uk, yandex.com.tr).
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "ne", "or", "ac", "gen", "ltd", "plc"})


@dataclass(frozen=True)
class LeadFacts:
    """What the score knows of one lead at one moment.

    For a closed lead every fact is as it stood at the close (`as_of`), and the stage is the last open
    stage it was in before the close: the won or lost stage would give the answer away.
    """

    lead_id: str
    created_at: datetime
    as_of: datetime
    source: str
    source_label: str
    campaign: str | None
    form_id: str | None
    form_label: str | None
    value: float
    first_response_minutes: float | None
    activity_count: int
    last_activity_at: datetime | None
    stage_id: str
    stage_label: str
    stage_position: float
    stage_entered_at: datetime
    touch_count: int
    email_kind: str
    has_name: bool
    has_phone: bool
    has_company: bool


def email_kind(email: str | None) -> str:
    """ "business", "free" (a free mail provider's domain) or "none" (no address, or not an address)."""
    if not email:
        return "none"
    local, _, domain = email.strip().lower().rpartition("@")
    domain = domain.strip().rstrip(".")
    if not local or "." not in domain:
        return "none"
    labels = domain.split(".")
    size = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    registrable = labels[-size:]
    if ".".join(registrable) in FREE_MAIL_DOMAINS or registrable[0] in FREE_MAIL_BRANDS:
        return "free"
    return "business"


def campaign_key(campaign: str | None) -> str | None:
    """The campaign as its tokens hold it: lower-cased, trimmed, at most 64 characters; None when blank."""
    if campaign is None:
        return None
    key = " ".join(campaign.split()).lower()[:CAMPAIGN_CHARS].strip()
    return key or None


def _days(start: datetime, end: datetime) -> int:
    return max(0, math.floor((end - start).total_seconds() / SECONDS_PER_DAY))


def idle_days(facts: LeadFacts) -> int:
    """Whole days from the last activity (or the creation, without one) to `as_of`."""
    return _days(facts.last_activity_at or facts.created_at, facts.as_of)


def stage_days(facts: LeadFacts) -> int:
    return _days(facts.stage_entered_at, facts.as_of)


def _value_bucket(value: float) -> str:
    if value <= 0:
        return "0"
    if value < 1_000:
        return "1-999"
    if value < 5_000:
        return "1k-5k"
    if value < 20_000:
        return "5k-20k"
    return "20k+"


def _response_bucket(minutes: float | None) -> str:
    if minutes is None:
        return "none"
    if minutes < 5:
        return "<5m"
    if minutes < 60:
        return "5-60m"
    if minutes < MINUTES_PER_DAY:
        return "1-24h"
    return ">24h"


def _activity_bucket(count: int) -> str:
    if count <= 0:
        return "0"
    if count <= 2:
        return "1-2"
    if count <= 5:
        return "3-5"
    return "6+"


def _idle_bucket(days: int) -> str:
    if days <= 2:
        return "0-2d"
    if days <= 7:
        return "3-7d"
    if days <= 14:
        return "8-14d"
    return "15d+"


def _stage_days_bucket(days: int) -> str:
    if days <= 7:
        return "0-7"
    if days <= 30:
        return "8-30"
    return "31+"


def _touches_bucket(count: int) -> str:
    if count <= 0:
        return "0"
    if count == 1:
        return "1"
    if count <= 3:
        return "2-3"
    return "4+"


def _details(facts: LeadFacts) -> list[bool]:
    return [facts.has_name, facts.email_kind != "none", facts.has_phone, facts.has_company]


def _complete_bucket(facts: LeadFacts) -> str:
    present = sum(_details(facts))
    if present <= 1:
        return "low"
    if present <= 3:
        return "mid"
    return "full"


_BUCKETS: dict[str, Callable[[LeadFacts], str]] = {
    "value": lambda facts: _value_bucket(facts.value),
    "response": lambda facts: _response_bucket(facts.first_response_minutes),
    "activity": lambda facts: _activity_bucket(facts.activity_count),
    "idle": lambda facts: _idle_bucket(idle_days(facts)),
    "stage_days": lambda facts: _stage_days_bucket(stage_days(facts)),
    "touches": lambda facts: _touches_bucket(facts.touch_count),
    "complete": _complete_bucket,
}


def tokens(facts: LeadFacts) -> list[str]:
    """The lead's one-hot tokens (module docstring), each kind at most once."""
    found = [f"source={facts.source}"]
    campaign = campaign_key(facts.campaign)
    if campaign:
        found += [f"campaign={campaign}", f"source_campaign={facts.source}|{campaign}"]
    if facts.form_id:
        found.append(f"form={facts.form_id}")
    found += [
        f"value={_value_bucket(facts.value)}",
        f"response={_response_bucket(facts.first_response_minutes)}",
        f"activity={_activity_bucket(facts.activity_count)}",
        f"idle={_idle_bucket(idle_days(facts))}",
        f"stage={facts.stage_id}",
        f"stage_days={_stage_days_bucket(stage_days(facts))}",
        f"touches={_touches_bucket(facts.touch_count)}",
        f"email={facts.email_kind}",
        f"complete={_complete_bucket(facts)}",
    ]
    return found


# Words ---------------------------------------------------------------------------------------------

_VALUE_WORDS = {
    "0": "no value",
    "1-999": "value 1-999",
    "1k-5k": "value 1,000-4,999",
    "5k-20k": "value 5,000-19,999",
    "20k+": "value 20,000 or more",
}
_RESPONSE_WORDS = {
    "none": "not answered yet",
    "<5m": "answered within 5 minutes",
    "5-60m": "answered within an hour",
    "1-24h": "answered within a day",
    ">24h": "answered after more than a day",
}
_ACTIVITY_WORDS = {
    "0": "no activity yet",
    "1-2": "1-2 activities",
    "3-5": "3-5 activities",
    "6+": "6 or more activities",
}
_IDLE_WORDS = {
    "0-2d": "active in the last 2 days",
    "3-7d": "no activity for 3-7 days",
    "8-14d": "no activity for 8-14 days",
    "15d+": "no activity for 15 days or more",
}
_STAGE_DAYS_WORDS = {"0-7": "up to a week", "8-30": "8-30 days", "31+": "more than 30 days"}
_TOUCHES_WORDS = {
    "0": "no visit recorded",
    "1": "1 visit that reached us",
    "2-3": "2-3 visits that reached us",
    "4+": "4 or more visits that reached us",
}
_EMAIL_WORDS = {
    "business": "a business email address",
    "free": "a free email address",
    "none": "no email address",
}
_COMPLETE_WORDS = {
    "full": "complete contact details",
    "mid": "some contact details missing",
    "low": "few contact details",
}
_DETAIL_NAMES = ("name", "email address", "phone number", "company")


def _count(number: int, one: str, many: str) -> str:
    return one if number == 1 else f"{number} {many}"


def _half_up(number: float) -> int:
    return math.floor(number + 0.5)


def response_words(minutes: float) -> str:
    """'answered within 5 minutes', 'after 3 hours', 'after 2 days': minutes up to the hour, then rounded."""
    if minutes < 60:
        whole = max(1, math.ceil(minutes))
        return "answered within a minute" if whole == 1 else f"answered within {whole} minutes"
    if minutes < MINUTES_PER_DAY:
        return "answered after " + _count(_half_up(minutes / 60), "an hour", "hours")
    return "answered after " + _count(_half_up(minutes / MINUTES_PER_DAY), "a day", "days")


def _idle_words(facts: LeadFacts) -> str:
    days = idle_days(facts)
    if days == 0:
        return "active today" if facts.last_activity_at else "created today"
    return "no activity for " + _count(days, "a day", "days")


def _complete_words(facts: LeadFacts, bucket: str) -> str:
    """'complete contact details', 'some contact details missing (no phone number or company)'."""
    missing = [name for name, present in zip(_DETAIL_NAMES, _details(facts), strict=True) if not present]
    if bucket == "full" or not missing:
        return _COMPLETE_WORDS["full"]
    listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " or " + missing[-1]
    return f"{_COMPLETE_WORDS[bucket]} (no {listed})"


def _source_label(facts: LeadFacts, source: str) -> str:
    if source == facts.source and facts.source_label:
        return facts.source_label
    return SOURCE_LABELS.get(source, source)


def _campaign_label(facts: LeadFacts, key: str) -> str:
    """The lead's own spelling of its campaign when the token is its campaign's."""
    if facts.campaign and campaign_key(facts.campaign) == key:
        return " ".join(facts.campaign.split())[:CAMPAIGN_CHARS].strip()
    return key


def describe(token: str, facts: LeadFacts) -> str:
    """A person's words for a token about this lead, with the lead's own numbers when the token is its own."""
    kind, _, bucket = token.partition("=")
    own = kind in _BUCKETS and _BUCKETS[kind](facts) == bucket
    if kind == "source":
        return f"Source {_source_label(facts, bucket)}"
    if kind == "campaign":
        return f"Campaign {_campaign_label(facts, bucket)}"
    if kind == "source_campaign":
        source, _, campaign = bucket.partition("|")
        return f"{_source_label(facts, source)}, campaign {_campaign_label(facts, campaign)}"
    if kind == "form":
        label = facts.form_label if bucket == facts.form_id and facts.form_label else bucket
        return f"Form {label}"
    if kind == "stage":
        return f"in stage {facts.stage_label if bucket == facts.stage_id else bucket}"
    words = _own_words(kind, bucket, facts) if own else None
    return words or _bucket_words(kind, bucket)


def _own_words(kind: str, bucket: str, facts: LeadFacts) -> str | None:
    if kind == "response" and facts.first_response_minutes is not None:
        return response_words(facts.first_response_minutes)
    if kind == "activity" and facts.activity_count > 0:
        return _count(facts.activity_count, "1 activity", "activities") + " by the team"
    if kind == "idle":
        return _idle_words(facts)
    if kind == "stage_days":
        days = stage_days(facts)
        span = "since today" if days == 0 else "for " + _count(days, "a day", "days")
        return f"in stage {facts.stage_label} {span}"
    if kind == "touches" and facts.touch_count > 0:
        return _count(facts.touch_count, "1 visit", "visits") + " that reached us"
    if kind == "complete":
        return _complete_words(facts, bucket)
    return None


def _bucket_words(kind: str, bucket: str) -> str:
    tables = {
        "value": _VALUE_WORDS,
        "response": _RESPONSE_WORDS,
        "activity": _ACTIVITY_WORDS,
        "idle": _IDLE_WORDS,
        "touches": _TOUCHES_WORDS,
        "email": _EMAIL_WORDS,
        "complete": _COMPLETE_WORDS,
    }
    if kind == "stage_days":
        return f"in the stage for {_STAGE_DAYS_WORDS.get(bucket, bucket)}"
    return tables.get(kind, {}).get(bucket, f"{kind.replace('_', ' ')} {bucket}".strip())
