"""The bulk capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute

from convertly.platform.store.items import Item


class BulkActionItem(Item, discriminator="BulkAction"):
    """One bulk action: what it does to which records, where its run is, and what it did. The run
    resolves the scope to ids first (a snapshot: records that later match the filter are not
    touched), then applies the action a chunk per message, moving the checkpoint and adding the
    chunk's counts in one conditional write."""

    bulk_id = UnicodeAttribute()
    object = UnicodeAttribute()  # leads or contacts
    action = UnicodeAttribute()
    params = MapAttribute(default=dict)  # type: ignore[var-annotated]
    scope = MapAttribute(default=dict)  # type: ignore[var-annotated]
    scope_label = UnicodeAttribute(default="")
    status = UnicodeAttribute(default="queued")  # queued, running, done, failed
    phase = UnicodeAttribute(default="resolve")  # resolve, apply
    resolve_cursor = UnicodeAttribute(null=True)
    chunks = NumberAttribute(default=0)  # chunks of ids resolved
    chunk = NumberAttribute(default=0)  # the next chunk to apply
    total = NumberAttribute(default=0)
    processed = NumberAttribute(default=0)
    succeeded = NumberAttribute(default=0)
    skipped = NumberAttribute(default=0)
    failed = NumberAttribute(default=0)
    forbidden = NumberAttribute(default=0)
    reasons = MapAttribute(default=dict)  # type: ignore[var-annotated]  # reason -> count
    problems = ListAttribute(default=list)  # type: ignore[var-annotated]  # the first few, with names
    request_key = UnicodeAttribute()
    role = UnicodeAttribute()
    created_by = UnicodeAttribute()
    created_by_name = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    completed_at = UnicodeAttribute(null=True)
    version = NumberAttribute(default=0)


class BulkRequestItem(Item, discriminator="BulkRequest"):
    """A request key taken: the same request again answers with its bulk action, not a second one."""

    bulk_id = UnicodeAttribute()
    created_at = UnicodeAttribute()


class BulkChunkItem(Item, discriminator="BulkChunk"):
    """A chunk of the records a bulk action touches (at most 100 ids), in the order resolved."""

    number = NumberAttribute()
    ids = ListAttribute(of=UnicodeAttribute, default=list)
