"""Match quality without I/O: which identifier each platform would get from a lead, the 90-day Google
click window (inside, expiring, expired, at the win), the plain-words verdicts, and the leads' Google
click index entry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from convertly.conversions.domain.conversions import IdentifierCheck, PlatformMatch
from convertly.conversions.quality import (
    Click,
    assess,
    click_window,
    google_click,
    google_match,
    meta_match,
    won_at,
)
from convertly.conversions.quality import _expiring as expiring
from convertly.leads import keys as leads_keys
from convertly.leads.items import LeadItem
from convertly.leads.store import apply_index_keys
from convertly.platform.clock import iso

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
PHONE = "(650) 253-0000"


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def a_lead(attribution: dict[str, Any] | None = None, **fields: Any) -> LeadItem:
    """A lead of tenant acme created 200 days ago, with the attribution given."""
    created = iso(ago(200))
    values: dict[str, Any] = {
        "created_at": created,
        "stage_entered_at": created,
        "updated_at": created,
        "attribution": attribution or {},
        **fields,
    }
    return LeadItem(
        leads_keys.lead("acme", "L1"),
        leads_keys.LEAD_SK,
        lead_id="L1",
        tenant_id="acme",
        pipeline_id="P",
        stage_id="S",
        source="form",
        created_by="U",
        **values,
    )


def check(match: PlatformMatch, name: str) -> IdentifierCheck:
    return next(c for c in match.identifiers if c.name == name)


# Google: which identifier ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attribution", "used"),
    [
        ({"gclid": "G1", "gbraid": "B1", "wbraid": "W1"}, "gclid"),
        ({"gbraid": "B1", "wbraid": "W1"}, "gbraid"),
        ({"wbraid": "W1"}, "wbraid"),
    ],
)
def test_google_sends_the_gclid_else_the_gbraid_else_the_wbraid(
    attribution: dict[str, str], used: str
) -> None:
    # Given a lead clicked 10 days ago with the click ids given, and an email and phone
    lead = a_lead({**attribution, "first_seen_at": iso(ago(10))}, email="ada@example.com", phone=PHONE)
    # When its Google match is checked
    match = google_match(lead, "US", NOW)
    # Then the first click id in that order is sent, the others are held but not sent
    assert [c.name for c in match.identifiers if c.sent] == [used]
    for name in attribution:
        assert check(match, name).present
        if name != used:
            assert check(match, name).note == f"the {used} is sent instead"
    # And with a click, the email and phone are not needed (Google takes the click id alone)
    assert check(match, "email").present and not check(match, "email").sent
    assert check(match, "email").note == f"the {used} is sent instead"
    assert match.quality == "strong" and used in match.reason
    assert match.click_window is not None and match.click_window.kind == used


def test_the_most_recent_touchs_click_is_the_one_sent() -> None:
    lead = a_lead(
        {"gclid": "OLD", "first_seen_at": iso(ago(120))},
        last_touch={"gbraid": "NEW", "first_seen_at": iso(ago(5))},
    )
    click = google_click(lead)
    assert click == Click("gbraid", ago(5))
    assert check(google_match(lead, "US", NOW), "gclid").note == "the gbraid is sent instead"


def test_without_a_click_google_gets_the_hashed_email_and_phone() -> None:
    lead = a_lead({"utm_source": "newsletter"}, email="Ada.Lovelace@gmail.com", phone=PHONE)
    match = google_match(lead, "US", NOW)
    assert match.quality == "fair"
    assert "hashed email and phone" in match.reason and "enhanced conversions" in match.reason
    assert check(match, "email").sent and check(match, "phone").sent
    assert check(match, "phone").note == "+16502530000"
    assert match.click_window is None
    assert not any(check(match, name).present for name in ("gclid", "gbraid", "wbraid"))


def test_an_invalid_phone_is_named_and_not_sent() -> None:
    lead = a_lead({}, email="ada@example.com", phone="555-0100")
    google, meta = google_match(lead, "US", NOW), meta_match(lead, "US")
    for match in (google, meta):
        phone = check(match, "phone")
        assert (phone.present, phone.sent, phone.note) == (False, False, "invalid number, not sent")
    assert google.quality == "fair" and "hashed email" in google.reason and "phone" not in google.reason


def test_a_local_number_takes_the_tenants_country() -> None:
    lead = a_lead({}, phone="020 7946 0958")
    assert check(google_match(lead, "GB", NOW), "phone").note == "+442079460958"
    assert not check(google_match(lead, "US", NOW), "phone").present


def test_an_address_that_is_not_one_is_named() -> None:
    match = google_match(a_lead({}, email="not-an-email"), "US", NOW)
    assert check(match, "email").note == "not a valid address, not sent"
    assert match.quality == "none" and "nothing can be sent" in match.reason


def test_a_denied_consent_is_said_for_google() -> None:
    lead = a_lead({"gclid": "G", "first_seen_at": iso(ago(3)), "consent": {"ad_user_data": "denied"}})
    match = google_match(lead, "US", NOW)
    assert match.quality == "strong" and "denied ad data use" in match.reason


# Google: the window -----------------------------------------------------------------------------


def test_a_click_inside_the_window_is_open_with_its_closing_date() -> None:
    window = click_window(Click("gclid", ago(30)), NOW)
    assert window.state == "open"
    assert window.clicked_at == iso(ago(30)) and window.closes_at == iso(ago(30) + timedelta(days=90))
    assert window.days_left == 60 and window.won_at is None


def test_an_open_leads_click_closing_within_7_days_is_expiring() -> None:
    window = click_window(Click("gclid", ago(85)), NOW)
    assert (window.state, window.days_left) == ("expiring", 5)
    lead = a_lead({"gclid": "G", "first_seen_at": iso(ago(85))})
    match = google_match(lead, "US", NOW)
    assert match.quality == "strong" and "window closes on 11 Dec 2026" in match.reason


def test_a_click_past_90_days_is_expired_and_not_sent() -> None:
    lead = a_lead({"gclid": "G", "first_seen_at": iso(ago(91))}, email="ada@example.com")
    match = google_match(lead, "US", NOW)
    assert match.click_window is not None and match.click_window.state == "expired"
    assert match.click_window.days_left is None
    assert match.quality == "none" and "more than 90 days ago" in match.reason
    gclid = check(match, "gclid")
    assert gclid.present and not gclid.sent and gclid.note == "the click is more than 90 days old: not sent"
    # No fallback to the email: Google refuses the conversion as expired
    assert not check(match, "email").sent


def test_a_won_leads_window_is_measured_at_the_win() -> None:
    # Clicked 120 days ago, won 40 days later: inside at the win, though 120 days old now
    inside = click_window(Click("gclid", ago(120)), NOW, won_at=ago(80))
    assert (inside.state, inside.won_at, inside.days_left) == ("open", iso(ago(80)), None)
    # Won 95 days after the click: outside
    outside = click_window(Click("gclid", ago(120)), NOW, won_at=ago(25))
    assert outside.state == "expired"
    lead = a_lead({"gclid": "G", "first_seen_at": iso(ago(120))})
    assert "more than 90 days before the win" in google_match(lead, "US", NOW, ago(25)).reason
    # A won lead's window is never "expiring": the win is in
    assert click_window(Click("gclid", ago(88)), NOW, won_at=ago(1)).state == "open"


def test_a_lead_is_won_when_it_is_in_a_won_stage_since_it_entered_it() -> None:
    lead = a_lead({}, stage_entered_at=iso(ago(4)))
    assert won_at(lead, {"S": "won"}) == ago(4)
    assert won_at(lead, {"S": "open"}) is None
    assert won_at(lead, {"S": "lost"}) is None
    assert won_at(lead, {}) is None  # a stage gone meanwhile


def test_a_click_without_a_time_counts_from_the_leads_creation() -> None:
    lead = a_lead({"gclid": "G", "first_seen_at": "yesterday"})
    assert google_click(lead) == Click("gclid", ago(200))


# Meta ------------------------------------------------------------------------------------------------


def test_meta_gets_everything_it_matches_on() -> None:
    lead = a_lead(
        {
            "fbc": "fb.1.1700000000000.AbC",
            "fbp": "fb.1.1700000000000.123",
            "ip": "203.0.113.7",
            "user_agent": "Mozilla/5.0",
            "meta_lead_id": "998877",
        },
        email="ada@example.com",
        phone=PHONE,
    )
    match = meta_match(lead, "US")
    assert [c.name for c in match.identifiers if c.sent] == [
        "fbc",
        "fbp",
        "email",
        "phone",
        "lead_id",
        "ip",
        "user_agent",
    ]
    assert check(match, "fbc").note is None and check(match, "phone").note == "+16502530000"
    assert match.quality == "strong" and "fbc" in match.reason and match.click_window is None


def test_an_fbc_is_built_from_the_fbclid() -> None:
    match = meta_match(a_lead({"fbclid": "IwAR", "first_seen_at": iso(ago(1))}), "US")
    assert check(match, "fbc").present and check(match, "fbc").note == "built from the fbclid"
    assert match.quality == "strong"
    timeless = meta_match(a_lead({"fbclid": "IwAR"}), "US")
    assert not check(timeless, "fbc").present
    assert check(timeless, "fbc").note == "an fbclid without a click time: no fbc can be built"


@pytest.mark.parametrize(
    ("fields", "attribution", "quality", "words"),
    [
        ({}, {"meta_lead_id": "123456"}, "strong", "Lead Ads lead id"),
        ({"email": "a@example.com", "phone": PHONE}, {}, "strong", "Both the email and the phone"),
        ({"email": "a@example.com"}, {}, "fair", "Only the email"),
        ({}, {"fbp": "fb.1.1.2"}, "fair", "Only the meta browser id"),
        ({}, {"ip": "203.0.113.7", "user_agent": "UA"}, "none", "nothing can be sent to Meta"),
    ],
)
def test_meta_quality_in_plain_words(
    fields: dict[str, str], attribution: dict[str, str], quality: str, words: str
) -> None:
    match = meta_match(a_lead(attribution, **fields), "US")
    assert match.quality == quality and words in match.reason


def test_a_visitor_who_denied_ad_data_use_is_not_sent_to_meta() -> None:
    lead = a_lead({"fbc": "fb.1.1.x", "consent": {"ad_user_data": "denied"}}, email="a@example.com")
    match = meta_match(lead, "US")
    assert match.quality == "none" and "denied" in match.reason
    assert check(match, "fbc").present and not any(c.sent for c in match.identifiers)


def test_a_lead_is_assessed_for_both_platforms() -> None:
    lead = a_lead({"gclid": "G", "first_seen_at": iso(ago(2))}, email="a@example.com")
    quality = assess(lead, "US", NOW, won_at=ago(1))
    assert quality.lead_id == "L1" and quality.checked_at == iso(NOW) and quality.won_at == iso(ago(1))
    assert quality.google_ads.platform == "google_ads" and quality.meta.platform == "meta"


# The Google click index and the warning ----------------------------------------------------------


def test_a_lead_with_a_google_click_is_in_the_click_index_by_click_time() -> None:
    lead = a_lead({"gclid": "G", "first_seen_at": "2026-09-12T08:30:00+02:00"})
    apply_index_keys(lead)
    assert lead.GSI6PK == "T#acme#GCLICKS"
    assert lead.GSI6SK == "2026-09-12T06:30:00.000Z#L1"
    # A later touch's click takes its place; without a time the lead's creation counts
    lead.last_touch = {"wbraid": "W"}  # type: ignore[assignment]
    apply_index_keys(lead)
    sort_key = lead.GSI6SK
    assert sort_key == f"{lead.created_at}#L1"


def test_a_lead_without_a_google_click_or_deleted_is_not_in_the_click_index() -> None:
    lead = a_lead({"fbclid": "IwAR", "utm_source": "google"})
    apply_index_keys(lead)
    assert (lead.GSI6PK, lead.GSI6SK) == (None, None)
    clicked = a_lead({"gclid": "G", "first_seen_at": iso(ago(85))})
    clicked.deleted_at = iso(NOW)
    apply_index_keys(clicked)
    assert (clicked.GSI6PK, clicked.GSI6SK) == (None, None)
    clicked.deleted_at = None
    apply_index_keys(clicked)
    assert clicked.GSI6PK == "T#acme#GCLICKS"


def test_a_click_is_a_warning_only_within_its_last_7_days() -> None:
    warned = expiring(a_lead({"gclid": "G", "first_seen_at": iso(ago(85))}, first_name="Ada"), NOW)
    assert warned is not None
    assert (warned.kind, warned.days_left, warned.name) == ("gclid", 5, "Ada")
    assert warned.expires_at == iso(ago(85) + timedelta(days=90))
    assert expiring(a_lead({"gclid": "G", "first_seen_at": iso(ago(30))}), NOW) is None
    assert expiring(a_lead({"gclid": "G", "first_seen_at": iso(ago(91))}), NOW) is None
    assert expiring(a_lead({"email": "a@example.com"}), NOW) is None
