"""Merging duplicates, and finding them.

A contact merge keeps the survivor: each chosen field from either side, the union of emails, phones
and tags, the duplicate's custom fields where the survivor has none. The duplicate is deleted and
remembers the survivor (`merged_into`), so it matches nothing and lists nowhere but the deleted list.
Its leads move to the survivor with everything they hold (touches, notes, follow-ups, tasks live with
the lead). One transaction writes both contacts, both timelines' "merged" entries, the event and the
first leads; the rest of the leads move a bounded batch per transaction. Merging the same pair again
goes on from where it stopped (leads still pointing at the duplicate move; moved ones are skipped).

A company merge moves the duplicate's contacts (an edit of each, which carries the new company name
to their leads), then deletes it the same way.

Possible duplicates are found when a contact is written: another live contact with one of its
emails or phones makes a pair item (docs/data-model.md, "Contacts and companies").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from convertly.contacts import keys
from convertly.contacts import store as repo
from convertly.contacts.companies import to_company
from convertly.contacts.contacts import edit, stale_version, to_contact, visible_contact
from convertly.contacts.domain import (
    Company,
    CompanyMerge,
    Contact,
    ContactMerge,
    DuplicatePage,
    DuplicatePair,
)
from convertly.contacts.items import CompanyItem, ContactItem, DuplicatePairItem, LeadLinkItem
from convertly.contacts.writes import (
    company_fields,
    company_terms,
    contact_fields,
    contact_terms,
    join_company,
    leave_company,
    person_snapshot,
    put_contact,
    retarget_search,
)
from convertly.fields import service as fields
from convertly.leads import service as leads
from convertly.platform.changelog import change_entry, record_change
from convertly.platform.clock import iso
from convertly.platform.errors import ConflictError, NotFoundError, ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.principal import Principal
from convertly.platform.store.items import Item, plain
from convertly.platform.store.paging import query_page
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

# DynamoDB takes 100 items a transaction; a moved lead writes about 15 (its update, its links, its
# search entries), the merge itself about 40.
TRANSACTION_ITEMS = 100
ITEMS_PER_LEAD = 16
MAX_OTHERS = 5  # other emails and other phones a contact keeps


def _name(principal: Principal) -> str | None:
    return principal.name or principal.email or None


def _same(survivor_id: str, duplicate_id: str) -> None:
    if survivor_id == duplicate_id:
        raise ValidationError(
            "Pick two different records to merge", fields={"duplicate_id": "the same as the survivor"}
        )


def merge_contacts(principal: Principal, request: ContactMerge) -> Contact:
    _same(request.survivor_id, request.duplicate_id)
    survivor, survivor_links = visible_contact(principal, request.survivor_id)
    duplicate, duplicate_links = visible_contact(principal, request.duplicate_id)
    if survivor.deleted_at:
        raise ConflictError("The contact to keep is deleted: restore it first", code="contact_deleted")
    if duplicate.merged_into == survivor.contact_id:  # a merge that stopped part way: go on
        _move_leads(principal, survivor, duplicate, duplicate_links, Transaction())
        _drop_tags(principal, duplicate, "contact", duplicate.contact_id)
        return to_contact(survivor)
    if duplicate.deleted_at:
        raise ConflictError("The duplicate is deleted: restore it first", code="contact_deleted")
    if request.survivor_version != survivor.version:
        raise stale_version(survivor)
    if request.duplicate_version != duplicate.version:
        raise stale_version(duplicate)
    before = person_snapshot(survivor)
    changes = _merged_fields(survivor, duplicate, {str(k): str(v) for k, v in request.fields.items()})
    tx = Transaction()
    _write_survivor(principal, tx, survivor, changes, survivor_links, duplicate)
    _write_duplicate(principal, tx, duplicate, survivor)
    tx.delete(
        "pair",
        DuplicatePairItem(
            keys.duplicates(principal.tenant_id), keys.pair_sk(survivor.contact_id, duplicate.contact_id)
        ),
    )
    _move_leads(principal, survivor, duplicate, duplicate_links, tx)
    _drop_tags(principal, duplicate, "contact", duplicate.contact_id)
    if person_snapshot(survivor) != before:  # the survivor's own leads show its person as merged
        own = [link.lead_id for link in survivor_links]
        if own:
            leads.sync_person(Transaction(), principal.tenant_id, own, person_snapshot(survivor))
    return to_contact(survivor)


def _merged_fields(
    survivor: ContactItem, duplicate: ContactItem, picks: Mapping[str, str]
) -> dict[str, tuple[Any, Any]]:
    """The survivor's changes: (old, new) per field."""
    changes: dict[str, tuple[Any, Any]] = {}
    single = (
        "first_name",
        "last_name",
        "email",
        "phone",
        "country",
        "company_id",
        "role",
        "owner_id",
        "source",
        "website",
        "time_zone",
    )
    for field in (*single, "address", "consent"):
        mine, theirs = getattr(survivor, field), getattr(duplicate, field)
        if field in ("address", "consent"):
            mine, theirs = plain(mine), plain(theirs)
        take = picks.get(field) == "duplicate" or (field not in picks and not mine and theirs)
        if take and theirs != mine:
            changes[field] = (mine, theirs)
    primary_email = changes.get("email", (None, survivor.email))[1]
    primary_phone = changes.get("phone", (None, survivor.phone))[1]
    emails = [e for e in (survivor.email, *survivor.emails, duplicate.email, *duplicate.emails) if e]
    phones = [p for p in (survivor.phone, *survivor.phones, duplicate.phone, *duplicate.phones) if p]
    other_emails = [str(e) for e in dict.fromkeys(emails) if e != primary_email][:MAX_OTHERS]
    other_phones = [str(p) for p in dict.fromkeys(phones) if p != primary_phone][:MAX_OTHERS]
    tags = list(dict.fromkeys([*map(str, survivor.tags or []), *map(str, duplicate.tags or [])]))
    custom = {**plain(duplicate.custom_fields), **plain(survivor.custom_fields)}
    for field, new in (
        ("emails", other_emails),
        ("phones", other_phones),
        ("tags", tags),
        ("custom_fields", custom),
    ):
        old = (
            plain(survivor.custom_fields)
            if field == "custom_fields"
            else [str(v) for v in getattr(survivor, field) or []]
        )
        if old != new:
            changes[field] = (old, new)
    return changes


def _write_survivor(
    principal: Principal,
    tx: Transaction,
    survivor: ContactItem,
    changes: dict[str, tuple[Any, Any]],
    links: list[LeadLinkItem],
    duplicate: ContactItem,
) -> None:
    old_terms = [str(t) for t in survivor.search_terms or []]
    for field, (_, new) in changes.items():
        setattr(survivor, field, new)
    if "company_id" in changes:
        old_company, new_company = changes["company_id"]
        company = repo.get_company(principal.tenant_id, new_company) if new_company else None
        survivor.company_name = company.name if company else None
        if old_company:
            leave_company(tx, survivor.tenant_id, old_company, survivor.contact_id)
        if company is not None:
            join_company(tx, survivor.tenant_id, company.company_id, survivor.contact_id, iso())
    survivor.lead_count = int(survivor.lead_count or 0) + int(duplicate.lead_count or 0)
    survivor.updated_at = iso()
    survivor.search_terms = contact_terms(survivor)  # type: ignore[assignment]
    repo.apply_contact_keys(survivor)
    put_contact(tx, "survivor", survivor)
    partition = keys.contact_search(survivor.tenant_id)
    new_terms = [str(t) for t in survivor.search_terms or []]
    retarget_search(tx, partition, survivor.contact_id, old_terms, new_terms)
    if "tags" in changes:
        old_tags, new_tags = changes["tags"]
        fields.tag_writes(
            tx, principal.tenant_id, "contact", survivor.contact_id, list(old_tags), list(new_tags)
        )
    changed = {field: {"from": old, "to": new} for field, (old, new) in changes.items()}
    event = DomainEvent(
        detail_type="ContactMerged",
        tenant_id=principal.tenant_id,
        actor_id=principal.user_id,
        subject_id=survivor.contact_id,
        data={"contact": contact_fields(survivor), "merged": duplicate.contact_id, "changes": changed},
    )
    cause = {"merged": duplicate.contact_id, "name": _display(duplicate)}
    record_change(tx, survivor.PK, event, "merged", actor_name=_name(principal), changes=changed, cause=cause)


def _display(contact: ContactItem) -> str:
    return repo.contact_display_name(contact.first_name, contact.last_name, contact.email, contact.phone)


def _write_duplicate(
    principal: Principal, tx: Transaction, duplicate: ContactItem, survivor: ContactItem
) -> None:
    at = iso()
    old_terms = [str(t) for t in duplicate.search_terms or []]
    duplicate.deleted_at, duplicate.merged_into, duplicate.updated_at = at, survivor.contact_id, at
    repo.apply_contact_keys(duplicate)
    put_contact(tx, "duplicate", duplicate)
    partition = keys.contact_search(duplicate.tenant_id)
    for term in old_terms:  # it matches nothing any more
        tx.delete("contact_search", repo.search_item(partition, term, duplicate.contact_id, []))
    duplicate.search_terms = []
    if duplicate.company_id:
        leave_company(tx, duplicate.tenant_id, duplicate.company_id, duplicate.contact_id)
    event = DomainEvent(
        detail_type="ContactMerged",
        tenant_id=principal.tenant_id,
        actor_id=principal.user_id,
        subject_id=duplicate.contact_id,
        data={"into": survivor.contact_id},
    )
    cause = {"into": survivor.contact_id, "name": _display(survivor)}
    tx.put(
        "duplicate_log", change_entry(duplicate.PK, event, "merged", actor_name=_name(principal), cause=cause)
    )


def _move_leads(
    principal: Principal,
    survivor: ContactItem,
    duplicate: ContactItem,
    links: list[LeadLinkItem],
    tx: Transaction,
) -> int:
    """Move the duplicate's leads to the survivor: as many as fit in `tx` (which is committed even
    with none: it holds the merge itself), the rest a bounded batch per transaction. The number
    moved."""
    found = leads.batch_get_leads(principal.tenant_id, [link.lead_id for link in links], consistent=True)
    pending = [(link, found[link.lead_id]) for link in links if link.lead_id in found]
    pending = [(link, lead) for link, lead in pending if lead.contact_id == duplicate.contact_id]
    moved = 0
    while True:
        while pending and len(tx) + ITEMS_PER_LEAD <= TRANSACTION_ITEMS:
            link, lead = pending.pop(0)
            _move_one(tx, link, lead, survivor, duplicate)
            moved += 1
        if len(tx):
            try:
                tx.commit()
            except TransactionCancelledError as error:
                if {"survivor", "duplicate"} & set(error.failed):
                    raise ConflictError(
                        "One of the contacts changed while merging: reload both", code="stale_version"
                    ) from error
                raise
        if not pending:
            return moved
        tx = Transaction()


def _move_one(
    tx: Transaction, link: LeadLinkItem, lead: leads.Lead, survivor: ContactItem, duplicate: ContactItem
) -> None:
    tx.delete("old_link", LeadLinkItem(duplicate.PK, link.SK))
    tx.put(
        "new_link",
        LeadLinkItem(
            survivor.PK,
            link.SK,
            contact_id=survivor.contact_id,
            lead_id=link.lead_id,
            pipeline_id=link.pipeline_id,
            created_at=link.created_at,
        ),
    )
    if duplicate.company_id and duplicate.company_id != survivor.company_id:
        tx.delete(
            "old_company_link", LeadLinkItem(keys.company(duplicate.tenant_id, duplicate.company_id), link.SK)
        )
    if survivor.company_id:
        moved = LeadLinkItem(
            keys.company(survivor.tenant_id, survivor.company_id),
            link.SK,
            contact_id=survivor.contact_id,
            lead_id=link.lead_id,
            pipeline_id=link.pipeline_id,
            created_at=link.created_at,
        )
        tx.put("new_company_link", moved)
    leads.move_to_contact(tx, lead, survivor, duplicate.contact_id)


def _drop_tags(
    principal: Principal, record: ContactItem | CompanyItem, object_type: str, record_id: str
) -> None:
    """The merged-away record gives up its tags, after the merge (the survivor may have just taken
    the same tags, and one transaction cannot change a tag's count twice); once: the record's tags
    are emptied in the same transaction, on the condition that it still had them."""
    tags = [str(t) for t in record.tags or []]
    if not tags:
        return
    tx = Transaction()
    model = type(record)
    tx.update(
        "merged",
        Item(record.PK, record.SK),
        [model.tags.set([])],
        model.tags.contains(tags[0]),
    )
    fields.tag_writes(tx, principal.tenant_id, object_type, record_id, tags, [])
    try:
        tx.commit()
    except TransactionCancelledError:
        return  # given up already
    record.tags = []


# Companies -------------------------------------------------------------------------------------------


def merge_companies(principal: Principal, request: CompanyMerge) -> Company:
    _same(request.survivor_id, request.duplicate_id)
    survivor, _, _ = repo.get_company_partition(principal.tenant_id, request.survivor_id)
    duplicate, contact_links, _ = repo.get_company_partition(principal.tenant_id, request.duplicate_id)
    if survivor is None or duplicate is None:
        raise NotFoundError("No such company", code="company_not_found")
    if survivor.deleted_at:
        raise ConflictError("The company to keep is deleted: restore it first", code="company_deleted")
    if duplicate.merged_into != survivor.company_id:
        if duplicate.deleted_at:
            raise ConflictError("The duplicate is deleted: restore it first", code="company_deleted")
        if request.survivor_version != survivor.version or request.duplicate_version != duplicate.version:
            raise ConflictError(
                "Someone else changed one of these companies: reload them", code="stale_version"
            )
        _merge_company_items(
            principal, survivor, duplicate, {str(k): str(v) for k, v in request.fields.items()}
        )
    _drop_tags(principal, duplicate, "company", duplicate.company_id)
    contacts = repo.batch_get_contacts(
        principal.tenant_id, [link.contact_id for link in contact_links], consistent=True
    )
    for contact in contacts.values():
        if contact.company_id != duplicate.company_id:
            continue
        _, links = repo.get_contact_with_leads(principal.tenant_id, contact.contact_id)
        edit(principal, contact, {"company_id": (duplicate.company_id, survivor.company_id)}, links)
    return to_company(survivor)


def _merge_company_items(
    principal: Principal, survivor: CompanyItem, duplicate: CompanyItem, picks: Mapping[str, str]
) -> None:
    changes: dict[str, tuple[Any, Any]] = {}
    for field in ("name", "domain", "phone", "website", "address", "owner_id"):
        mine, theirs = getattr(survivor, field), getattr(duplicate, field)
        if field == "address":
            mine, theirs = plain(mine), plain(theirs)
        take = picks.get(field) == "duplicate" or (field not in picks and not mine and theirs)
        if take and theirs != mine:
            changes[field] = (mine, theirs)
    tags = list(dict.fromkeys([*map(str, survivor.tags or []), *map(str, duplicate.tags or [])]))
    if tags != [str(t) for t in survivor.tags or []]:
        changes["tags"] = ([str(t) for t in survivor.tags or []], tags)
    at = iso()
    old_terms = [str(t) for t in survivor.search_terms or []]
    for field, (_, new) in changes.items():
        setattr(survivor, field, new)
    survivor.updated_at = at
    survivor.search_terms = company_terms(survivor)  # type: ignore[assignment]
    repo.apply_company_keys(survivor)
    tx = Transaction()
    tx.put("survivor", survivor)
    if "tags" in changes:
        old_tags, new_tags = changes["tags"]
        fields.tag_writes(
            tx, principal.tenant_id, "company", survivor.company_id, list(old_tags), list(new_tags)
        )
    partition = keys.company_search(survivor.tenant_id)
    retarget_search(
        tx, partition, survivor.company_id, old_terms, [str(t) for t in survivor.search_terms or []]
    )
    dropped = [str(t) for t in duplicate.search_terms or []]
    duplicate.deleted_at, duplicate.merged_into, duplicate.updated_at = at, survivor.company_id, at
    repo.apply_company_keys(duplicate)
    tx.put("duplicate", duplicate)
    for term in dropped:
        tx.delete("company_search", repo.search_item(partition, term, duplicate.company_id, []))
    changed = {field: {"from": old, "to": new} for field, (old, new) in changes.items()}
    for record, other, kind_cause in (
        (survivor, duplicate, {"merged": duplicate.company_id, "name": duplicate.name}),
        (duplicate, survivor, {"into": survivor.company_id, "name": survivor.name}),
    ):
        event = DomainEvent(
            detail_type="CompanyMerged",
            tenant_id=principal.tenant_id,
            actor_id=principal.user_id,
            subject_id=record.company_id,
            data={"company": company_fields(record), "other": other.company_id},
        )
        record_change(
            tx,
            record.PK,
            event,
            "merged",
            actor_name=_name(principal),
            changes=changed if record is survivor else None,
            cause=kind_cause,
        )
    try:
        tx.commit()
    except TransactionCancelledError as error:
        raise ConflictError(
            "Someone else changed one of these companies: reload them", code="stale_version"
        ) from error


# Possible duplicates ---------------------------------------------------------------------------------


def possible_duplicates(principal: Principal, cursor: str | None, limit: int) -> DuplicatePage:
    """A page of pairs (one Query), with both contacts (one BatchGetItem); a pair one of whose
    contacts is no longer live is left out."""
    pairs, next_cursor = query_page(
        DuplicatePairItem, keys.duplicates(principal.tenant_id), limit=limit, cursor=cursor, forward=True
    )
    wanted = [contact_id for pair in pairs for contact_id in pair.contact_ids]
    found = repo.batch_get_contacts(principal.tenant_id, wanted)
    items = []
    for pair in pairs:
        both = [found.get(str(c)) for c in pair.contact_ids]
        if all(c is not None and not c.deleted_at for c in both):
            ordered = sorted((c for c in both if c is not None), key=lambda c: c.created_at)
            items.append(
                DuplicatePair(
                    reason=pair.reason, found_at=pair.found_at, contacts=[to_contact(c) for c in ordered]
                )
            )
    return DuplicatePage(items=items, next_cursor=next_cursor)
