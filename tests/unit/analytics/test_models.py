"""Attribution models: each splits a win's revenue over the touches before it, to the cent."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from convertly.analytics.models import HALF_LIFE_SECONDS, Model, TouchPoint, credit, split, weights

DAY = 24 * 3600.0


def _touches(*specs: tuple[float, bool, str]) -> list[TouchPoint]:
    return [TouchPoint(at, direct, (name, "", "", "", "")) for at, direct, name in specs]


THREE = _touches((0.0, False, "google"), (5 * DAY, True, "direct"), (10 * DAY, False, "meta"))


def test_first_and_last_touch_give_everything_to_one_touch() -> None:
    assert weights(Model.FIRST_TOUCH, THREE, 10 * DAY) == [1, 0, 0]
    assert weights(Model.LAST_TOUCH, THREE, 10 * DAY) == [0, 0, 1]


def test_last_non_direct_passes_a_direct_visit_by_unless_every_touch_is_direct() -> None:
    touches = _touches((0.0, False, "google"), (DAY, True, "direct"))
    assert weights(Model.LAST_NON_DIRECT, touches, DAY) == [1, 0]
    only_direct = _touches((0.0, True, "direct"), (DAY, True, "direct"))
    assert weights(Model.LAST_NON_DIRECT, only_direct, DAY) == [0, 1]


def test_position_based_is_40_20_40_and_half_each_for_two() -> None:
    four = _touches(*[(i * DAY, False, f"s{i}") for i in range(4)])
    assert weights(Model.POSITION_BASED, four, 4 * DAY) == [
        Fraction(2, 5),
        Fraction(1, 10),
        Fraction(1, 10),
        Fraction(2, 5),
    ]
    assert weights(Model.POSITION_BASED, THREE[:2], DAY) == [Fraction(1, 2), Fraction(1, 2)]
    assert weights(Model.POSITION_BASED, THREE[:1], DAY) == [1]


def test_time_decay_halves_a_touch_seven_days_older() -> None:
    touches = _touches((0.0, False, "old"), (HALF_LIFE_SECONDS, False, "new"))
    old, new = weights(Model.TIME_DECAY, touches, HALF_LIFE_SECONDS)
    assert new == 2 * old and old + new == 1


def test_linear_shares_alike() -> None:
    assert weights(Model.LINEAR, THREE, 10 * DAY) == [Fraction(1, 3)] * 3


@pytest.mark.parametrize("model", list(Model))
def test_every_model_credits_exactly_the_won_revenue_and_one_win(model: Model) -> None:
    rng = random.Random(f"credit-{model}")
    for _ in range(300):
        n = rng.randint(1, 9)
        touches = _touches(
            *sorted((rng.uniform(0, 90) * DAY, rng.random() < 0.3, rng.choice("abcd")) for _ in range(n))
        )
        cents = rng.randint(0, 10_000_000)
        lines = credit(model, touches, 95 * DAY, cents)
        assert sum(line.cents for line in lines) == cents
        assert sum(line.share for line in lines) == 1000
        assert len({line.dims for line in lines}) == len(lines)


def test_split_gives_the_cents_left_to_the_largest_remainders() -> None:
    assert split(100, [Fraction(1, 3)] * 3) == [34, 33, 33]
    assert split(1, [Fraction(1, 2), Fraction(1, 2)]) == [1, 0]
    assert split(0, [Fraction(1)]) == [0]
