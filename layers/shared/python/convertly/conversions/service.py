"""What other capabilities may ask of conversions: what became of a won lead's conversion on each ad
platform, from the conversion items in the lead's partition.

The one door into conversions from elsewhere (import-linter checks it).
"""

from __future__ import annotations

from collections.abc import Iterable

from convertly.conversions.domain.platforms import ConversionKind, Platform
from convertly.conversions.history import LeadHistory, status_of
from convertly.conversions.items import ConversionItem

Conversion = ConversionItem


def win_outcomes(items: Iterable[object]) -> dict[str, str]:
    """Platform -> the status of the win in force (the lead's latest win or reopen, if a win), for the
    platforms that recorded one; empty while nothing is recorded."""
    history = LeadHistory([item for item in items if isinstance(item, ConversionItem)])
    win = history.last_move()
    if win is None or win.kind != ConversionKind.CONVERSION.value:
        return {}
    outcomes = {}
    for platform in Platform:
        status = status_of(win, platform)
        if status:
            outcomes[platform.value] = status
    return outcomes


__all__ = ["Conversion", "win_outcomes"]
