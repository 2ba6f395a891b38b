"""Attribution models: how a won lead's revenue is shared among the touches before the win.

Pure functions over a list of touches (oldest first). Each model gives every touch a weight; the
revenue is then split in whole cents by largest remainder, so the shares of every model add up to the
won revenue exactly (and a won lead's count, in thousandths, to exactly 1,000).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Model(StrEnum):
    FIRST_TOUCH = "first_touch"
    LAST_TOUCH = "last_touch"
    LAST_NON_DIRECT = "last_non_direct"
    LINEAR = "linear"
    POSITION_BASED = "position_based"
    TIME_DECAY = "time_decay"


# Short names for the aggregate attributes (`c_ft`, `w_lin`, ...): items stay small.
CODES: dict[Model, str] = {
    Model.FIRST_TOUCH: "ft",
    Model.LAST_TOUCH: "lt",
    Model.LAST_NON_DIRECT: "lnd",
    Model.LINEAR: "lin",
    Model.POSITION_BASED: "pos",
    Model.TIME_DECAY: "td",
}

HALF_LIFE_SECONDS = 7 * 24 * 3600  # Google Ads' time decay model: a touch 7 days earlier gets half
WIN_SHARE = 1000  # a won lead's count, split in thousandths


@dataclass(frozen=True)
class TouchPoint:
    """One touch as the models see it: when it happened (epoch seconds), whether it was a direct
    visit (no click id, campaign or referring site), and the dimensions its credit goes to."""

    at: float
    direct: bool
    dims: tuple[str, ...]


def weights(model: Model, touches: Sequence[TouchPoint], won_at: float) -> list[Fraction]:
    """Each touch's weight under `model`; they add up to 1. `touches` is oldest first, not empty."""
    n = len(touches)
    if model is Model.FIRST_TOUCH:
        return _one(n, 0)
    if model is Model.LAST_TOUCH:
        return _one(n, n - 1)
    if model is Model.LAST_NON_DIRECT:
        chosen = max((i for i, touch in enumerate(touches) if not touch.direct), default=n - 1)
        return _one(n, chosen)
    if model is Model.LINEAR:
        return [Fraction(1, n)] * n
    if model is Model.POSITION_BASED:
        return _position_based(n)
    return _time_decay(touches, won_at)


def _one(n: int, index: int) -> list[Fraction]:
    return [Fraction(1) if i == index else Fraction(0) for i in range(n)]


def _position_based(n: int) -> list[Fraction]:
    """40% to the first and the last touch, 20% shared by those between; with two touches, half each."""
    if n == 1:
        return [Fraction(1)]
    if n == 2:
        return [Fraction(1, 2), Fraction(1, 2)]
    middle = Fraction(1, 5) / (n - 2)
    return [Fraction(2, 5), *([middle] * (n - 2)), Fraction(2, 5)]


def _time_decay(touches: Sequence[TouchPoint], won_at: float) -> list[Fraction]:
    """A touch's weight halves for every 7 days between it and the win. Weights are rounded to a
    millionth before they are normalised, so the split is the same on every machine."""
    raw = [
        Fraction(round(2 ** (-max(0.0, won_at - touch.at) / HALF_LIFE_SECONDS) * 1_000_000), 1_000_000)
        for touch in touches
    ]
    total = sum(raw, Fraction(0))
    if total == 0:  # every touch years before the win: share alike
        return [Fraction(1, len(touches))] * len(touches)
    return [weight / total for weight in raw]


def split(amount: int, shares: Sequence[Fraction]) -> list[int]:
    """`amount` split in whole units by `shares` (adding up to 1): each gets the floor of its share and
    the units left go to the largest remainders, the earlier touch first on a tie."""
    exact = [share * amount for share in shares]
    parts = [int(value // 1) for value in exact]
    left = amount - sum(parts)
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return parts


@dataclass(frozen=True)
class Credit:
    """What one dimension key gets from one win under one model."""

    dims: tuple[str, ...]
    cents: int
    share: int  # thousandths of the won lead


def credit(model: Model, touches: Sequence[TouchPoint], won_at: float, cents: int) -> list[Credit]:
    """The win's credit under `model`, summed per dimension key (two touches from the same ad are one
    line); keys that get nothing are left out. The cents add up to `cents`, the shares to 1,000."""
    shares = weights(model, touches, won_at)
    money = split(cents, shares)
    counts = split(WIN_SHARE, shares)
    by_dims: dict[tuple[str, ...], list[int]] = {}
    for touch, amount, count, share in zip(touches, money, counts, shares, strict=True):
        if share == 0:
            continue
        line = by_dims.setdefault(touch.dims, [0, 0])
        line[0] += amount
        line[1] += count
    return [Credit(dims, amount, count) for dims, (amount, count) in by_dims.items()]
