"""Keys of the audit capability's items; every partition key starts with the tenant."""

from __future__ import annotations


def audit(tenant_id: str) -> str:
    return f"T#{tenant_id}#AUDIT"
