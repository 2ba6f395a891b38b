"""The change log: the audit trail of a record (a lead, a contact, a company) in the record's own
partition. Each entry is written in the transaction of the change it records, with the change's
event id, so a committed change always has its entry and a failed one never does; the timeline
folds in what that event caused (the notifications sent about it) by the same id.

An entry says who, when and what: its kind (created, updated, deleted, restored, merged, imported)
and, for an update, each field's old and new value (`changes`: [{"field", "old", "new"}]).
"""

from __future__ import annotations

import json
from typing import Any

from pynamodb.attributes import UnicodeAttribute

from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.store.items import Item
from convertly.platform.store.transaction import Transaction

LOG_PREFIX = "LOG#"
SYSTEM_ACTORS = {"form": "A form", "system": "Convertly", "import": "An import"}


class ChangeLogItem(Item, discriminator="ChangeLog"):
    entry_id = UnicodeAttribute()  # the event id of the change
    kind = UnicodeAttribute()
    at = UnicodeAttribute()
    actor_id = UnicodeAttribute(null=True)
    actor_name = UnicodeAttribute(null=True)
    changes = UnicodeAttribute(null=True)  # JSON: [{"field", "old", "new"}]
    cause = UnicodeAttribute(null=True)  # JSON: why it happened when no one did it by hand


def log_sk(at: str, entry_id: str) -> str:
    return f"{LOG_PREFIX}{at}#{entry_id}"


def actor_label(actor_id: str | None, actor_name: str | None) -> str | None:
    """A person's name, or what a system actor (`form:<id>`, `system`) is called."""
    if actor_name:
        return actor_name
    if actor_id:
        return SYSTEM_ACTORS.get(actor_id.split(":", 1)[0])
    return None


def change_entry(
    partition: str,
    event: DomainEvent,
    kind: str,
    *,
    actor_name: str | None = None,
    changes: dict[str, dict[str, Any]] | None = None,
    cause: dict[str, Any] | None = None,
) -> ChangeLogItem:
    """The entry for `event`'s change of the record whose partition is `partition`; `changes` as the
    events carry them: {field: {"from": old, "to": new}}."""
    return log_entry(
        partition,
        event.event_id,
        event.occurred_at,
        event.actor_id,
        kind,
        actor_name=actor_name,
        changes=changes,
        cause=cause,
    )


def log_entry(
    partition: str,
    entry_id: str,
    at: str,
    actor_id: str | None,
    kind: str,
    *,
    actor_name: str | None = None,
    changes: dict[str, dict[str, Any]] | None = None,
    cause: dict[str, Any] | None = None,
) -> ChangeLogItem:
    """An entry for a change that has no event of its own (a contact made with a lead)."""
    rows = [
        {"field": f, "old": c.get("from"), "new": c.get("to")} for f, c in sorted((changes or {}).items())
    ]
    return ChangeLogItem(
        partition,
        log_sk(at, entry_id),
        entry_id=entry_id,
        kind=kind,
        at=at,
        actor_id=actor_id,
        actor_name=actor_label(actor_id, actor_name),
        changes=json.dumps(rows, default=str) if rows else None,
        cause=json.dumps(cause, default=str) if cause else None,
    )


def entry_fields(item: ChangeLogItem) -> dict[str, Any]:
    """The entry as timelines show it: JSON values."""
    return {
        "entry_id": item.entry_id,
        "kind": item.kind,
        "at": item.at,
        "actor_id": item.actor_id,
        "actor_name": item.actor_name,
        "changes": json.loads(item.changes) if item.changes else [],
        "cause": json.loads(item.cause) if item.cause else None,
    }


def entries_of(partition: str) -> list[ChangeLogItem]:
    """A record's change log, oldest first (one Query of its partition's LOG# items)."""
    return list(ChangeLogItem.query(partition, ChangeLogItem.SK.startswith(LOG_PREFIX), consistent_read=True))


def record_change(
    tx: Transaction,
    partition: str,
    event: DomainEvent,
    kind: str,
    *,
    actor_name: str | None = None,
    changes: dict[str, dict[str, Any]] | None = None,
    cause: dict[str, Any] | None = None,
) -> None:
    """Add the change's event (outbox) and its change-log entry to the change's transaction."""
    tx.put("outbox", outbox_item(event))
    entry = change_entry(partition, event, kind, actor_name=actor_name, changes=changes, cause=cause)
    tx.put("log", entry)
