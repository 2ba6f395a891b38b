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


def attempts_since(tenant_id: str, since: str) -> dict[str, int]:
    """How many attempts to report conversions ended in each status since `since` (an ISO time): one
    counting Query of the tenant's log by status (GSI2) per status; reads grow with the days."""
    from convertly.conversions import keys
    from convertly.conversions.adapters.outcome import Status
    from convertly.conversions.items import LedgerEntryItem

    counts = {}
    for status in Status:
        counted = LedgerEntryItem.gsi2.count(
            keys.conversions_by_status(tenant_id, status.value), since <= LedgerEntryItem.GSI2SK
        )
        if counted:
            counts[status.value] = int(counted)
    return counts


def recent_failures(tenant_id: str, limit: int = 5) -> list[dict[str, str]]:
    """The newest rejected and dead-lettered attempts: when, which platform, what it said."""
    from convertly.conversions import keys
    from convertly.conversions.adapters.outcome import Status
    from convertly.conversions.items import LedgerEntryItem

    found = []
    for status in (Status.REJECTED, Status.DEAD_LETTERED):
        query = LedgerEntryItem.gsi2.query(
            keys.conversions_by_status(tenant_id, status.value), scan_index_forward=False, limit=limit
        )
        found += [
            {
                "at": e.at,
                "platform": e.platform,
                "status": e.status,
                "message": e.message or "",
                "lead_id": e.lead_id,
            }
            for e in query
        ]
    return sorted(found, key=lambda f: f["at"], reverse=True)[:limit]
