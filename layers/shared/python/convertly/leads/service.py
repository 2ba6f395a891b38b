"""What other capabilities may ask of leads: read leads and pages of a stage's leads, add a lead
inside their own transaction, change a lead's fields, who may see a lead, search terms, and the keys
of the lead's partition (where follow-ups, conversions and notifications about a lead live).

The one door into leads from elsewhere (import-linter checks it). `Lead` and `StageHistory` are the
records the pipelines' stage change writes in its own transaction. The API shapes (`to_lead`,
`Attribution`, `AdConsent`) load on first use, so an event consumer reading leads loads no
validation models.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from convertly.leads import keys
from convertly.leads.domain.sources import LeadSource
from convertly.leads.items import LeadItem, NoteItem, SearchItem, StageHistoryItem
from convertly.leads.search import lead_terms, query_prefix
from convertly.leads.store import (
    GOOGLE_CLICK_IDS,
    apply_index_keys,
    batch_get_leads,
    display_name,
    get_lead,
    latest_google_click,
    lead_partition,
    lead_with_term,
    query_leads,
    search_lead_ids,
    sort_key_actions,
    stage_index_actions,
    touch_click_actions,
)
from convertly.leads.writes import (
    add_new_lead,
    change_fields,
    check_visible,
    copy_contact,
    lead_fields,
    link_to_contact,
    may_see_all,
    move_to_contact,
    retag_lead,
    stale_version,
    sync_person,
    to_minor,
    visible_lead,
)

if TYPE_CHECKING:
    from convertly.leads.domain.leads import AdConsent, Attribution, LeadFilters, SeenLead, StageChange
    from convertly.leads.use_cases import delete_lead, list_leads, restore_lead, to_lead

__all__ = [
    "GOOGLE_CLICK_IDS",
    "LEAD_SK",
    "AdConsent",
    "Attribution",
    "Lead",
    "LeadFilters",
    "LeadSource",
    "Note",
    "SearchEntry",
    "SeenLead",
    "StageChange",
    "StageHistory",
    "add_new_lead",
    "apply_index_keys",
    "batch_get_leads",
    "change_fields",
    "check_visible",
    "copy_contact",
    "delete_lead",
    "display_name",
    "get_lead",
    "google_click_index",
    "history_sk",
    "latest_google_click",
    "lead_fields",
    "lead_key",
    "lead_partition",
    "lead_terms",
    "lead_with_term",
    "leads_index",
    "link_to_contact",
    "list_leads",
    "may_see_all",
    "move_to_contact",
    "owner_stage_index",
    "query_leads",
    "query_prefix",
    "restore_lead",
    "retag_lead",
    "search_lead_ids",
    "sort_key_actions",
    "stage_index",
    "stage_index_actions",
    "stale_version",
    "sync_person",
    "to_lead",
    "to_minor",
    "touch_click_actions",
    "visible_lead",
]

Lead = LeadItem
StageHistory = StageHistoryItem
Note = NoteItem
SearchEntry = SearchItem

LEAD_SK = keys.LEAD_SK
lead_key = keys.lead  # the lead's partition: the lead and what other capabilities keep about it
history_sk = keys.history_sk
stage_index = keys.stage_index
leads_index = keys.leads_index  # GSI1: the live (or deleted) leads by creation time
owner_stage_index = keys.owner_stage_index
google_click_index = keys.google_click_index  # GSI6: the leads with a Google click, by click time

_LAZY = {
    "to_lead": "convertly.leads.use_cases",
    "delete_lead": "convertly.leads.use_cases",
    "restore_lead": "convertly.leads.use_cases",
    "list_leads": "convertly.leads.use_cases",
    "LeadFilters": "convertly.leads.domain.leads",
    "Attribution": "convertly.leads.domain.leads",
    "AdConsent": "convertly.leads.domain.leads",
    "SeenLead": "convertly.leads.domain.leads",
    "StageChange": "convertly.leads.domain.leads",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def open_leads_owned(tenant_id: str, owner_id: str, stage_ids: list[str], limit: int) -> list[str]:
    """Up to `limit` ids of the owner's live leads in the given (open) stages: one Query of GSI5 per
    stage until the page is full."""
    found: list[str] = []
    for stage_id in stage_ids:
        if len(found) >= limit:
            break
        query = LeadItem.gsi5.query(
            keys.owner_stage_index(tenant_id, owner_id, stage_id), limit=limit - len(found)
        )
        found += [str(item.lead_id) for item in query]
    return found[:limit]


def reassign_lead(principal: Any, lead_id: str, from_owner: str, to_owner: str) -> bool:
    """Give the lead to `to_owner` if `from_owner` still owns it (a lead written since keeps its new
    owner); True when it moved. The lead's timeline and the owners' counters follow, as for any edit."""
    from convertly.leads.writes import change_fields, visible_lead
    from convertly.platform.errors import ConflictError

    for _ in range(3):  # a lead edited at the same moment: read it again
        lead = visible_lead(principal, lead_id)
        if lead.deleted_at or lead.owner_id != from_owner:
            return False
        try:
            change_fields(principal, lead_id, int(lead.version), {"owner_id": to_owner})
        except ConflictError as error:
            if error.code in {"stale_version", "write_conflict"}:
                continue
            raise
        return True
    return False
