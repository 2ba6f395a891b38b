"""The due index (GSI6): every item owing a reminder or a mail, under the hour it is owed in.

Partitions are `DUE#<YYYY-MM-DDTHH>#<shard>`, sorted by the time owed: platform level, not tenant
first, so one run finds what fell due across all tenants with one Query per hour and shard, whose
key range (up to now) reads only what is owed. An item leaves the index when it owes nothing more,
so what a run reads grows with what is due, not with what is scheduled. The shard (a hash of the
item id) spreads a popular hour (everyone's 9:00) over partitions.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from convertly.platform.clock import iso, parse_iso
from convertly.platform.store import keys
from convertly.platform.store.items import Item, load_every_kind

_AFTER_ANY_ID = "#~"  # sorts after `<time>#<any id>`


def hour_of(at: str) -> str:
    """The bucket of an ISO time: `YYYY-MM-DDTHH`."""
    return at[:13]


def start_of(hour: str) -> datetime:
    return parse_iso(f"{hour}:00:00Z")


def hours(first: str, last: str) -> list[str]:
    """Every hour bucket from `first` to `last`, both included."""
    start = start_of(first)
    count = int((start_of(last) - start).total_seconds() // 3600) + 1
    return [hour_of(iso(start + timedelta(hours=n))) for n in range(max(0, count))]


def shard_of(item_id: str) -> int:
    return zlib.crc32(item_id.encode("utf-8")) % keys.DUE_SHARDS


def entry_keys(remind_at: str | None, item_id: str) -> tuple[str | None, str | None]:
    """The GSI6 keys for an item owing something at `remind_at`, or none."""
    if remind_at is None:
        return None, None
    return keys.due_bucket(hour_of(remind_at), shard_of(item_id)), keys.due_sort(remind_at, item_id)


def place(item: Any, item_id: str, remind_at: str | None, kind: str | None = None) -> None:
    """Set the item's next reminder (or mail attempt) and its due index entry; None takes it out."""
    item.remind_at = remind_at
    if hasattr(item, "remind_kind"):
        item.remind_kind = kind if remind_at else None
    item.GSI6PK, item.GSI6SK = entry_keys(remind_at, item_id)


def move_actions(model_cls: Any, item_id: str, remind_at: str | None, kind: str | None = None) -> list[Any]:
    """The update actions that do what `place` does, for an item updated in place."""
    if remind_at is None:
        actions = [model_cls.remind_at.remove(), model_cls.GSI6PK.remove(), model_cls.GSI6SK.remove()]
        return actions + ([model_cls.remind_kind.remove()] if hasattr(model_cls, "remind_kind") else [])
    partition, sort = entry_keys(remind_at, item_id)
    actions = [
        model_cls.remind_at.set(remind_at),
        model_cls.GSI6PK.set(partition),
        model_cls.GSI6SK.set(sort),
    ]
    return actions + ([model_cls.remind_kind.set(kind)] if kind is not None else [])


def not_before(at: str, now: datetime) -> str:
    """`at`, or now if `at` has passed: an entry is never written under an hour already settled."""
    current = iso(now)
    return at if at > current else current


def owed(hour: str, shard: int, upto: datetime) -> Iterator[Item]:
    """The entries of one bucket and shard owed at or before `upto` (every page)."""
    sort_key = Item.GSI6SK
    load_every_kind()
    yield from Item.gsi6.query(keys.due_bucket(hour, shard), sort_key <= f"{iso(upto)}{_AFTER_ANY_ID}")


def wake_keys(wake_at: str | None, item_id: str) -> tuple[str | None, str | None]:
    """The GSI6 keys of a waiting item in the wake index (its own partitions beside the due index's)."""
    if wake_at is None:
        return None, None
    return keys.wake_bucket(hour_of(wake_at), shard_of(item_id)), keys.due_sort(wake_at, item_id)


def waking(hour: str, shard: int, upto: datetime) -> Iterator[Item]:
    """The wake index entries of one bucket and shard that wake at or before `upto` (every page)."""
    load_every_kind()
    yield from Item.gsi6.query(keys.wake_bucket(hour, shard), f"{iso(upto)}{_AFTER_ANY_ID}" >= Item.GSI6SK)
