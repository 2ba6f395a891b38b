"""The mail outbox: an email is an item written in the transaction that decides to send it, then
sent by the reminder run, so a crash between the decision and the sending loses nothing.

While an email waits it sits in the due index. A run claims it before sending (a conditional
update: pending, or sending with an expired claim), so two runs never both send it; the claim moves
its due index entry to the claim's expiry, so a run that died while sending leaves it to come back
then. Sent: it leaves the index. Refused for good (a 5xx, bad credentials) or out of attempts: it is
kept as failed with the reason. Otherwise it is retried later, each time later. Every attempt carries
the same Message-ID, so in the one case no system can rule out (the server took it, then the run
died before recording that) a mail client shows the copy as the same message.

A template's files are read from the uploads bucket at each attempt and attached; a file deleted from
the media library since fails the email for good, saying which (it is never sent without it). Email to
a contact carries its unsubscribe link at the end of both parts, and the List-Unsubscribe headers.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Literal

from pynamodb.exceptions import UpdateError

from convertly.notifications.items import MailItem
from convertly.notifications.senders import (
    FilePart,
    Sender,
    Senders,
    unsubscribe_links,
    with_unsubscribe,
)
from convertly.platform.clock import iso
from convertly.platform.config import get_settings
from convertly.platform.errors import MailDeliveryError
from convertly.platform.mail.message import MailMessage
from convertly.platform.store import due

log = logging.getLogger(__name__)

CLAIM = timedelta(minutes=5)
KEEP = timedelta(days=30)
RETRY_AFTER_MINUTES = (1, 2, 5, 15, 30, 60, 120)
# Mail that carries a secret (an invitation's temporary password): its body is not kept once the
# mail is sent or has failed for good, only this note.
SECRET_KINDS = frozenset({"invitation"})
SECRET_REDACTED = "(not kept: this email carried a temporary password)"  # noqa: S105 (a note, no secret)
MAX_ATTEMPTS = len(RETRY_AFTER_MINUTES) + 1

Outcome = Literal["sent", "retry", "failed", "taken"]


def _claim(item: MailItem, run_id: str, now: datetime) -> bool:
    """Take the email for this run, or False if another run holds it or it is no longer owed."""
    waiting = (MailItem.status == "pending") & (MailItem.remind_at == str(item.remind_at))
    abandoned = (MailItem.status == "sending") & (MailItem.remind_at <= iso(now))
    try:
        item.update(
            [
                MailItem.status.set("sending"),
                MailItem.claimed_by.set(run_id),
                MailItem.attempts.add(1),
                *due.move_actions(MailItem, item.mail_id, iso(now + CLAIM)),
            ],
            condition=waiting | abandoned,
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def _finish(item: MailItem, run_id: str, status: str, now: datetime, **fields: str | None) -> None:
    """Record the outcome, if the claim is still this run's."""
    actions = [MailItem.status.set(status), *due.move_actions(MailItem, item.mail_id, None)]
    actions += [getattr(MailItem, name).set(value) for name, value in fields.items() if value is not None]
    actions.append(MailItem.expires_at.set(now + KEEP))
    if item.kind in SECRET_KINDS:
        actions.append(MailItem.body.set(SECRET_REDACTED))
    try:
        item.update(actions, condition=MailItem.claimed_by == run_id)
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        log.warning("mail %s: claim lost before its outcome was recorded", item.mail_id)


def _retry(item: MailItem, run_id: str, now: datetime, reason: str) -> None:
    minutes = RETRY_AFTER_MINUTES[min(int(item.attempts or 1), len(RETRY_AFTER_MINUTES)) - 1]
    wait = timedelta(minutes=minutes * get_settings().retry_delay_scale)
    actions = [
        MailItem.status.set("pending"),
        MailItem.error.set(reason),
        *due.move_actions(MailItem, item.mail_id, iso(now + wait)),
    ]
    try:
        item.update(actions, condition=MailItem.claimed_by == run_id)
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise


def _attachments(item: MailItem) -> tuple[FilePart, ...]:
    """The email's files, read from the uploads bucket; a missing one fails the email for good."""
    if not item.attachments:
        return ()
    from botocore.exceptions import BotoCoreError, ClientError

    from convertly.platform import uploads

    parts = []
    for attachment in item.attachments:
        try:
            data = uploads.read_bytes(attachment.object_key)
        except (BotoCoreError, ClientError) as error:
            raise MailDeliveryError(
                f"Could not read the attachment “{attachment.file_name}” ({type(error).__name__})",
                permanent=False,
            ) from error
        if data is None:
            raise MailDeliveryError(
                f"The attachment “{attachment.file_name}” is no longer in the media library: "
                "not sent without it",
                permanent=True,
            )
        parts.append(FilePart(attachment.file_name, attachment.content_type, data))
    return tuple(parts)


def message_of(item: MailItem, sender: Sender) -> MailMessage:
    """The email as it goes out: its files attached, and for a contact its unsubscribe link and headers."""
    text, html = item.body, item.html or None
    headers: tuple[tuple[str, str], ...] = ()
    if item.unsubscribe_token:
        links = unsubscribe_links(item.unsubscribe_token)
        text, html = with_unsubscribe(text, html, links.page)
        headers = links.headers()
    return sender.message(
        item.to_address,
        item.subject,
        text,
        message_key=item.mail_id,
        html=html,
        attachments=_attachments(item),
        headers=headers,
    )


def deliver(item: MailItem, senders: Senders, run_id: str, now: datetime) -> Outcome:
    """Claim, send, record. Never raises for a mail server's answer."""
    if not _claim(item, run_id, now):
        return "taken"
    sender = senders.for_tenant(item.tenant_id)
    try:
        sender.transport.send(message_of(item, sender))
    except MailDeliveryError as error:
        if error.permanent or int(item.attempts or 1) >= MAX_ATTEMPTS:
            _finish(item, run_id, "failed", now, error=error.message)
            return "failed"
        _retry(item, run_id, now, error.message)
        return "retry"
    _finish(item, run_id, "sent", now, sent_at=iso(now), transport=sender.transport.name)
    return "sent"
