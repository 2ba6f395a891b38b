"""What a move into a won or lost stage records, checked against the tenant's settings: a win's value,
a loss's reason; and which refusals wait for the settings to be read again."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from convertly.leads.domain.leads import StageChange
from convertly.pipelines.stage_change import (
    Closing,
    Found,
    StaleStagesError,
    closing_of,
    known_reason,
)
from convertly.pipelines.store import SettingsRef, StageRef
from convertly.platform.errors import ValidationError

WON = StageRef("P", "W", "Closed Won", "won")
LOST = StageRef("P", "L", "Closed Lost", "lost")
OPEN = StageRef("P", "Q", "Qualified", "open")
DEFAULTS = SettingsRef()


def found(value_minor: int = 0) -> Found:
    return Found("t", "l", 1, "N", "2026-01-01T00:00:00.000Z", None, value_minor, "USD", "manual")


def change(**fields: Any) -> StageChange:
    return StageChange(stage_id="X", version=1, **fields)


def refusal(request: StageChange, target: StageRef, settings: SettingsRef = DEFAULTS, value: int = 0) -> Any:
    with pytest.raises(ValidationError) as caught:
        closing_of(request, found(value), target, settings, final=True)
    return caught.value


def test_a_win_sets_the_value_given_else_keeps_the_leads_own() -> None:
    closing, condition = closing_of(change(value=Decimal("1234.50")), found(0), WON, DEFAULTS, final=False)
    assert (closing, condition) == (Closing(value_minor=123450), None)
    closing, _ = closing_of(change(), found(9900), WON, DEFAULTS, final=False)
    assert closing.value_after(found(9900)) == 9900


def test_a_win_worth_0_is_refused_only_on_settings_just_read() -> None:
    # On the directory's settings the refusal waits for a reload (the tenant may have just allowed it)
    with pytest.raises(StaleStagesError):
        closing_of(change(), found(0), WON, DEFAULTS, final=False)
    # On settings just read it is value_required, naming the value
    error = refusal(change(value=Decimal(0)), WON, value=500)
    assert (error.code, set(error.fields)) == ("value_required", {"value"})


def test_a_win_worth_0_where_allowed_is_kept_to_the_setting_by_the_write() -> None:
    allowed = SettingsRef(allow_zero_value_wins=True, saved=True)
    closing, condition = closing_of(change(), found(0), WON, allowed, final=False)
    assert closing.value_after(found(0)) == 0
    assert condition is not None and "allow_zero_value_wins" in str(condition.values)


def test_a_loss_needs_a_listed_reason_matched_without_regard_to_case() -> None:
    error = refusal(change(), LOST)
    assert (error.code, set(error.fields)) == ("lost_reason_required", {"lost_reason"})
    closing, condition = closing_of(
        change(lost_reason="chose A COMPETITOR", lost_note="  "), found(), LOST, DEFAULTS, final=False
    )
    assert closing == Closing(lost_reason="Chose a competitor", lost_note=None)
    assert condition is not None


def test_an_unknown_reason_is_refused_only_on_settings_just_read() -> None:
    with pytest.raises(StaleStagesError):
        closing_of(change(lost_reason="Aliens"), found(), LOST, DEFAULTS, final=False)
    error = refusal(change(lost_reason="Aliens"), LOST, SettingsRef(("Budget", "Timing"), saved=True))
    assert error.code == "unknown_lost_reason"
    assert error.fields == {"lost_reason": "Choose one of: Budget, Timing"}


@pytest.mark.parametrize(
    ("fields", "target", "named"),
    [
        ({"value": Decimal(5)}, OPEN, {"value"}),
        ({"value": Decimal(5), "lost_reason": "Price"}, LOST, {"value"}),
        ({"lost_reason": "Price"}, WON, {"lost_reason"}),
        ({"lost_note": "why"}, OPEN, {"lost_note"}),
    ],
)
def test_a_value_or_reason_for_a_stage_it_does_not_fit_is_refused(
    fields: dict[str, Any], target: StageRef, named: set[str]
) -> None:
    assert set(refusal(change(**fields), target).fields) == named


def test_a_move_to_an_open_stage_records_nothing_more() -> None:
    assert closing_of(change(), found(700), OPEN, DEFAULTS, final=False) == (Closing(), None)


def test_known_reason() -> None:
    assert known_reason(" price ", ("Price", "Timing")) == "Price"
    assert known_reason("Prices", ("Price",)) is None
