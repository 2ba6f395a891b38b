"""A lead's facts as tokens for the score: each bucket's edges, email kinds, and the words a person reads."""

from __future__ import annotations

from datetime import timedelta

import pytest

from convertly.ai.features import LeadFacts, describe, email_kind, tokens
from tests.unit.ai.support import NOW
from tests.unit.ai.support import facts as _facts


def _token(facts: LeadFacts, kind: str) -> str | None:
    found = [token for token in tokens(facts) if token.startswith(f"{kind}=")]
    assert len(found) <= 1
    return found[0] if found else None


def test_a_lead_has_one_token_of_each_kind_in_a_fixed_order() -> None:
    assert tokens(_facts()) == [
        "source=google_ads",
        "campaign=hail-2026",
        "source_campaign=google_ads|hail-2026",
        "form=F1",
        "value=1k-5k",
        "response=<5m",
        "activity=3-5",
        "idle=8-14d",
        "stage=S-qualified",
        "stage_days=8-30",
        "touches=2-3",
        "email=business",
        "complete=mid",
    ]
    assert tokens(_facts()) == tokens(_facts())


def test_a_lead_entered_by_hand_has_no_campaign_or_form_tokens() -> None:
    found = tokens(_facts(source="manual", campaign=None, form_id=None, form_label=None, touch_count=0))
    assert not [token for token in found if token.split("=")[0] in ("campaign", "source_campaign", "form")]
    assert "source=manual" in found and "touches=0" in found


@pytest.mark.parametrize(
    ("campaign", "expected"),
    [
        ("  Hail-2026 ", "hail-2026"),
        ("Spring   Roof\tSale", "spring roof sale"),
        ("x" * 80, "x" * 64),
        ("   ", None),
        ("", None),
    ],
)
def test_the_campaign_is_lower_cased_trimmed_and_cut_to_64_characters(
    campaign: str, expected: str | None
) -> None:
    facts = _facts(campaign=campaign)
    assert _token(facts, "campaign") == (f"campaign={expected}" if expected else None)
    assert _token(facts, "source_campaign") == (
        f"source_campaign=google_ads|{expected}" if expected else None
    )


@pytest.mark.parametrize(
    ("value", "bucket"),
    [
        (-5, "0"),
        (0, "0"),
        (0.01, "1-999"),
        (999.99, "1-999"),
        (1_000, "1k-5k"),
        (4_999.99, "1k-5k"),
        (5_000, "5k-20k"),
        (19_999, "5k-20k"),
        (20_000, "20k+"),
        (1_000_000, "20k+"),
    ],
)
def test_value_bands(value: float, bucket: str) -> None:
    assert _token(_facts(value=value), "value") == f"value={bucket}"


@pytest.mark.parametrize(
    ("minutes", "bucket"),
    [
        (None, "none"),
        (0, "<5m"),
        (4.99, "<5m"),
        (5, "5-60m"),
        (59.9, "5-60m"),
        (60, "1-24h"),
        (1_439, "1-24h"),
        (1_440, ">24h"),
        (10_000, ">24h"),
    ],
)
def test_response_buckets(minutes: float | None, bucket: str) -> None:
    assert _token(_facts(first_response_minutes=minutes), "response") == f"response={bucket}"


@pytest.mark.parametrize(
    ("count", "bucket"), [(0, "0"), (1, "1-2"), (2, "1-2"), (3, "3-5"), (5, "3-5"), (6, "6+"), (40, "6+")]
)
def test_activity_buckets(count: int, bucket: str) -> None:
    assert _token(_facts(activity_count=count), "activity") == f"activity={bucket}"


@pytest.mark.parametrize(
    ("idle", "bucket"),
    [
        (timedelta(0), "0-2d"),
        (timedelta(days=2, hours=23), "0-2d"),
        (timedelta(days=3), "3-7d"),
        (timedelta(days=7, hours=23), "3-7d"),
        (timedelta(days=8), "8-14d"),
        (timedelta(days=14, hours=23), "8-14d"),
        (timedelta(days=15), "15d+"),
        (timedelta(days=400), "15d+"),
    ],
)
def test_idle_buckets_count_whole_days_since_the_last_activity(idle: timedelta, bucket: str) -> None:
    assert _token(_facts(last_activity_at=NOW - idle), "idle") == f"idle={bucket}"


def test_idle_counts_from_the_creation_without_an_activity_and_never_below_zero() -> None:
    quiet = _facts(activity_count=0, last_activity_at=None, created_at=NOW - timedelta(days=10))
    assert _token(quiet, "idle") == "idle=8-14d"
    assert _token(_facts(last_activity_at=NOW + timedelta(days=3)), "idle") == "idle=0-2d"


def test_the_facts_of_a_closed_lead_are_read_at_its_close() -> None:
    closed = _facts(as_of=NOW - timedelta(days=8), last_activity_at=NOW - timedelta(days=9))
    assert _token(closed, "idle") == "idle=0-2d"
    assert _token(closed, "stage_days") == "stage_days=0-7"


@pytest.mark.parametrize(
    ("days", "bucket"),
    [(0, "0-7"), (7, "0-7"), (8, "8-30"), (30, "8-30"), (31, "31+"), (365, "31+")],
)
def test_days_in_the_stage(days: int, bucket: str) -> None:
    facts = _facts(stage_entered_at=NOW - timedelta(days=days, hours=1))
    assert _token(facts, "stage_days") == f"stage_days={bucket}"
    assert _token(facts, "stage") == "stage=S-qualified"


@pytest.mark.parametrize(
    ("count", "bucket"), [(0, "0"), (1, "1"), (2, "2-3"), (3, "2-3"), (4, "4+"), (12, "4+")]
)
def test_touch_buckets(count: int, bucket: str) -> None:
    assert _token(_facts(touch_count=count), "touches") == f"touches={bucket}"


@pytest.mark.parametrize(
    ("name", "email", "phone", "company", "bucket"),
    [
        (False, "none", False, False, "low"),
        (True, "none", False, False, "low"),
        (True, "free", False, False, "mid"),
        (True, "business", True, False, "mid"),
        (True, "free", True, True, "full"),
    ],
)
def test_completeness_counts_name_email_phone_and_company(
    name: bool, email: str, phone: bool, company: bool, bucket: str
) -> None:
    facts = _facts(has_name=name, email_kind=email, has_phone=phone, has_company=company)
    assert _token(facts, "complete") == f"complete={bucket}"
    assert _token(facts, "email") == f"email={email}"


@pytest.mark.parametrize(
    ("email", "kind"),
    [
        ("pat@gmail.com", "free"),
        ("Pat@GMail.com", "free"),
        ("pat@googlemail.com", "free"),
        ("pat@yahoo.com", "free"),
        ("pat@yahoo.co.uk", "free"),
        ("pat@yahoo.fr", "free"),
        ("pat@hotmail.de", "free"),
        ("pat@outlook.com.br", "free"),
        ("pat@live.co.za", "free"),
        ("pat@gmx.net", "free"),
        ("pat@web.de", "free"),
        ("pat@mail.ru", "free"),
        ("pat@yandex.com.tr", "free"),
        ("pat@icloud.com", "free"),
        ("pat@proton.me", "free"),
        ("pat@qq.com", "free"),
        ("pat@163.com", "free"),
        (" pat@gmail.com. ", "free"),
        ("pat@acme-roofing.com", "business"),
        ("pat@acme.co.uk", "business"),
        ("pat@mail.acme.com", "business"),
        ("pat@gmail.acme.com", "business"),
        ("pat@yahoo-roofing.com", "business"),
        (None, "none"),
        ("", "none"),
        ("not an address", "none"),
        ("@gmail.com", "none"),
        ("pat@localhost", "none"),
    ],
)
def test_email_kind(email: str | None, kind: str) -> None:
    assert email_kind(email) == kind


def test_words_for_where_the_lead_came_from() -> None:
    facts = _facts(campaign="Hail-2026")
    assert describe("source=google_ads", facts) == "Source Google Ads"
    assert describe("campaign=hail-2026", facts) == "Campaign Hail-2026"
    assert describe("source_campaign=google_ads|hail-2026", facts) == "Google Ads, campaign Hail-2026"
    assert describe("source_campaign=meta_ads|spring", facts) == "Meta Ads, campaign spring"
    assert describe("form=F1", facts) == "Form Roof inspection"
    assert describe("form=F9", facts) == "Form F9"


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (0.2, "answered within a minute"),
        (4.2, "answered within 5 minutes"),
        (3, "answered within 3 minutes"),
        (59.5, "answered within 60 minutes"),
        (75, "answered after an hour"),
        (190, "answered after 3 hours"),
        (1_500, "answered after a day"),
        (2 * 1_440 + 100, "answered after 2 days"),
        (None, "not answered yet"),
    ],
)
def test_words_for_the_first_answer_use_the_leads_own_time(minutes: float | None, words: str) -> None:
    facts = _facts(first_response_minutes=minutes)
    assert describe(_token(facts, "response") or "", facts) == words


def test_words_for_activity_and_quiet_days_use_the_leads_own_numbers() -> None:
    facts = _facts()
    assert describe("idle=8-14d", facts) == "no activity for 9 days"
    assert describe("activity=3-5", facts) == "3 activities by the team"
    assert describe("activity=1-2", _facts(activity_count=1)) == "1 activity by the team"
    assert describe("activity=0", _facts(activity_count=0, last_activity_at=None)) == "no activity yet"
    assert describe("idle=0-2d", _facts(last_activity_at=NOW - timedelta(hours=3))) == "active today"
    assert describe("idle=0-2d", _facts(last_activity_at=NOW - timedelta(days=1))) == "no activity for a day"
    fresh = _facts(activity_count=0, last_activity_at=None, created_at=NOW - timedelta(hours=2))
    assert describe("idle=0-2d", fresh) == "created today"


def test_words_for_the_stage() -> None:
    facts = _facts()
    assert describe("stage=S-qualified", facts) == "in stage Qualified"
    assert describe("stage_days=8-30", facts) == "in stage Qualified for 12 days"
    assert describe("stage_days=0-7", _facts(stage_entered_at=NOW - timedelta(hours=5))) == (
        "in stage Qualified since today"
    )


def test_words_for_value_contact_details_and_visits() -> None:
    facts = _facts()
    assert describe("value=1k-5k", facts) == "value 1,000-4,999"
    assert describe("value=20k+", facts) == "value 20,000 or more"
    assert describe("value=0", facts) == "no value"
    assert describe("email=business", facts) == "a business email address"
    assert describe("email=free", facts) == "a free email address"
    assert describe("touches=2-3", facts) == "3 visits that reached us"
    assert describe("touches=1", _facts(touch_count=1)) == "1 visit that reached us"
    assert describe("complete=mid", facts) == "some contact details missing (no company)"
    complete = _facts(has_company=True)
    assert describe("complete=full", complete) == "complete contact details"
    sparse = _facts(email_kind="none", has_phone=False)
    assert (
        describe("complete=low", sparse) == "few contact details (no email address, phone number or company)"
    )
    assert describe("complete=mid", sparse) == "some contact details missing"


def test_words_for_a_bucket_that_is_not_the_leads_own_name_the_bucket() -> None:
    facts = _facts()
    assert describe("idle=15d+", facts) == "no activity for 15 days or more"
    assert describe("response=>24h", facts) == "answered after more than a day"
    assert describe("stage_days=31+", facts) == "in the stage for more than 30 days"
    assert describe("touches=4+", facts) == "4 or more visits that reached us"
