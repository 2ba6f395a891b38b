"""Mail outbox items: an email to send, written in the transaction that decided to send it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from convertly.notifications import keys
from convertly.notifications.items import MailAttachmentMap, MailItem
from convertly.platform.clock import iso
from convertly.platform.store import due


@dataclass(frozen=True)
class MailAttachment:
    """A file to attach, by reference: the uploads bucket's object, its name and type in the email."""

    object_key: str
    file_name: str
    content_type: str


@dataclass(frozen=True)
class OutgoingMail:
    to_address: str
    subject: str
    body: str
    kind: str  # the notification kind it tells of (or `message`: a template's email)
    user_id: str | None = None
    html: str | None = None
    # A template's files, read from S3 and attached when the email is sent.
    attachments: tuple[MailAttachment, ...] = ()
    # Email to a contact (kind `message`): its unsubscribe link's signed token. Mail to users has none.
    unsubscribe_token: str | None = None


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
        attachments=[
            MailAttachmentMap(object_key=a.object_key, file_name=a.file_name, content_type=a.content_type)
            for a in mail.attachments
        ]
        or None,
        unsubscribe_token=mail.unsubscribe_token,
        status="pending",
        attempts=0,
        created_at=iso(now),
    )
    due.place(item, mail_id, iso(now))
    return item
