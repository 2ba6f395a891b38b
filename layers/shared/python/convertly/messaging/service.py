"""What other capabilities may ask of messaging: a template filled in for a contact and lead (the
workflows' email and SMS steps), whether a template exists, the contact's consent, and a text queued
to a contact (`sms_blocked` says why none can go; `sms_writes` queues one in the caller's transaction).
An email template's `compose` also carries its files (a file deleted from the media library refuses
it), and `mail_fields` adds them and, for email to the contact, its unsubscribe link to the mail.

The one door into messaging from elsewhere (import-linter checks it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from convertly.messaging import attachments as template_files
from convertly.messaging.items import MessageTemplateItem
from convertly.messaging.merge import values_for
from convertly.messaging.render import Rendered, sms_segments
from convertly.messaging.sms import sms_blocked, sms_writes
from convertly.messaging.unsubscribe import token_for as unsubscribe_token
from convertly.messaging.use_cases import consent_of, get_item, message_id_for, render
from convertly.notifications import service as notifications

__all__ = [
    "ComposedEmail",
    "MessageTemplateItem",
    "Rendered",
    "compose",
    "consent_of",
    "get_item",
    "mail_fields",
    "message_id_for",
    "sms_blocked",
    "sms_segments",
    "sms_writes",
    "unsubscribe_token",
    "values_for",
]


@dataclass(frozen=True)
class ComposedEmail(Rendered):
    """An email template filled in, with the files it attaches (by reference)."""

    attachments: tuple[notifications.MailAttachment, ...] = ()


def compose(tenant_id: str, template: MessageTemplateItem, contact: Any | None, lead: Any | None) -> Rendered:
    """The template filled in for the contact and lead as they are now (ValidationError: a merge
    field that exists nowhere)."""
    values = values_for(tenant_id, contact, lead)
    rendered = render(template.channel, template.subject, template.body, template.text, values)
    if template.channel != "email":
        return rendered
    files = template_files.for_mail(tenant_id, template_files.ids_of(template))  # 422: a file deleted
    return ComposedEmail(rendered.subject, rendered.body, rendered.text, files)


def mail_fields(tenant_id: str, rendered: Rendered, contact: Any | None) -> dict[str, Any]:
    """What an email from a template adds to its `notifications.OutgoingMail`: the files `compose`
    found, and, when it goes to the contact (`contact`; None for mail to a user or another address),
    the contact's unsubscribe token, from which the mail outbox makes the link and the headers."""
    return {
        "attachments": getattr(rendered, "attachments", ()),
        "unsubscribe_token": unsubscribe_token(tenant_id, contact.contact_id)
        if contact is not None
        else None,
    }
