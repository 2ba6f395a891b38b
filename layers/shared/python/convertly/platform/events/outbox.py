"""The transactional outbox: a domain event is an item written in the same TransactWriteItems as the
change it describes, so a committed change always has its event and a failed one never does. The
table stream delivers new outbox items to the relay function, which publishes them to the bus
(convertly.platform.events.stream reads them back from the stream)."""

from __future__ import annotations

from datetime import timedelta

from pynamodb.attributes import UnicodeAttribute

from convertly.platform.clock import now
from convertly.platform.config import get_settings
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.store import keys
from convertly.platform.store.items import Item

OUTBOX_TYPE = "OutboxEvent"


def outbox_item(event: DomainEvent) -> OutboxEventItem:
    return OutboxEventItem(
        keys.outbox(event.tenant_id),
        f"{event.occurred_at}#{event.event_id}",
        event_id=event.event_id,
        detail_type=event.detail_type,
        detail=event.detail_json(),
        expires_at=now() + timedelta(seconds=get_settings().outbox_ttl_seconds),
    )


class OutboxEventItem(Item, discriminator="OutboxEvent"):
    """A domain event written in the same transaction as the change it describes; the table stream
    hands it to the relay, which publishes it to the bus. Expires after a day."""

    event_id = UnicodeAttribute()
    detail_type = UnicodeAttribute()
    detail = UnicodeAttribute()  # JSON
