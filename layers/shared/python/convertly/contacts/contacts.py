"""Contact use cases: create, read, list and search, update, soft delete and restore.

A contact's person fields (name, email, phone, country, company) are copied onto each of its leads,
so a board card or a lead list shows them without reading contacts: an edit writes the contact and
its leads in one transaction (a contact with many leads continues in further transactions of a
bounded size, see convertly.leads.service.sync_person).
"""

from __future__ import annotations

from typing import Any

from convertly.accounts import service as accounts
from convertly.contacts import keys
from convertly.contacts import store as repo
from convertly.contacts.domain import (
    Contact,
    ContactCreate,
    ContactDetail,
    ContactFilters,
    ContactLead,
    ContactPage,
    ContactUpdate,
)
from convertly.contacts.items import CompanyItem, ContactItem, LeadLinkItem
from convertly.contacts.writes import (
    add_new_contact,
    contact_fields,
    contact_terms,
    deletion_writes,
    join_company,
    leave_company,
    move_lead_links,
    pair_writes,
    person_snapshot,
    put_contact,
    retarget_search,
)
from convertly.fields import service as fields
from convertly.leads import service as leads
from convertly.permissions import Permission
from convertly.platform.changelog import record_change
from convertly.platform.clock import iso, new_id
from convertly.platform.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.money import from_cents
from convertly.platform.principal import Principal
from convertly.platform.store.items import plain
from convertly.platform.store.transaction import Transaction, TransactionCancelledError
from convertly.platform.terms import query_prefix

MAX_PAGE = 100
MIN_SEARCH = 3
EDITABLE = (
    "first_name",
    "last_name",
    "email",
    "emails",
    "phone",
    "phones",
    "country",
    "company_id",
    "role",
    "owner_id",
    "source",
    "tags",
    "custom_fields",
    "consent",
    "address",
    "website",
    "time_zone",
    "active",
    "test",
)
_MAPS = ("custom_fields", "consent", "address")


def to_contact(item: ContactItem) -> Contact:
    return Contact(**contact_fields(item))


def _name(principal: Principal) -> str | None:
    return principal.name or principal.email or None


def may_see_all(principal: Principal) -> bool:
    return principal.can(Permission.CONTACTS_READ_ALL)


def _event(principal: Principal, detail_type: str, contact: ContactItem, **data: Any) -> DomainEvent:
    return DomainEvent(
        detail_type=detail_type,
        tenant_id=principal.tenant_id,
        actor_id=principal.user_id,
        subject_id=contact.contact_id,
        data={"contact": contact_fields(contact), **data},
    )


def _not_found() -> NotFoundError:
    return NotFoundError("No such contact", code="contact_not_found")


def visible_contact(principal: Principal, contact_id: str) -> tuple[ContactItem, list[LeadLinkItem]]:
    """The contact and its lead links, if the caller may see it: everyone with CONTACTS_READ_ALL; a
    Sales user the contacts they own and the contacts of leads they own."""
    contact, links = repo.get_contact_with_leads(principal.tenant_id, contact_id)
    if contact is None:
        raise _not_found()
    if may_see_all(principal) or contact.owner_id == principal.user_id:
        return contact, links
    owned = leads.batch_get_leads(principal.tenant_id, [link.lead_id for link in links])
    if any(lead.owner_id == principal.user_id for lead in owned.values()):
        return contact, links
    raise ForbiddenError("This contact belongs to someone else", code="not_contact_owner")


def _check_owner(principal: Principal, owner_id: str | None) -> None:
    if not may_see_all(principal) and owner_id not in (None, principal.user_id):
        raise ForbiddenError("You can only give contacts to yourself", code="forbidden_owner")


def _company(principal: Principal, company_id: str | None) -> CompanyItem | None:
    if not company_id:
        return None
    company = repo.get_company(principal.tenant_id, company_id)
    if company is None or company.deleted_at:
        raise ValidationError("Some fields are not valid", fields={"company_id": "no such company"})
    return company


def create_contact(principal: Principal, request: ContactCreate) -> Contact:
    _check_owner(principal, request.owner_id)
    owner_id = request.owner_id or (None if may_see_all(principal) else principal.user_id)
    company = _company(principal, request.company_id)
    at, contact_id = iso(), new_id()
    contact = ContactItem(
        keys.contact(principal.tenant_id, contact_id),
        keys.CONTACT_SK,
        contact_id=contact_id,
        tenant_id=principal.tenant_id,
        first_name=request.first_name or "",
        last_name=request.last_name or "",
        email=request.email,
        emails=request.emails or [],
        phone=request.phone,
        phones=request.phones or [],
        country=request.country,
        company_id=company.company_id if company else None,
        company_name=company.name if company else None,
        role=request.role or "Lead",
        owner_id=owner_id,
        source=request.source or "manual",
        tags=request.tags or [],
        custom_fields=fields.validate_custom_fields(
            principal.tenant_id, "contact", dict(request.custom_fields or {}), creating=True
        ),
        consent=request.consent.model_dump() if request.consent else {},
        address=request.address.model_dump(exclude_none=True) if request.address else {},
        website=request.website,
        time_zone=request.time_zone,
        active=True if request.active is None else request.active,
        test=bool(request.test),
        lead_count=0,
        created_at=at,
        created_by=principal.user_id,
        updated_at=at,
    )
    contact.search_terms = contact_terms(contact)  # type: ignore[assignment]
    repo.apply_contact_keys(contact)
    tx = Transaction()
    add_new_contact(tx, contact)
    pair_writes(tx, contact)
    fields.tag_writes(
        tx, principal.tenant_id, "contact", contact_id, [], [str(t) for t in contact.tags or []]
    )
    if owner_id:
        accounts.check_user_exists(tx, "owner", principal.tenant_id, owner_id)
    event = _event(principal, "ContactCreated", contact)
    record_change(tx, contact.PK, event, "created", actor_name=_name(principal))
    try:
        tx.commit()
    except TransactionCancelledError as error:
        _raise_for(error.failed, contact)
    return to_contact(contact)


def _raise_for(failed: list[str], contact: ContactItem) -> None:
    if "owner" in failed:
        raise ValidationError(
            "Some fields are not valid", fields={"owner_id": "no such user in this account"}
        )
    if "company" in failed:
        raise ValidationError("Some fields are not valid", fields={"company_id": "no such company"})
    raise stale_version(repo.get_contact(contact.tenant_id, contact.contact_id))


def stale_version(current: ContactItem | None) -> ConflictError:
    details = {"contact": contact_fields(current)} if current is not None else None
    return ConflictError(
        "Someone else changed this contact: reload it", code="stale_version", details=details
    )


def get_contact(principal: Principal, contact_id: str) -> ContactDetail:
    contact, links = visible_contact(principal, contact_id)
    found = leads.batch_get_leads(principal.tenant_id, [link.lead_id for link in links])
    rows = [
        ContactLead(
            lead_id=lead.lead_id,
            name=leads.display_name(lead),
            pipeline_id=lead.pipeline_id,
            stage_id=lead.stage_id,
            value=float(from_cents(lead.value)),
            currency=lead.currency,
            owner_id=lead.owner_id,
            created_at=lead.created_at,
            deleted_at=lead.deleted_at,
        )
        for lead in (found[link.lead_id] for link in links if link.lead_id in found)
        if leads.may_see_all(principal) or lead.owner_id == principal.user_id
    ]
    return ContactDetail(**contact_fields(contact), leads=rows)


_SORT_INDEX = {"created": "GSI1", "name": "GSI4", "updated": "GSI5"}


def list_contacts(
    principal: Principal, filters: ContactFilters, cursor: str | None, limit: int
) -> ContactPage:
    """One page of contacts: the role, the owner, the deleted list or the sort each name one index;
    a page reads the page (plus one), whatever the tenant's size."""
    limit = max(1, min(limit, MAX_PAGE))
    tenant = principal.tenant_id
    if not may_see_all(principal):
        if filters.owner_id not in (None, principal.user_id):
            raise ForbiddenError("You can only list your own contacts", code="forbidden_owner")
        filters = filters.model_copy(update={"owner_id": principal.user_id})
    if filters.q is not None and filters.q.strip():
        return _search(principal, filters, cursor, limit)
    if filters.deleted and (filters.role or filters.owner_id):
        raise ValidationError(
            "The deleted list takes no role or owner", fields={"deleted": "list deleted contacts alone"}
        )
    owner_role = None  # an owner's contacts with a role: the owner's index, the role filtered within it
    if filters.owner_id and filters.role:
        owner_role = ContactItem.role == filters.role
    if filters.deleted:
        index, partition = "GSI1", keys.contacts_index(tenant, deleted=True)
    elif filters.owner_id:
        index, partition = "GSI3", keys.owner_index(tenant, filters.owner_id)
    elif filters.role:
        index, partition = "GSI2", keys.role_index(tenant, filters.role)
    else:
        index = _SORT_INDEX[filters.sort]
        partition = {
            "GSI1": keys.contacts_index(tenant),
            "GSI4": keys.name_index(tenant),
            "GSI5": keys.updated_index(tenant),
        }[index]
    forward = index == "GSI4"  # names A to Z; dates newest first
    items, next_cursor = repo.query_index(
        ContactItem, index, partition, limit, cursor, forward=forward, filter_condition=owner_role
    )
    return ContactPage(
        items=[to_contact(i) for i in items if isinstance(i, ContactItem)], next_cursor=next_cursor
    )


def _search(principal: Principal, filters: ContactFilters, cursor: str | None, limit: int) -> ContactPage:
    prefix = query_prefix(filters.q or "")
    if len(prefix) < MIN_SEARCH:
        raise ValidationError(
            "Type at least 3 characters to search", fields={"q": "type at least 3 characters"}
        )
    ids, next_cursor = repo.search_ids(keys.contact_search(principal.tenant_id), prefix, limit, cursor)
    found = repo.batch_get_contacts(principal.tenant_id, ids)
    items = [
        found[i]
        for i in ids
        if i in found
        and bool(found[i].deleted_at) == filters.deleted
        and filters.role in (None, found[i].role)
        and filters.owner_id in (None, found[i].owner_id)
    ]
    return ContactPage(items=[to_contact(i) for i in items], next_cursor=next_cursor)


def _changes(contact: ContactItem, request: ContactUpdate) -> dict[str, tuple[Any, Any]]:
    changes: dict[str, tuple[Any, Any]] = {}
    for field in request.model_fields_set & set(EDITABLE):
        new: Any = getattr(request, field)
        if field == "consent":
            new = new.model_dump() if new is not None else {}
        elif field == "address":
            new = new.model_dump(exclude_none=True) if new is not None else {}
        elif field in ("emails", "phones", "tags"):
            new = list(new or [])
        elif field == "custom_fields":
            new = dict(new or {})
        elif field == "role" and new is None:
            new = "Lead"
        elif field in ("active", "test") and new is None:
            continue
        old = getattr(contact, field)
        old = (
            plain(old)
            if field in _MAPS
            else (list(old or []) if field in ("emails", "phones", "tags") else old)
        )
        if old != new:
            changes[field] = (old, new)
    return changes


def update_contact(principal: Principal, contact_id: str, request: ContactUpdate) -> Contact:
    contact, links = visible_contact(principal, contact_id)
    if contact.deleted_at:
        raise ConflictError("This contact is deleted: restore it first", code="contact_deleted")
    if request.version != contact.version:
        raise stale_version(contact)
    if request.custom_fields is not None:
        request.custom_fields = fields.validate_custom_fields(
            principal.tenant_id, "contact", dict(request.custom_fields), creating=False
        )
    changes = _changes(contact, request)
    if "owner_id" in changes:
        _check_owner(principal, changes["owner_id"][1])
    if not changes:
        return to_contact(contact)
    edit(principal, contact, changes, links)
    return to_contact(contact)


def edit(
    principal: Principal,
    contact: ContactItem,
    changes: dict[str, tuple[Any, Any]],
    links: list[LeadLinkItem],
    tx: Transaction | None = None,
    *,
    skip_lead: str | None = None,
) -> None:
    """Apply `changes` (field: (old, new)) to the contact with its search terms, its company links and
    its ContactUpdated event, and, when a person field changed, to its leads' copy of them (except
    `skip_lead`, which the caller writes itself in `tx`). Commits `tx`."""
    tx = tx or Transaction()
    before = person_snapshot(contact)
    old_terms = [str(t) for t in contact.search_terms or []]
    new_company = _company(principal, changes["company_id"][1]) if "company_id" in changes else None
    for field, (_, new) in changes.items():
        setattr(contact, field, new)
    if "company_id" in changes:
        old_company, _ = changes["company_id"]
        contact.company_name = new_company.name if new_company else None
        if old_company:
            leave_company(tx, contact.tenant_id, old_company, contact.contact_id)
        if new_company:
            join_company(tx, contact.tenant_id, new_company.company_id, contact.contact_id, iso())
        move_lead_links(tx, contact, links, old_company, new_company.company_id if new_company else None)
    contact.updated_at = iso()
    contact.search_terms = contact_terms(contact)  # type: ignore[assignment]
    repo.apply_contact_keys(contact)
    put_contact(tx, "contact", contact)
    partition = keys.contact_search(contact.tenant_id)
    retarget_search(
        tx, partition, contact.contact_id, old_terms, [str(t) for t in contact.search_terms or []]
    )
    new_owner = changes.get("owner_id", (None, None))[1]
    if new_owner:
        accounts.check_user_exists(tx, "owner", principal.tenant_id, new_owner)
    if {"email", "emails", "phone", "phones"} & changes.keys():
        pair_writes(tx, contact)
    if "tags" in changes:
        old_tags, new_tags = changes["tags"]
        fields.tag_writes(
            tx, principal.tenant_id, "contact", contact.contact_id, list(old_tags), list(new_tags)
        )
    changed = {field: {"from": old, "to": new} for field, (old, new) in changes.items()}
    event = _event(principal, "ContactUpdated", contact, changes=changed)
    record_change(tx, contact.PK, event, "updated", actor_name=_name(principal), changes=changed)
    snapshot = person_snapshot(contact)
    others = [link.lead_id for link in links if link.lead_id != skip_lead]
    try:
        if snapshot != before and others:
            leads.sync_person(tx, principal.tenant_id, others, snapshot)
        else:
            tx.commit()
    except TransactionCancelledError as error:
        _raise_for(error.failed, contact)


def delete_contact(principal: Principal, contact_id: str) -> Contact:
    """Soft delete: the contact leaves every list but stays restorable; its leads stay."""
    contact, _ = visible_contact(principal, contact_id)
    if contact.deleted_at:
        return to_contact(contact)
    return _set_deleted(principal, contact, iso(), "ContactDeleted")


def restore_contact(principal: Principal, contact_id: str) -> Contact:
    contact, _ = visible_contact(principal, contact_id)
    if not contact.deleted_at:
        return to_contact(contact)
    return _set_deleted(principal, contact, None, "ContactRestored")


def _set_deleted(principal: Principal, contact: ContactItem, deleted_at: str | None, event: str) -> Contact:
    contact.deleted_at = deleted_at
    contact.updated_at = iso()
    repo.apply_contact_keys(contact)
    tx = Transaction()
    deletion_writes(
        tx, contact, "contact", contact.contact_id, _event(principal, event, contact), _name(principal)
    )
    try:
        tx.commit()
    except TransactionCancelledError as error:
        _raise_for(error.failed, contact)
    return to_contact(contact)
