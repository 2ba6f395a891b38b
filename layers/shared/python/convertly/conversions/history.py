"""A lead's conversions so far, as the conversions consumer plans the next one: which win is current,
what each platform holds for the lead, and what Meta already counted.

Built from the lead's conversion items (one Query of its partition) and, for a batch that carries
several conversions of one lead, the ones of the batch not recorded yet: a win and its correction
arriving together are one win with the new value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from convertly.conversions.adapters.outcome import Status
from convertly.conversions.domain.platforms import ConversionKind, Platform
from convertly.conversions.items import ConversionItem
from convertly.platform.clock import parse_iso
from convertly.platform.store.items import plain

_META_COUNTED = frozenset({Status.SENT.value})
_WINS_AND_REOPENS = frozenset({ConversionKind.CONVERSION.value, ConversionKind.RETRACTION.value})


def outcome_of(item: ConversionItem, platform: Platform) -> dict[str, Any]:
    return plain(getattr(item, platform.value)) or {}


def status_of(item: ConversionItem, platform: Platform) -> str | None:
    status = outcome_of(item, platform).get("status")
    return str(status) if status else None


@dataclass
class LeadHistory:
    """The lead's recorded conversions, oldest first."""

    items: list[ConversionItem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.items.sort(key=lambda c: (c.occurred_at, c.job_id))

    def find(self, job_id: str) -> ConversionItem | None:
        return next((c for c in self.items if c.job_id == job_id), None)

    def last_move(self, before: str | None = None) -> ConversionItem | None:
        """The latest win or reopen recorded (up to `before`, when given)."""
        last = None
        for item in self.items:
            if item.kind in _WINS_AND_REOPENS and (before is None or item.occurred_at <= before):
                last = item
        return last

    def current_win(self, before: str) -> ConversionItem | None:
        """The win in force at `before`: the latest win or reopen up to then, if it is a win."""
        last = self.last_move(before)
        return last if last is not None and last.kind == ConversionKind.CONVERSION.value else None

    def held(self, platform: Platform) -> int | None:
        """What the platform holds for the lead now: the value its latest recorded outcome left."""
        latest: tuple[str, int] | None = None
        for item in self.items:
            outcome = outcome_of(item, platform)
            if outcome.get("held_minor") is None:
                continue
            at = str(outcome.get("at") or item.occurred_at)
            if latest is None or at >= latest[0]:
                latest = (at, int(outcome["held_minor"]))
        return latest[1] if latest else None

    def meta_purchase(self, before: str, job_id: str) -> ConversionItem | None:
        """The first win of the lead Meta counted (received), other than `job_id`, before `before`."""
        for item in self.items:
            if item.kind != ConversionKind.CONVERSION.value or item.job_id == job_id:
                continue
            if item.occurred_at <= before and status_of(item, Platform.META) in _META_COUNTED:
                return item
        return None

    def last_adjustment(self, order_id: str) -> datetime | None:
        """When Google Ads last adjusted the order (restatements record their adjustment time)."""
        times = [
            parse_iso(str(outcome_of(item, Platform.GOOGLE_ADS)["adjusted_at"]))
            for item in self.items
            if item.kind == ConversionKind.RESTATEMENT.value
            and item.dedupe_id == order_id
            and outcome_of(item, Platform.GOOGLE_ADS).get("adjusted_at")
        ]
        return max(times) if times else None


def sent_at(item: ConversionItem, platform: Platform) -> datetime | None:
    at = outcome_of(item, platform).get("at")
    return parse_iso(str(at)) if at else None
