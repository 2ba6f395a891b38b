"""Email about lead events (assigned, moved, won) for the users whose preferences ask for it.

The notifier consumer calls this beside `notify`. Each email's id is made of the event's id and the
recipient, and its outbox item is put only if absent, so a redelivered event queues nothing new;
the reminder run sends what is queued within a minute.
"""

from __future__ import annotations

from pynamodb.exceptions import PutError

from convertly.accounts import service as accounts
from convertly.notifications.items import MailItem
from convertly.notifications.mail import OutgoingMail, mail_item
from convertly.notifications.notifier import Recipient, Team, recipients_for
from convertly.notifications.preferences import StoredPreferences
from convertly.platform.clock import now
from convertly.platform.config import get_settings
from convertly.platform.events.envelope import DomainEvent


def _user(tenant_id: str, user_id: str) -> accounts.User | None:
    return accounts.get_user(tenant_id, user_id)


def _text(user: accounts.User, recipient: Recipient, lead_id: str | None) -> str:
    web = get_settings().web_app_url.rstrip("/")
    link = f"\nOpen it: {web}/leads/{lead_id}\n" if lead_id else ""
    return (
        f"Hello {user.name},\n\n{recipient.title}: {recipient.body}\n{link}\n"
        "Your notification preferences send these by email.\n"
    )


def queue_event_mail(
    event: DomainEvent, preferences: StoredPreferences, team: Team = accounts.team_members
) -> list[str]:
    """Queue the event's emails; returns the users queued for now (none on a redelivery)."""
    queued = []
    for recipient in recipients_for(event, team):
        if not preferences.emails(event.tenant_id, recipient.user_id, recipient.kind):
            continue
        user = _user(event.tenant_id, recipient.user_id)
        if user is None or user.status != "active":
            continue
        mail = OutgoingMail(
            user.email,
            recipient.title,
            _text(user, recipient, event.subject_id),
            recipient.kind,
            user.user_id,
        )
        item = mail_item(event.tenant_id, f"{event.event_id}.{user.user_id}", mail, now())
        try:
            item.save(condition=MailItem.PK.does_not_exist())
        except PutError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise
            continue
        queued.append(user.user_id)
    return queued
