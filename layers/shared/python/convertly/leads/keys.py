"""Keys of the leads capability's items; every partition key starts with the tenant."""

from __future__ import annotations


def lead(tenant_id: str, lead_id: str) -> str:
    return f"T#{tenant_id}#LEAD#{lead_id}"


def leads_index(tenant_id: str, *, deleted: bool = False) -> str:
    return f"T#{tenant_id}#LEADS#DELETED" if deleted else f"T#{tenant_id}#LEADS"


def stage_index(tenant_id: str, stage_id: str) -> str:
    return f"T#{tenant_id}#STAGE#{stage_id}"


def owner_index(tenant_id: str, owner_id: str) -> str:
    return f"T#{tenant_id}#OWNER#{owner_id}"


def source_index(tenant_id: str, source: str) -> str:
    return f"T#{tenant_id}#SOURCE#{source}"


def search(tenant_id: str) -> str:
    return f"T#{tenant_id}#SEARCH"


def created_sort(created_at: str, lead_id: str) -> str:
    return f"{created_at}#{lead_id}"


def stage_sort(stage_entered_at: str, lead_id: str) -> str:
    """A board column's order: when the lead entered its stage, read newest first."""
    return f"{stage_entered_at}#{lead_id}"


LEAD_SK = "LEAD"


def note_sk(created_at: str, note_id: str) -> str:
    return f"NOTE#{created_at}#{note_id}"


def history_sk(at: str, history_id: str) -> str:
    return f"HIST#{at}#{history_id}"


# Pipeline: the board's owner view, aggregate counters and in-app notifications.
def owner_stage_index(tenant_id: str, owner_id: str, stage_id: str) -> str:
    """GSI5: one owner's live leads in one stage (a Sales rep's board column)."""
    return f"T#{tenant_id}#OWNER#{owner_id}#STAGE#{stage_id}"


# Google clicks: the live leads with a gclid, gbraid or wbraid, by click time (GSI6, sparse).
def google_click_index(tenant_id: str) -> str:
    """GSI6: the tenant's live leads with a Google click; the sort key is `<click time>#<lead id>`."""
    return f"T#{tenant_id}#GCLICKS"


def google_click_sort(clicked_at: str, lead_id: str) -> str:
    return f"{clicked_at}#{lead_id}"
