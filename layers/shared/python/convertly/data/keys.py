"""Key builders for the single table. Every partition key, on the table and every GSI, starts with
`T#<tenant_id>`, so a request can only ever address its own tenant's items."""

from __future__ import annotations


def tenant(tenant_id: str) -> str:
    return f"T#{tenant_id}"


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


def outbox(tenant_id: str) -> str:
    return f"T#{tenant_id}#OUTBOX"


def audit(tenant_id: str) -> str:
    return f"T#{tenant_id}#AUDIT"


def created_sort(created_at: str, lead_id: str) -> str:
    return f"{created_at}#{lead_id}"


LEAD_SK = "LEAD"
TENANT_SK = "TENANT"


def user_sk(user_id: str) -> str:
    return f"USER#{user_id}"


def pipeline_sk(pipeline_id: str) -> str:
    return f"PIPELINE#{pipeline_id}"


def stage_sk(pipeline_id: str, stage_id: str) -> str:
    return f"PIPELINE#{pipeline_id}#STAGE#{stage_id}"


def note_sk(created_at: str, note_id: str) -> str:
    return f"NOTE#{created_at}#{note_id}"


def history_sk(at: str, history_id: str) -> str:
    return f"HIST#{at}#{history_id}"
