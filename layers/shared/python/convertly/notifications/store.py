"""A user's notifications: their partition (newest first by id, which is time-ordered) and the
counter item beside them."""

from __future__ import annotations

from convertly.notifications import keys
from convertly.notifications.items import NotificationCounterItem, NotificationItem
from convertly.platform.store.paging import decode_cursor, dynamo_key, encode_cursor


def counter(tenant_id: str, user_id: str) -> NotificationCounterItem | None:
    try:
        return NotificationCounterItem.get(
            keys.notifications(tenant_id, user_id), keys.NOTIFICATION_COUNTER_SK
        )
    except NotificationCounterItem.DoesNotExist:
        return None


def counter_key(tenant_id: str, user_id: str) -> NotificationCounterItem:
    return NotificationCounterItem(keys.notifications(tenant_id, user_id), keys.NOTIFICATION_COUNTER_SK)


def get_notification(tenant_id: str, user_id: str, notification_id: str) -> NotificationItem | None:
    try:
        return NotificationItem.get(
            keys.notifications(tenant_id, user_id),
            keys.notification_sk(notification_id),
            consistent_read=True,
        )
    except NotificationItem.DoesNotExist:
        return None


def page(
    tenant_id: str, user_id: str, limit: int, cursor: str | None
) -> tuple[list[NotificationItem], str | None]:
    """One page, newest first (one Query)."""
    hash_key = keys.notifications(tenant_id, user_id)
    start = decode_cursor(cursor, {"PK": hash_key}) if cursor else None
    results = NotificationItem.query(
        hash_key,
        NotificationItem.SK.startswith(keys.NOTIFICATION_PREFIX),
        scan_index_forward=False,
        limit=limit + 1,
        page_size=limit + 1,
        last_evaluated_key=dynamo_key(start) if start else None,
    )
    items = list(results)
    if len(items) <= limit:
        return items, None
    items = items[:limit]
    return items, encode_cursor({"PK": hash_key, "SK": items[-1].SK})


def newest_id(tenant_id: str, user_id: str) -> str | None:
    for item in NotificationItem.query(
        keys.notifications(tenant_id, user_id),
        NotificationItem.SK.startswith(keys.NOTIFICATION_PREFIX),
        scan_index_forward=False,
        limit=1,
    ):
        return item.notification_id
    return None
