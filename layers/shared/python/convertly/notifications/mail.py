"""Mail outbox items: an email to send, written in the transaction that decided to send it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from convertly.notifications import keys
from convertly.notifications.items import MailItem
from convertly.platform.clock import iso
from convertly.platform.store import due


@dataclass(frozen=True)
class OutgoingMail:
    to_address: str
    subject: str
    body: str
    kind: str  # the notification kind it tells of (or `message`: a template's email)
    user_id: str | None = None
    html: str | None = None


def mail_item(tenant_id: str, mail_id: str, mail: OutgoingMail, now: datetime) -> MailItem:
    """A pending email, owed now in the due index (the reminder run sends it)."""
    item = MailItem(
        keys.mail_outbox(tenant_id),
        keys.mail_sk(mail_id),
        mail_id=mail_id,
        tenant_id=tenant_id,
        user_id=mail.user_id,
        to_address=mail.to_address,
        subject=mail.subject,
        body=mail.body,
        html=mail.html,
        kind=mail.kind,
        status="pending",
        attempts=0,
        created_at=iso(now),
    )
    due.place(item, mail_id, iso(now))
    return item
