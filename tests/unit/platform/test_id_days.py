"""Days as a range of time-ordered ids: the lists of imports and bulk actions read only the days asked."""

from __future__ import annotations

from datetime import date
from unittest import mock

import pytest

from convertly.platform.clock import new_id
from convertly.platform.errors import ValidationError
from convertly.platform.store.paging import all_of, id_days


def _id_at(day: date, hour: int) -> str:
    seconds = (date(day.year, day.month, day.day) - date(1970, 1, 1)).days * 86400 + hour * 3600
    with mock.patch("convertly.platform.clock.time.time", return_value=seconds):
        return new_id()


def test_an_id_made_on_a_day_falls_between_that_days_bounds_and_not_the_next_days() -> None:
    low, high = id_days(date(2026, 3, 1), date(2026, 3, 1), date(2026, 12, 6))
    for hour in (0, 12, 23):
        assert low <= _id_at(date(2026, 3, 1), hour) < high
    assert _id_at(date(2026, 3, 2), 0) >= high
    assert _id_at(date(2026, 2, 28), 23) < low


def test_the_default_is_every_day_up_to_today_and_far_dates_are_clamped() -> None:
    low, high = id_days(None, None, date(2026, 12, 6))
    assert low <= _id_at(date(2000, 1, 1), 0) and _id_at(date(2026, 12, 6), 23) < high
    assert id_days(date(1, 1, 1), date(9999, 12, 31), date(2026, 12, 6))[0] == low


def test_a_start_after_the_end_is_a_clear_422() -> None:
    with pytest.raises(ValidationError) as raised:
        id_days(date(2026, 3, 2), date(2026, 3, 1), date(2026, 12, 6))
    assert raised.value.fields == {"date_from": "must not be after date_to"}


def test_no_condition_is_none() -> None:
    assert all_of([]) is None
