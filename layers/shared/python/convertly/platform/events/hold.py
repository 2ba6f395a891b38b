"""A suspended tenant's events wait: its consumers hold them, and reactivation releases them.

A consumer asks `held(record)` before handling a message. For a suspended tenant the event is kept
(`T#<t>#HELD` / `HELD#<event id>`, once per event whatever the redeliveries) and the message is done.
Reactivation (`release`) moves each held event back into the tenant's outbox, in transactions that
delete the held item and put the outbox item together, so the relay publishes it again and every
consumer of its type receives it. Consumers are idempotent on the event id, so one that handled the
event before the suspension changes nothing the second time.

Whether a tenant is suspended is read per container and kept 30 seconds while the tenant is active
(consumers of an active tenant pay one GetItem a tenant every 30 s); while it is suspended it is read
on every message, so a reactivated tenant's next message is handled at once.
"""

from __future__ import annotations

import json
import time

from pynamodb.attributes import UnicodeAttribute
from pynamodb.exceptions import PutError

from convertly.platform import access
from convertly.platform.clock import iso
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.store import keys
from convertly.platform.store.items import Item
from convertly.platform.store.transaction import Transaction

ACTIVE_CACHE_SECONDS = 30.0
_RELEASE_BATCH = 40  # two items an event, within a transaction's 100
_active_until: dict[str, float] = {}


class HeldEventItem(Item, discriminator="HeldEvent"):
    event_id = UnicodeAttribute()
    detail_type = UnicodeAttribute()
    detail = UnicodeAttribute()  # JSON, as the bus carried it
    held_at = UnicodeAttribute()


def held_key(tenant_id: str) -> str:
    return f"{keys.tenant(tenant_id)}#HELD"


def suspended(tenant_id: str) -> bool:
    if _active_until.get(tenant_id, 0.0) > time.monotonic():
        return False
    try:
        item = access.TenantAccessItem.get(*access.tenant_key(tenant_id))
        is_suspended = item.status == access.SUSPENDED
    except access.TenantAccessItem.DoesNotExist:
        is_suspended = False
    if not is_suspended:
        _active_until[tenant_id] = time.monotonic() + ACTIVE_CACHE_SECONDS
    return is_suspended


def forget_cache() -> None:
    _active_until.clear()


def held(event: DomainEvent) -> bool:
    """True when the event's tenant is suspended: the event is kept for later and must not be handled."""
    if not suspended(event.tenant_id):
        return False
    item = HeldEventItem(
        held_key(event.tenant_id),
        f"HELD#{event.event_id}",
        event_id=event.event_id,
        detail_type=event.detail_type,
        detail=event.detail_json(),
        held_at=iso(),
    )
    try:
        item.save(condition=HeldEventItem.PK.does_not_exist())
    except PutError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
    return True


def held_count(tenant_id: str) -> int:
    return int(HeldEventItem.count(held_key(tenant_id)))


def release(tenant_id: str) -> int:
    """Put every held event of the tenant back in its outbox; how many."""
    released = 0
    while True:
        page = list(HeldEventItem.query(held_key(tenant_id), limit=_RELEASE_BATCH, consistent_read=True))
        if not page:
            return released
        tx = Transaction()
        for item in page:
            event = DomainEvent.from_detail(item.detail_type, json.loads(item.detail))
            again = outbox_item(event)
            again.SK = f"{iso()}#{event.event_id}#released"  # a new outbox item: the relay takes inserts
            tx.delete(f"held {item.event_id}", item, condition=HeldEventItem.PK.exists())
            tx.put(f"outbox {item.event_id}", again)
        tx.commit()
        released += len(page)


__all__ = ["HeldEventItem", "forget_cache", "held", "held_count", "release", "suspended"]
