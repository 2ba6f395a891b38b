"""In-app notifications, the bell's side: list with a cursor, unread count, mark read, mark all read.

Notifications are written by the notifier consumer (convertly/notifications/notifier.py). "Mark all read"
moves the recipient's `read_through` watermark instead of touching every notification: ids up to it
count as read, and a notification older than the watermark arrives already read, without counting.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from convertly.notifications import keys
from convertly.notifications import store as repo
from convertly.notifications.domain.notifications import MAX_PAGE, Notification, NotificationPage
from convertly.notifications.items import NotificationCounterItem, NotificationItem
from convertly.platform.clock import iso, new_id
from convertly.platform.errors import NotFoundError
from convertly.platform.principal import Principal
from convertly.platform.store.transaction import Transaction, TransactionCancelledError


def to_notification(item: NotificationItem, read_through: str | None) -> Notification:
    return Notification(
        notification_id=item.notification_id,
        kind=item.kind,  # type: ignore[arg-type]
        title=item.title,
        body=item.body,
        lead_id=item.lead_id,
        lead_name=item.lead_name,
        actor_id=item.actor_id,
        created_at=item.created_at,
        read=bool(item.read_at) or (read_through is not None and item.notification_id <= read_through),
        read_at=item.read_at,
        followup_id=item.followup_id,
        task_id=item.task_id,
        import_id=item.import_id,
    )


def _unread(counter: NotificationCounterItem | None) -> int:
    return max(0, int(counter.unread or 0)) if counter is not None else 0


def list_notifications(principal: Principal, cursor: str | None, limit: int) -> NotificationPage:
    limit = max(1, min(limit, MAX_PAGE))
    items, next_cursor = repo.page(principal.tenant_id, principal.user_id, limit, cursor)
    counter = repo.counter(principal.tenant_id, principal.user_id)
    read_through = counter.read_through if counter is not None else None
    return NotificationPage(
        items=[to_notification(item, read_through) for item in items],
        next_cursor=next_cursor,
        unread_count=_unread(counter),
    )


def unread_count(principal: Principal) -> int:
    """From the counter: one small read however many notifications there are."""
    return _unread(repo.counter(principal.tenant_id, principal.user_id))


def mark_read(principal: Principal, notification_id: str) -> Notification:
    tenant_id, user_id = principal.tenant_id, principal.user_id
    item = NotificationItem(keys.notifications(tenant_id, user_id), keys.notification_sk(notification_id))
    unread = NotificationItem.PK.exists() & NotificationItem.read_at.does_not_exist()
    counted = (
        NotificationCounterItem.read_through.does_not_exist()
        | (NotificationCounterItem.read_through < notification_id)
    ) & (NotificationCounterItem.unread > 0)
    tx = Transaction()
    tx.update("notification", item, [NotificationItem.read_at.set(iso())], condition=unread)
    tx.update(
        "counter", repo.counter_key(tenant_id, user_id), [NotificationCounterItem.unread.add(-1)], counted
    )
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "notification" not in error.failed:
            _mark_uncounted(item, unread)  # read already by the watermark: just stamp it
    found = repo.get_notification(tenant_id, user_id, notification_id)
    if found is None:
        raise NotFoundError("No such notification", code="notification_not_found")
    counter = repo.counter(tenant_id, user_id)
    return to_notification(found, counter.read_through if counter is not None else None)


def _mark_uncounted(item: NotificationItem, unread: Any) -> None:
    tx = Transaction()
    tx.update("notification", item, [NotificationItem.read_at.set(iso())], condition=unread)
    with suppress(TransactionCancelledError):  # read meanwhile
        tx.commit()


def mark_all_read(principal: Principal) -> int:
    """Everything up to now counts as read: one write, however many notifications are unread."""
    tenant_id, user_id = principal.tenant_id, principal.user_id
    watermark = max(new_id(), repo.newest_id(tenant_id, user_id) or "")
    counter = repo.counter_key(tenant_id, user_id)
    tx = Transaction()
    tx.update(
        "counter",
        counter,
        [
            NotificationCounterItem.type.set(NotificationCounterItem),
            NotificationCounterItem.unread.set(0),
            NotificationCounterItem.read_through.set(watermark),
        ],
        condition=NotificationCounterItem.read_through.does_not_exist()
        | (NotificationCounterItem.read_through < watermark),
    )
    with suppress(TransactionCancelledError):  # a later "mark all read" got there first
        tx.commit()
    return 0
