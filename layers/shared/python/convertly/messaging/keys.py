"""Keys of the messaging capability's items; every partition key starts with the tenant."""

from __future__ import annotations


def templates(tenant_id: str) -> str:
    """The tenant's email and SMS templates, one partition (the Templates page reads it whole)."""
    return f"T#{tenant_id}#TEMPLATES"


def template_sk(template_id: str) -> str:
    return f"TEMPLATE#{template_id}"


SMS_SETTINGS_SK = "SETTINGS#SMS"  # in the tenant's own partition (`T#<t>`), beside its other settings


def sms_outbox(tenant_id: str) -> str:
    """The tenant's text messages: each one queued, being sent, sent or failed."""
    return f"T#{tenant_id}#SMS"


def sms_sk(sms_id: str) -> str:
    return f"SMS#{sms_id}"
