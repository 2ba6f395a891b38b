"""Keys of the notifications capability's items; every partition key starts with the tenant."""

from __future__ import annotations


def notifications(tenant_id: str, user_id: str) -> str:
    return f"T#{tenant_id}#NOTIFY#{user_id}"


NOTIFICATION_PREFIX = "N#"


NOTIFICATION_COUNTER_SK = "COUNTER"


def notification_sk(notification_id: str) -> str:
    return f"{NOTIFICATION_PREFIX}{notification_id}"


def notified_sk(notification_id: str, user_id: str) -> str:
    """A lead's record of a notification sent about it (lead partition, for the timeline)."""
    return f"NOTIFIED#{notification_id}#{user_id}"


EMAIL_SETTINGS_SK = "SETTINGS#EMAIL"


PREFERENCES_SK = "PREFERENCES"


def mail_outbox(tenant_id: str) -> str:
    return f"T#{tenant_id}#MAIL"


def mail_sk(mail_id: str) -> str:
    return f"{MAIL_PREFIX}{mail_id}"


MAIL_PREFIX = "MAIL#"
