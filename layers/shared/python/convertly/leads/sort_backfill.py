"""The backfill that gives leads from before the list's sorts their keys (GSI7..GSI9: last updated,
value, name).

Per tenant: its live leads (GSI1, oldest first, a page at a time). A lead whose sort keys are not the
ones `apply_index_keys` makes of it gets them in one UpdateItem, which holds only while the lead is
still live at the version read: a lead written since has its keys from that write. Deleted leads
need none (a restore writes them). A lead with its keys is only read, so a second run writes
nothing. Run it once the release's functions are all deployed: a full write by a function from
before the release drops the keys again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from pynamodb.exceptions import UpdateError

from convertly.leads import keys
from convertly.leads.items import LeadItem
from convertly.leads.store import apply_index_keys, query_leads

PAGE = 100
SORT_KEYS = ("GSI7PK", "GSI7SK", "GSI8PK", "GSI8SK", "GSI9PK", "GSI9SK")


@dataclass(frozen=True)
class SortBackfillReport:
    tenant_id: str
    done: bool
    leads_seen: int
    leads_keyed: int
    cursor: str | None  # where a run stopped: pass it back to go on from there


def backfill_tenant(
    tenant_id: str,
    cursor: str | None = None,
    *,
    keep_going: Callable[[], bool] = lambda: True,
    page: int = PAGE,
) -> SortBackfillReport:
    """Key the tenant's live leads from `cursor` (the start by default), a page at a time while
    `keep_going()` (a Lambda passes "time is left")."""
    seen = keyed = 0
    while keep_going():
        found, cursor = query_leads(
            "GSI1", keys.leads_index(tenant_id), None, None, page, cursor, oldest_first=True
        )
        seen += len(found)
        keyed += sum(_key(lead) for lead in found)
        if cursor is None:
            return SortBackfillReport(tenant_id, True, seen, keyed, None)
    return SortBackfillReport(tenant_id, False, seen, keyed, cursor)


def _key(lead: LeadItem) -> bool:
    """Give the lead its sort keys if it lacks them or they are stale; whether it was written."""
    had = {name: getattr(lead, name) for name in SORT_KEYS}
    version = lead.version
    apply_index_keys(lead)
    wanted = {name: getattr(lead, name) for name in SORT_KEYS}
    if wanted == had or not all(wanted.values()):
        return False
    actions = [getattr(LeadItem, name).set(value) for name, value in wanted.items()]
    still = LeadItem.deleted_at.does_not_exist() & (LeadItem.version == version)
    try:
        # UpdateItem itself: the model's update would move the version on, and a rep with the lead
        # open would be told someone else changed it. The connection knows the table's keys.
        LeadItem._get_connection().update_item(
            lead.PK, range_key=keys.LEAD_SK, actions=actions, condition=still
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False  # written (or deleted) since it was read: that write keyed it
        raise
    return True


def backfill(
    tenant_ids: list[str], *, cursors: dict[str, str] | None = None, seconds: float | None = None
) -> list[SortBackfillReport]:
    """Backfill each tenant in turn, from its cursor in `cursors` if it has one; with `seconds`, stop
    starting pages after that long (a Lambda's budget) and report where each tenant stands."""
    deadline = time.monotonic() + seconds if seconds is not None else None

    def keep_going() -> bool:
        return deadline is None or time.monotonic() < deadline

    return [
        backfill_tenant(tenant_id, (cursors or {}).get(tenant_id), keep_going=keep_going)
        for tenant_id in tenant_ids
    ]
