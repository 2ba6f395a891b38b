"""In-app notifications, the writing side: who hears of which lead event, and their notifications.

Who gets what:
- "New lead assigned to you": the owner of a new lead, or the new owner after a change of owner.
- "Your lead moved": the owner, when someone else moved their lead (not the moves of a stage being
  deleted, which would notify every owner of that stage at once).
- "Lead won": the owner and every Admin and Manager of the tenant.
Nobody is notified of their own action.

Each notification's id is the event's id, and it is written with a put conditional on its absence,
in the same transaction as its recipient's unread counter and a record in the lead's partition (the
lead's timeline shows it). A redelivered event therefore changes nothing. "Mark all read" moves a
watermark (`read_through`) instead of touching every notification: ids up to it count as read, and
a notification older than the watermark arrives already read, without counting.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from convertly.accounts import service as accounts
from convertly.leads.service import display_name, get_lead, lead_key
from convertly.notifications import keys
from convertly.notifications import store as repo
from convertly.notifications.items import LeadNotifiedItem, NotificationCounterItem, NotificationItem
from convertly.permissions import Role
from convertly.platform.clock import iso, new_id, now
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.money import format_money
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

# The kinds (see convertly.notifications.domain.notifications.NotificationKind); a plain str keeps
# this module, which the notifier consumer imports at every cold start, free of the validation library.
NotificationKind = str
RETENTION = timedelta(days=180)
_TEAM_NOTIFIED_OF_WINS = (Role.ADMIN.value, Role.MANAGER.value)


@dataclass(frozen=True)
class Recipient:
    user_id: str
    kind: NotificationKind
    title: str
    body: str
    # The lead's name as it was when told, so the bell can name a run of updates about it.
    lead_name: str | None = None


class NotificationPreferences(ABC):
    """Whether a user wants a kind of notification. Per-user settings arrive later; until then every
    user gets every kind."""

    @abstractmethod
    def allows(self, tenant_id: str, user_id: str, kind: NotificationKind) -> bool: ...


class EveryNotification(NotificationPreferences):
    def allows(self, tenant_id: str, user_id: str, kind: NotificationKind) -> bool:
        return True


Team = Callable[[str], list[accounts.User]]


def lead_name(tenant_id: str, lead_id: str) -> str:
    """The lead's name as the notification shows it (a stage-change event carries no snapshot)."""
    lead = get_lead(tenant_id, lead_id)
    return display_name(lead) if lead is not None else "A lead"


LeadName = Callable[[str, str], str]


def recipients_for(
    event: DomainEvent, team: Team = accounts.team_members, name_of: LeadName = lead_name
) -> list[Recipient]:
    """Who hears of this event, and what they read."""
    data, actor = event.data, event.actor_id
    if event.detail_type == "LeadStageChanged":
        return _stage_change_recipients(event, team, name_of)
    lead: dict[str, Any] = data.get("lead") or {}
    name = str(lead.get("name") or "A lead")
    owner = lead.get("owner_id")
    if event.detail_type == "LeadCreated":
        assigned = owner
    elif event.detail_type == "LeadUpdated":
        assigned = ((data.get("changes") or {}).get("owner_id") or {}).get("to")
    else:
        return []
    if not assigned or assigned == actor:
        return []
    source = str(lead.get("source") or "").replace("_", " ")
    body = f"{name}{f' ({source})' if source else ''}"
    return [
        Recipient(str(assigned), "lead_assigned", "New lead assigned to you", body, lead.get("name") or None)
    ]


def _stage_change_recipients(event: DomainEvent, team: Team, name_of: LeadName) -> list[Recipient]:
    """The lead's name is read only when someone is to be told."""
    data, actor, owner = event.data, event.actor_id, event.data.get("owner_id")
    lead_id = str(data.get("lead_id") or event.subject_id)
    if data.get("to_kind") == "won":
        users = [owner] if owner else []
        users += [u.user_id for u in team(event.tenant_id) if u.role in _TEAM_NOTIFIED_OF_WINS]
        told = [u for u in dict.fromkeys(users) if u != actor]
        if not told:
            return []
        worth = format_money(str(data.get("value") or 0), str(data.get("currency") or "USD"))
        name = name_of(event.tenant_id, lead_id)
        return [Recipient(u, "lead_won", "Lead won", f"{name}: {worth}", name) for u in told]
    if not owner or owner == actor or data.get("cause") == "stage_deleted":
        return []
    by = f" by {data['actor_name']}" if data.get("actor_name") else ""
    moved = f"{data.get('from_stage_name')} to {data.get('to_stage_name')}{by}"
    name = name_of(event.tenant_id, lead_id)
    return [Recipient(str(owner), "lead_moved", "Your lead moved", f"{name}: {moved}", name)]


def notify(
    event: DomainEvent, preferences: NotificationPreferences | None = None, team: Team = accounts.team_members
) -> list[str]:
    """Write the event's notifications; returns the users notified now (none on a redelivery)."""
    preferences = preferences or EveryNotification()
    notified = []
    for recipient in recipients_for(event, team):
        if preferences.allows(event.tenant_id, recipient.user_id, recipient.kind) and _deliver(
            event, recipient
        ):
            notified.append(recipient.user_id)
    return notified


def _deliver(event: DomainEvent, recipient: Recipient) -> bool:
    """One recipient's notification, counter and timeline record in one transaction; False if this
    event notified this user before."""
    tenant_id, user_id = event.tenant_id, recipient.user_id
    lead_id = event.subject_id
    item = NotificationItem(
        keys.notifications(tenant_id, user_id),
        keys.notification_sk(event.event_id),
        notification_id=event.event_id,
        user_id=user_id,
        kind=recipient.kind,
        title=recipient.title,
        body=recipient.body,
        lead_id=lead_id,
        lead_name=recipient.lead_name if lead_id else None,
        actor_id=event.actor_id,
        created_at=event.occurred_at,
        expires_at=now() + RETENTION,
    )
    counter = repo.counter_key(tenant_id, user_id)
    newer = NotificationCounterItem.read_through.does_not_exist() | (
        NotificationCounterItem.read_through < event.event_id
    )
    tx = Transaction()
    tx.put("notification", item, condition=NotificationItem.PK.does_not_exist())
    tx.update(
        "counter",
        counter,
        [NotificationCounterItem.type.set(NotificationCounterItem), NotificationCounterItem.unread.add(1)],
        condition=newer,
    )
    record = _timeline_record(event, recipient) if lead_id else None
    if record is not None:
        tx.put("timeline", record)
    try:
        tx.commit()
        return True
    except TransactionCancelledError as error:
        if "notification" in error.failed:
            return False
    # Older than the user's last "mark all read": it arrives read, and counts nothing.
    item.read_at = iso()
    late = Transaction()
    late.put("notification", item, condition=NotificationItem.PK.does_not_exist())
    if record is not None:
        late.put("timeline", record)
    try:
        late.commit()
    except TransactionCancelledError:
        return False
    return True


def _timeline_record(event: DomainEvent, recipient: Recipient) -> LeadNotifiedItem:
    lead_id = str(event.subject_id)
    return LeadNotifiedItem(
        lead_key(event.tenant_id, lead_id),
        keys.notified_sk(event.event_id, recipient.user_id),
        notification_id=event.event_id,
        lead_id=lead_id,
        user_id=recipient.user_id,
        kind=recipient.kind,
        title=recipient.title,
        created_at=event.occurred_at,
    )


def add_notification(
    tx: Transaction,
    tenant_id: str,
    recipient: Recipient,
    *,
    created_at: str,
    lead_id: str | None = None,
    followup_id: str | None = None,
    task_id: str | None = None,
    import_id: str | None = None,
) -> str:
    """Add one in-app notification, its recipient's unread count and (about a lead) the lead's
    timeline record to the caller's transaction; returns the notification's id.

    For writers whose own transaction makes them idempotent (the reminder run's reminder record).
    The id is minted now, so it is newer than any "mark all read" before it and always counts.
    """
    notification_id = new_id()
    tx.put(
        f"notification:{recipient.user_id}",
        NotificationItem(
            keys.notifications(tenant_id, recipient.user_id),
            keys.notification_sk(notification_id),
            notification_id=notification_id,
            user_id=recipient.user_id,
            kind=recipient.kind,
            title=recipient.title,
            body=recipient.body,
            lead_id=lead_id,
            lead_name=recipient.lead_name if lead_id else None,
            created_at=created_at,
            followup_id=followup_id,
            task_id=task_id,
            import_id=import_id,
            expires_at=now() + RETENTION,
        ),
        condition=NotificationItem.PK.does_not_exist(),
    )
    tx.update(
        f"counter:{recipient.user_id}",
        repo.counter_key(tenant_id, recipient.user_id),
        [NotificationCounterItem.type.set(NotificationCounterItem), NotificationCounterItem.unread.add(1)],
    )
    if lead_id:
        tx.put(
            f"timeline:{recipient.user_id}",
            LeadNotifiedItem(
                lead_key(tenant_id, lead_id),
                keys.notified_sk(notification_id, recipient.user_id),
                notification_id=notification_id,
                lead_id=lead_id,
                user_id=recipient.user_id,
                kind=recipient.kind,
                title=recipient.title,
                created_at=created_at,
            ),
        )
    return notification_id
