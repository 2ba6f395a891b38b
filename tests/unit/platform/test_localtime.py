"""Times in the reader's own zone, with the zone named: which zone applies, and how a time reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from convertly.platform.localtime import format_local, recipient_zone, zone_or_none

LOS_ANGELES = ZoneInfo("America/Los_Angeles")


@pytest.mark.parametrize(
    ("user_tz", "tenant_tz", "expected"),
    [
        ("Europe/Berlin", "America/Los_Angeles", "Europe/Berlin"),  # the profile's zone first
        (None, "America/Los_Angeles", "America/Los_Angeles"),  # else the tenant's
        ("", "America/Los_Angeles", "America/Los_Angeles"),
        ("Mars/Olympus", "America/Los_Angeles", "America/Los_Angeles"),  # not a zone: as if missing
        ("../../etc/passwd", "Asia/Tokyo", "Asia/Tokyo"),
        (" Europe/Berlin ", "Asia/Tokyo", "Europe/Berlin"),
        (None, "Not/AZone", "UTC"),  # nothing usable: UTC
        (None, None, "UTC"),
        ("America", "/etc/localtime", "UTC"),  # a folder of zones, an absolute path
    ],
)
def test_the_recipients_zone_falls_back_from_theirs_to_the_tenants_to_utc(
    user_tz: str | None, tenant_tz: str | None, expected: str
) -> None:
    assert recipient_zone(user_tz, tenant_tz).key == expected


def test_a_name_that_is_not_a_zone_is_none() -> None:
    assert zone_or_none("Europe/Berlin") == ZoneInfo("Europe/Berlin")
    assert zone_or_none("europe/nowhere") is None and zone_or_none(None) is None and zone_or_none(" ") is None


def test_a_time_reads_in_the_zone_with_its_abbreviation_and_iana_name() -> None:
    assert (
        format_local("2026-12-07T17:00:00.000Z", LOS_ANGELES)
        == "Mon 7 Dec 2026, 9:00 AM PST (America/Los_Angeles)"
    )
    assert (
        format_local("2026-12-07T17:00:00.000Z", ZoneInfo("Europe/Berlin"))
        == "Mon 7 Dec 2026, 6:00 PM CET (Europe/Berlin)"
    )
    # the local day can differ from UTC's
    assert (
        format_local("2026-12-07T23:45:00Z", ZoneInfo("Asia/Tokyo"))
        == "Tue 8 Dec 2026, 8:45 AM JST (Asia/Tokyo)"
    )
    assert format_local("2026-12-07T00:05:00Z", ZoneInfo("UTC")) == "Mon 7 Dec 2026, 12:05 AM UTC"


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        # spring forward, Sunday 8 March 2026: 2:00 AM PST becomes 3:00 AM PDT (10:00 UTC)
        ("2026-03-08T09:59:00Z", "Sun 8 Mar 2026, 1:59 AM PST (America/Los_Angeles)"),
        ("2026-03-08T10:00:00Z", "Sun 8 Mar 2026, 3:00 AM PDT (America/Los_Angeles)"),
        # fall back, Sunday 1 November 2026: 1:30 AM happens twice, told apart by the abbreviation
        ("2026-11-01T08:30:00Z", "Sun 1 Nov 2026, 1:30 AM PDT (America/Los_Angeles)"),
        ("2026-11-01T09:30:00Z", "Sun 1 Nov 2026, 1:30 AM PST (America/Los_Angeles)"),
    ],
)
def test_daylight_saving_time_on_both_sides_of_each_change(at: str, expected: str) -> None:
    assert format_local(at, LOS_ANGELES) == expected


def test_the_same_utc_time_moves_with_summer_time_in_the_southern_hemisphere_too() -> None:
    sydney = ZoneInfo("Australia/Sydney")
    # Summer time there ends at 3:00 AM AEDT on 5 April 2026 (16:00 UTC the day before)
    assert format_local("2026-04-04T15:59:00Z", sydney) == "Sun 5 Apr 2026, 2:59 AM AEDT (Australia/Sydney)"
    assert format_local("2026-04-04T16:00:00Z", sydney) == "Sun 5 Apr 2026, 2:00 AM AEST (Australia/Sydney)"


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Dubai", "Mon 7 Dec 2026, 9:00 PM UTC+4 (Asia/Dubai)"),
        ("America/Sao_Paulo", "Mon 7 Dec 2026, 2:00 PM UTC-3 (America/Sao_Paulo)"),
        ("Asia/Kathmandu", "Mon 7 Dec 2026, 10:45 PM UTC+5:45 (Asia/Kathmandu)"),
        ("Etc/GMT+5", "Mon 7 Dec 2026, 12:00 PM UTC-5 (Etc/GMT+5)"),
    ],
)
def test_a_zone_with_only_a_numeric_abbreviation_is_named_by_its_offset(zone: str, expected: str) -> None:
    assert format_local("2026-12-07T17:00:00Z", ZoneInfo(zone)) == expected


def test_a_datetime_is_taken_as_it_is_and_a_naive_one_as_utc() -> None:
    berlin_noon = datetime(2026, 7, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    assert format_local(berlin_noon, LOS_ANGELES) == "Wed 1 Jul 2026, 3:00 AM PDT (America/Los_Angeles)"
    assert format_local(datetime(2026, 7, 1, 12, 0), LOS_ANGELES) == format_local(
        datetime(2026, 7, 1, 12, 0, tzinfo=UTC), LOS_ANGELES
    )
    assert format_local(datetime(2026, 7, 1, 12, 0), LOS_ANGELES).startswith("Wed 1 Jul 2026, 5:00 AM PDT")
