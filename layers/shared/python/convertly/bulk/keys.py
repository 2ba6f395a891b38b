"""Keys of the bulk capability's items; every partition key starts with the tenant."""

from __future__ import annotations


def bulk(tenant_id: str) -> str:
    """The tenant's bulk actions and their request keys, one partition (the Bulk actions page)."""
    return f"T#{tenant_id}#BULK"


def bulk_sk(bulk_id: str) -> str:
    return f"BULK#{bulk_id}"  # ids are time-ordered: the partition read backwards is newest first


def request_sk(request_key: str) -> str:
    return f"KEY#{request_key}"


def records(tenant_id: str, bulk_id: str) -> str:
    """One bulk action's records, as resolved when it began: a chunk of ids per item."""
    return f"T#{tenant_id}#BULK#{bulk_id}"


def chunk_sk(number: int) -> str:
    return f"IDS#{number:06d}"
