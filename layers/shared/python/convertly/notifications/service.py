"""What other capabilities may ask of notifications: notify a user inside their own transaction,
read the users' channels, queue and deliver mail, and read the record a lead's timeline shows.

The one door into notifications from elsewhere (import-linter checks it). The mail senders and the
outbox delivery load on first use only, so a function that reads a timeline never loads SMTP.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, TypeGuard

from convertly.notifications.items import LeadNotifiedItem, MailItem
from convertly.notifications.mail import MailAttachment, OutgoingMail, mail_item
from convertly.notifications.notifier import Recipient, add_notification
from convertly.notifications.preferences import by_email, in_app, load_many

if TYPE_CHECKING:
    from convertly.notifications.mail_outbox import deliver
    from convertly.notifications.senders import Senders

__all__ = [
    "MailAttachment",
    "OutgoingMail",
    "QueuedMail",
    "Recipient",
    "Senders",
    "add_notification",
    "by_email",
    "deliver",
    "in_app",
    "is_queued_mail",
    "load_many",
    "mail_item",
    "timeline_notification",
]

QueuedMail = MailItem

_LAZY = {"Senders": "convertly.notifications.senders", "deliver": "convertly.notifications.mail_outbox"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def is_queued_mail(item: object) -> TypeGuard[QueuedMail]:
    return isinstance(item, MailItem)


def timeline_notification(item: object) -> dict[str, Any] | None:
    """The fields of a lead's timeline entry for a notification sent about it, or None for any other
    item of the lead's partition."""
    if not isinstance(item, LeadNotifiedItem):
        return None
    return {
        "at": item.created_at,
        "notification_id": item.notification_id,
        "recipient_id": item.user_id,
        "notification_kind": item.kind,
        "title": item.title,
    }
