"""The tag registry's counts and the tag index, as a record's write moves them: each tag is kept once
per tenant by its folded name (convertly.platform.terms.label_term), with how many contacts,
companies and leads carry it, and the index lists those records per tag.

Domain-free: the contact, company and lead write paths call `tag_writes` through
convertly.fields.service.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable

from convertly.fields import keys
from convertly.fields.items import TagEntryItem, TagItem
from convertly.platform.clock import iso
from convertly.platform.store.paging import query_page
from convertly.platform.store.transaction import Transaction
from convertly.platform.terms import label_term

TAGGED_TYPES: tuple[str, ...] = ("contact", "company", "lead")
COUNTS = {"contact": TagItem.contact_count, "company": TagItem.company_count, "lead": TagItem.lead_count}
MAX_PAGE = 100


def tag_id(folded: str) -> str:
    """A tag's id in URLs: its folded name, base64url without padding."""
    return base64.urlsafe_b64encode(folded.encode()).decode().rstrip("=")


def folded_of(tag_id_: str) -> str | None:
    """The folded name behind a tag id, or None for an id no tag can have."""
    try:
        folded = base64.urlsafe_b64decode((tag_id_ + "=" * (-len(tag_id_) % 4)).encode()).decode()
    except (binascii.Error, UnicodeError, ValueError):
        return None
    return folded if folded and label_term(folded) == folded and tag_id(folded) == tag_id_ else None


def _by_fold(tags: Iterable[str]) -> dict[str, str]:
    folded: dict[str, str] = {}
    for tag in tags:
        term = label_term(str(tag))
        if term and term not in folded:
            folded[term] = str(tag)
    return folded


def registry_ref(tenant_id: str, folded: str) -> TagItem:
    return TagItem(keys.tags(tenant_id), keys.tag_sk(folded))


def entry(tenant_id: str, folded: str, object_type: str, record_id: str) -> TagEntryItem:
    return TagEntryItem(
        keys.tag_index(tenant_id, folded),
        keys.tag_entry_sk(object_type, record_id),
        object_type=object_type,
        record_id=record_id,
    )


def tag_writes(
    tx: Transaction, tenant_id: str, object_type: str, record_id: str, old: list[str], new: list[str]
) -> None:
    """Add to `tx` what a record's tags changing from `old` to `new` moves, compared by folded name:
    per tag added, its index entry (Put) and its registry item's count +1 (an UpdateItem that
    registers a first-used tag under the name given); per tag removed, the entry's Delete and the
    count -1. Two items per changed tag, none for a tag only spelt differently."""
    if object_type not in COUNTS:
        raise ValueError(f"tags are for {', '.join(TAGGED_TYPES)}, not {object_type!r}")
    before, after = _by_fold(old), _by_fold(new)
    count = COUNTS[object_type]
    at = iso()
    for folded in after.keys() - before.keys():
        tx.put("tag_entry", entry(tenant_id, folded, object_type, record_id))
        actions = [
            TagItem.type.set(TagItem),
            TagItem.name.set(TagItem.name | after[folded]),
            TagItem.created_at.set(TagItem.created_at | at),
            count.add(1),
        ]
        tx.update("tag", registry_ref(tenant_id, folded), actions)
    for folded in before.keys() - after.keys():
        tx.delete("tag_entry", entry(tenant_id, folded, object_type, record_id))
        tx.update("tag", registry_ref(tenant_id, folded), [count.add(-1)], TagItem.PK.exists())


def records_with_tag(
    tenant_id: str, name: str, object_type: str | None = None, limit: int = 50, cursor: str | None = None
) -> tuple[list[tuple[str, str]], str | None]:
    """The records carrying the tag `name` (any spelling), as (object type, record id), a page at a
    time (one Query of the tag's index partition), and the next page's cursor."""
    folded = label_term(name)
    if not folded:
        return [], None
    condition = TagEntryItem.SK.startswith(f"{object_type}#") if object_type else None
    page, next_cursor = query_page(
        TagEntryItem,
        keys.tag_index(tenant_id, folded),
        limit=max(1, min(limit, MAX_PAGE)),
        cursor=cursor,
        range_condition=condition,
        forward=True,
    )
    return [(str(e.object_type), str(e.record_id)) for e in page], next_cursor
