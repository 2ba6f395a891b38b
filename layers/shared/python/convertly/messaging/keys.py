"""Keys of the messaging capability's items; every partition key starts with the tenant."""

from __future__ import annotations


def templates(tenant_id: str) -> str:
    """The tenant's email and SMS templates, one partition (the Templates page reads it whole)."""
    return f"T#{tenant_id}#TEMPLATES"


def template_sk(template_id: str) -> str:
    return f"TEMPLATE#{template_id}"
