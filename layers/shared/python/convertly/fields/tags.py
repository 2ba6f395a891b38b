"""Settings > Tags: the tag registry (list, create, rename, recolor, merge, delete).

Tags are free text on contacts, companies and leads. Renaming, merging or deleting one changes every
record carrying it: the tag's index is read a page at a time and each record goes to its type's
retag hook (`RETAGGERS`), which rewrites the record's tags and moves the index and the counts with
`tag_writes` in the record's own transaction. Each of the three is safe to run again after a
failure: the tag being renamed, merged or deleted stays registered until its last record moved.

A rename to a name that folds to another tag's is refused (409 `tag_exists`): merging two tags is
its own action (POST /tags/{tag_id}/merge), never a side effect of a rename.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from importlib import import_module

from pynamodb.exceptions import DeleteError, UpdateError

from convertly.fields import keys
from convertly.fields.domain import Tag, TagCreate, TagDeletion, TagList, TagMerge, TagUpdate
from convertly.fields.items import TagEntryItem, TagItem
from convertly.fields.tag_index import COUNTS, TAGGED_TYPES, folded_of, registry_ref, tag_id
from convertly.platform.clock import iso
from convertly.platform.errors import ConflictError, NotFoundError, ValidationError
from convertly.platform.principal import Principal
from convertly.platform.store.transaction import Transaction, TransactionCancelledError
from convertly.platform.terms import label_term

# (tenant_id, record_id, old tag, new tag or None to remove it); matches the old tag by folded name,
# does nothing to a record without it, and calls tag_writes in the record's transaction.
Retagger = Callable[[str, str, str, str | None], None]

# Each object type's retag hook: a function, or "module:function" imported when first called (the
# contacts and leads capabilities import this one's service, so this one imports them only lazily).
RETAGGERS: dict[str, Retagger | str] = {
    "contact": "convertly.contacts.service:retag_contact",
    "company": "convertly.contacts.service:retag_company",
    "lead": "convertly.leads.service:retag_lead",
}
MAX_PASSES = 3  # records tagged while a pass ran are moved by the next one
_CONDITION_FAILED = "ConditionalCheckFailedException"


def retagger(object_type: str) -> Retagger:
    hook = RETAGGERS[object_type]
    if callable(hook):
        return hook
    module, _, name = hook.partition(":")
    found: Retagger = getattr(import_module(module), name)
    return found


def to_tag(item: TagItem) -> Tag:
    folded = item.SK.removeprefix(keys.TAG_PREFIX)
    return Tag(
        tag_id=tag_id(folded),
        name=item.name,
        color=item.color,
        contact_count=max(0, int(item.contact_count or 0)),
        company_count=max(0, int(item.company_count or 0)),
        lead_count=max(0, int(item.lead_count or 0)),
        created_at=item.created_at or "",
    )


def _not_found() -> NotFoundError:
    return NotFoundError("No such tag", code="tag_not_found")


def _exists(name: str) -> ConflictError:
    return ConflictError(
        f"A tag named {name} exists already: merge the two instead",
        code="tag_exists",
        fields={"name": "another tag has this name"},
    )


def _get(tenant_id: str, folded: str) -> TagItem | None:
    try:
        item = TagItem.get(keys.tags(tenant_id), keys.tag_sk(folded), consistent_read=True)
    except TagItem.DoesNotExist:
        return None
    return item if item.name else None  # a count moved on a tag deleted meanwhile leaves no tag


def _load(tenant_id: str, tag_id_: str) -> tuple[str, TagItem]:
    folded = folded_of(tag_id_)
    item = _get(tenant_id, folded) if folded else None
    if folded is None or item is None:
        raise _not_found()
    return folded, item


def _fold(name: str) -> str:
    folded = label_term(name)
    if not folded:
        raise ValidationError("Some fields are not valid", fields={"name": "Give the tag a name"})
    return folded


def list_tags(principal: Principal) -> TagList:
    """Every tag of the tenant with its counts, by (folded) name: one Query of the registry."""
    found = TagItem.query(keys.tags(principal.tenant_id), TagItem.SK.startswith(keys.TAG_PREFIX))
    return TagList(items=[to_tag(item) for item in found if item.name])


def create_tag(principal: Principal, request: TagCreate) -> Tag:
    folded = _fold(request.name)
    item = registry_ref(principal.tenant_id, folded)
    item.name, item.color, item.created_at = request.name, request.color, iso()
    tx = Transaction()
    tx.put("tag", item, TagItem.PK.does_not_exist())
    try:
        tx.commit()
    except TransactionCancelledError as error:
        raise _exists(request.name) from error
    return to_tag(item)


def update_tag(principal: Principal, tag_id_: str, request: TagUpdate) -> Tag:
    """Rename and/or recolor. A new name is written on every record carrying the tag."""
    tenant = principal.tenant_id
    folded, item = _load(tenant, tag_id_)
    fields = request.model_fields_set
    if "color" in fields and request.color != item.color:
        item = _set_color(item, request.color)
    if "name" in fields and request.name is not None and request.name != item.name:
        item = _rename(tenant, folded, item, request.name)
    return to_tag(item)


def _set_color(item: TagItem, color: str | None) -> TagItem:
    action = TagItem.color.set(color) if color else TagItem.color.remove()
    try:
        item.update(actions=[action], condition=TagItem.PK.exists())
    except UpdateError as error:
        if error.cause_response_code == _CONDITION_FAILED:
            raise _not_found() from error
        raise
    return item


def _rename(tenant_id: str, folded: str, item: TagItem, name: str) -> TagItem:
    new_folded = _fold(name)
    if new_folded == folded:  # only the spelling changes: the records first, then the registry
        _retag_everywhere(tenant_id, folded, item.name, name, keep_entries=True)
        item.update(actions=[TagItem.name.set(name)], condition=TagItem.PK.exists())
        return item
    _start_rename(tenant_id, folded, item, new_folded, name)
    _retag_everywhere(tenant_id, folded, item.name, name)
    renamed = _get(tenant_id, new_folded)
    if renamed is None:
        raise _not_found()
    return renamed


def _start_rename(tenant_id: str, folded: str, item: TagItem, new_folded: str, name: str) -> None:
    """Register the new name (with the old one's color) and mark the old tag as being renamed to it,
    in one transaction; a rename that failed half way finds its mark and carries on."""
    if item.renaming_to == new_folded and _get(tenant_id, new_folded) is not None:
        return
    renamed = registry_ref(tenant_id, new_folded)
    renamed.name, renamed.color, renamed.created_at = name, item.color, item.created_at
    tx = Transaction()
    tx.put("new_tag", renamed, TagItem.PK.does_not_exist())
    tx.update(
        "tag", registry_ref(tenant_id, folded), [TagItem.renaming_to.set(new_folded)], TagItem.PK.exists()
    )
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "new_tag" in error.failed:
            raise _exists(name) from error
        raise _not_found() from error


def merge_tag(principal: Principal, tag_id_: str, request: TagMerge) -> Tag:
    """Every record carrying this tag carries `into` instead (once), then this tag is gone."""
    tenant = principal.tenant_id
    folded, item = _load(tenant, tag_id_)
    into_folded = folded_of(request.into)
    target = _get(tenant, into_folded) if into_folded else None
    if target is None:
        raise NotFoundError("No such tag to merge into", code="tag_not_found", fields={"into": "no such tag"})
    if into_folded == folded:
        raise ValidationError("Some fields are not valid", fields={"into": "Pick another tag to merge into"})
    _retag_everywhere(tenant, folded, item.name, target.name)
    merged = _get(tenant, str(into_folded))
    if merged is None:
        raise _not_found()
    return to_tag(merged)


def delete_tag(principal: Principal, tag_id_: str) -> TagDeletion:
    """Take the tag off every record carrying it, then delete it; answers how many of each type."""
    folded, item = _load(principal.tenant_id, tag_id_)
    moved = _retag_everywhere(principal.tenant_id, folded, item.name, None)
    return TagDeletion(
        tag_id=tag_id_,
        name=item.name,
        contact_count=moved["contact"],
        company_count=moved["company"],
        lead_count=moved["lead"],
    )


# Moving every record ------------------------------------------------------------------------------


def _entries(tenant_id: str, folded: str) -> list[TagEntryItem]:
    return list(TagEntryItem.query(keys.tag_index(tenant_id, folded), consistent_read=True, page_size=100))


def _retag_everywhere(
    tenant_id: str, folded: str, old: str, new: str | None, *, keep_entries: bool = False
) -> dict[str, int]:
    """Hand every record in the tag's index to its retag hook, a page of the index at a time. Unless
    `keep_entries` (a new spelling of the same tag), the index then must be empty: entries a hook
    left (a record gone or no longer carrying the tag) are swept with their counts, and the tag is
    deleted once it counts no record (a record tagged meanwhile is moved by another pass)."""
    moved = dict.fromkeys(TAGGED_TYPES, 0)
    for _ in range(MAX_PASSES):
        seen: set[str] = set()
        for page_entry in TagEntryItem.query(
            keys.tag_index(tenant_id, folded), consistent_read=True, page_size=100
        ):
            retagger(page_entry.object_type)(tenant_id, page_entry.record_id, old, new)
            moved[page_entry.object_type] += 1
            seen.add(page_entry.SK)
        if keep_entries:
            return moved
        for left in _entries(tenant_id, folded):
            if left.SK in seen:
                _sweep(tenant_id, folded, left)
        if _delete_if_unused(tenant_id, folded):
            return moved
    registry_ref(tenant_id, folded).delete()
    return moved


def _sweep(tenant_id: str, folded: str, entry: TagEntryItem) -> None:
    """Drop an index entry its record's hook did not remove, and its count, in one transaction."""
    tx = Transaction()
    tx.delete("tag_entry", entry, TagEntryItem.PK.exists())
    tx.update("tag", registry_ref(tenant_id, folded), [COUNTS[entry.object_type].add(-1)])
    with suppress(TransactionCancelledError):  # its record's write removed it meanwhile, with its count
        tx.commit()


def _delete_if_unused(tenant_id: str, folded: str) -> bool:
    unused = None
    for count in COUNTS.values():
        clause = count.does_not_exist() | (count <= 0)
        unused = clause if unused is None else unused & clause
    try:
        registry_ref(tenant_id, folded).delete(condition=unused)
    except DeleteError as error:
        if error.cause_response_code == _CONDITION_FAILED:
            return False
        raise
    return True
