"""Company use cases: create, read with its contacts and their leads, list and search, update, soft
delete and restore. A company's name is copied onto its contacts (and so onto their leads); a rename
writes them in bounded transactions."""

from __future__ import annotations

from typing import Any

from convertly.accounts import service as accounts
from convertly.contacts import keys
from convertly.contacts import store as repo
from convertly.contacts.contacts import edit, may_see_all, to_contact
from convertly.contacts.domain import (
    Company,
    CompanyCreate,
    CompanyDetail,
    CompanyPage,
    CompanyUpdate,
    ContactLead,
)
from convertly.contacts.items import CompanyItem, ContactItem
from convertly.contacts.writes import (
    add_new_company,
    company_fields,
    company_terms,
    deletion_writes,
    new_company_item,
    retarget_search,
)
from convertly.fields import service as fields
from convertly.leads import service as leads
from convertly.platform.changelog import record_change
from convertly.platform.clock import iso
from convertly.platform.errors import ConflictError, NotFoundError, ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.money import from_cents
from convertly.platform.principal import Principal
from convertly.platform.store.items import plain
from convertly.platform.store.transaction import Transaction, TransactionCancelledError
from convertly.platform.terms import query_prefix

MAX_PAGE = 100
MIN_SEARCH = 3
EDITABLE = (
    "name",
    "domain",
    "phone",
    "website",
    "address",
    "tags",
    "custom_fields",
    "primary_contact_id",
    "owner_id",
)
# Contacts renamed per transaction when their company is: each takes the contact and its search terms.
RENAME_BATCH = 8


def _name(principal: Principal) -> str | None:
    return principal.name or principal.email or None


def to_company(item: CompanyItem) -> Company:
    return Company(**company_fields(item))


def _event(principal: Principal, detail_type: str, company: CompanyItem, **data: Any) -> DomainEvent:
    return DomainEvent(
        detail_type=detail_type,
        tenant_id=principal.tenant_id,
        actor_id=principal.user_id,
        subject_id=company.company_id,
        data={"company": company_fields(company), **data},
    )


def _company(principal: Principal, company_id: str) -> CompanyItem:
    company = repo.get_company(principal.tenant_id, company_id)
    if company is None:
        raise NotFoundError("No such company", code="company_not_found")
    return company


def _check_primary(principal: Principal, company_id: str, contact_id: str | None) -> None:
    if not contact_id:
        return
    contact = repo.get_contact(principal.tenant_id, contact_id)
    if contact is None or contact.deleted_at or contact.company_id != company_id:
        raise ValidationError(
            "Some fields are not valid", fields={"primary_contact_id": "pick one of the company's contacts"}
        )


def create_company(principal: Principal, request: CompanyCreate) -> Company:
    company = new_company_item(
        principal.tenant_id,
        request.name,
        iso(),
        principal.user_id,
        domain=request.domain,
        phone=request.phone,
        website=request.website,
        address=request.address.model_dump(exclude_none=True) if request.address else {},
        tags=request.tags or [],
        custom_fields=fields.validate_custom_fields(
            principal.tenant_id, "company", dict(request.custom_fields or {}), creating=True
        ),
        owner_id=request.owner_id,
    )
    if request.primary_contact_id:
        raise ValidationError(
            "Some fields are not valid",
            fields={"primary_contact_id": "add the contact to the company first, then make it primary"},
        )
    tx = Transaction()
    add_new_company(tx, company)
    fields.tag_writes(tx, principal.tenant_id, "company", company.company_id, [], list(request.tags or []))
    if request.owner_id:
        accounts.check_user_exists(tx, "owner", principal.tenant_id, request.owner_id)
    record_change(
        tx, company.PK, _event(principal, "CompanyCreated", company), "created", actor_name=_name(principal)
    )
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "owner" in error.failed:
            raise ValidationError(
                "Some fields are not valid", fields={"owner_id": "no such user in this account"}
            ) from error
        raise
    return to_company(company)


def get_company(principal: Principal, company_id: str) -> CompanyDetail:
    company, contact_links, lead_links = repo.get_company_partition(principal.tenant_id, company_id)
    if company is None:
        raise NotFoundError("No such company", code="company_not_found")
    contacts = repo.batch_get_contacts(principal.tenant_id, [link.contact_id for link in contact_links])
    visible = [
        c
        for c in contacts.values()
        if not c.deleted_at and (may_see_all(principal) or c.owner_id == principal.user_id)
    ]
    visible.sort(key=lambda c: (c.first_name + " " + c.last_name).strip().lower() or (c.email or ""))
    found = leads.batch_get_leads(principal.tenant_id, [link.lead_id for link in lead_links[:100]])
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
        for lead in (found[link.lead_id] for link in lead_links if link.lead_id in found)
        if leads.may_see_all(principal) or lead.owner_id == principal.user_id
    ]
    return CompanyDetail(**company_fields(company), contacts=[to_contact(c) for c in visible], leads=rows)


def list_companies(
    principal: Principal, q: str | None, deleted: bool, sort: str, cursor: str | None, limit: int
) -> CompanyPage:
    limit = max(1, min(limit, MAX_PAGE))
    tenant = principal.tenant_id
    if q is not None and q.strip():
        prefix = query_prefix(q)
        if len(prefix) < MIN_SEARCH:
            raise ValidationError(
                "Type at least 3 characters to search", fields={"q": "type at least 3 characters"}
            )
        ids, next_cursor = repo.search_ids(keys.company_search(tenant), prefix, limit, cursor)
        found = repo.batch_get_companies(tenant, ids)
        items = [found[i] for i in ids if i in found and bool(found[i].deleted_at) == deleted]
        return CompanyPage(items=[to_company(i) for i in items], next_cursor=next_cursor)
    if deleted:
        index, partition, forward = "GSI1", keys.companies_index(tenant, deleted=True), False
    elif sort == "created":
        index, partition, forward = "GSI1", keys.companies_index(tenant), False
    else:
        index, partition, forward = "GSI4", keys.company_name_index(tenant), True
    page, next_cursor = repo.query_index(CompanyItem, index, partition, limit, cursor, forward=forward)
    return CompanyPage(
        items=[to_company(i) for i in page if isinstance(i, CompanyItem)], next_cursor=next_cursor
    )


def _changes(company: CompanyItem, request: CompanyUpdate) -> dict[str, tuple[Any, Any]]:
    changes: dict[str, tuple[Any, Any]] = {}
    for field in request.model_fields_set & set(EDITABLE):
        new: Any = getattr(request, field)
        if field == "name" and new is None:
            continue
        if field == "address":
            new = new.model_dump(exclude_none=True) if new is not None else {}
        elif field == "tags":
            new = list(new or [])
        elif field == "custom_fields":
            new = dict(new or {})
        old = getattr(company, field)
        old = (
            plain(old)
            if field in ("address", "custom_fields")
            else (list(old or []) if field == "tags" else old)
        )
        if old != new:
            changes[field] = (old, new)
    return changes


def update_company(principal: Principal, company_id: str, request: CompanyUpdate) -> Company:
    company, contact_links, _ = repo.get_company_partition(principal.tenant_id, company_id)
    if company is None:
        raise NotFoundError("No such company", code="company_not_found")
    if company.deleted_at:
        raise ConflictError("This company is deleted: restore it first", code="company_deleted")
    if request.version != company.version:
        raise _stale(company)
    if request.custom_fields is not None:
        request.custom_fields = fields.validate_custom_fields(
            principal.tenant_id, "company", dict(request.custom_fields), creating=False
        )
    changes = _changes(company, request)
    if "primary_contact_id" in changes:
        _check_primary(principal, company_id, changes["primary_contact_id"][1])
    if not changes:
        return to_company(company)
    save_changes(principal, company, changes)
    if "name" in changes:
        _rename_contacts(principal, company, [link.contact_id for link in contact_links])
    return to_company(company)


def save_changes(principal: Principal, company: CompanyItem, changes: dict[str, tuple[Any, Any]]) -> None:
    """Write the company's `changes` (field: (old, new)) with its search terms, tags, log entry and
    event, on the condition of the version it was read at."""
    old_terms = [str(t) for t in company.search_terms or []]
    for field, (_, new) in changes.items():
        setattr(company, field, new)
    company.updated_at = iso()
    company.search_terms = company_terms(company)  # type: ignore[assignment]
    repo.apply_company_keys(company)
    tx = Transaction()
    tx.put("company", company)
    new_terms = [str(t) for t in company.search_terms or []]
    retarget_search(tx, keys.company_search(company.tenant_id), company.company_id, old_terms, new_terms)
    new_owner = changes.get("owner_id", (None, None))[1]
    if new_owner:
        accounts.check_user_exists(tx, "owner", principal.tenant_id, new_owner)
    if "tags" in changes:
        old_tags, new_tags = changes["tags"]
        fields.tag_writes(
            tx, principal.tenant_id, "company", company.company_id, list(old_tags), list(new_tags)
        )
    changed = {field: {"from": old, "to": new} for field, (old, new) in changes.items()}
    event = _event(principal, "CompanyUpdated", company, changes=changed)
    record_change(tx, company.PK, event, "updated", actor_name=_name(principal), changes=changed)
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "owner" in error.failed:
            raise ValidationError(
                "Some fields are not valid", fields={"owner_id": "no such user in this account"}
            ) from error
        raise _stale(repo.get_company(principal.tenant_id, company.company_id)) from error


def _rename_contacts(principal: Principal, company: CompanyItem, contact_ids: list[str]) -> None:
    """Carry the company's new name to its contacts and their leads, a bounded batch at a time; each
    write only sets the name, so running it again (a retry) changes nothing more."""
    found = repo.batch_get_contacts(principal.tenant_id, contact_ids, consistent=True)
    for contact in found.values():
        if contact.company_id != company.company_id or contact.company_name == company.name:
            continue
        _rename_one(principal, contact, company.name)


def _rename_one(principal: Principal, contact: ContactItem, name: str) -> None:
    """The contact's edit carries the name on to its leads."""
    _, links = repo.get_contact_with_leads(principal.tenant_id, contact.contact_id)
    edit(principal, contact, {"company_name": (contact.company_name, name)}, links)


def _stale(current: CompanyItem | None) -> ConflictError:
    details = {"company": company_fields(current)} if current is not None else None
    return ConflictError(
        "Someone else changed this company: reload it", code="stale_version", details=details
    )


def delete_company(principal: Principal, company_id: str) -> Company:
    company = _company(principal, company_id)
    if company.deleted_at:
        return to_company(company)
    return _set_deleted(principal, company, iso(), "CompanyDeleted")


def restore_company(principal: Principal, company_id: str) -> Company:
    company = _company(principal, company_id)
    if not company.deleted_at:
        return to_company(company)
    return _set_deleted(principal, company, None, "CompanyRestored")


def _set_deleted(principal: Principal, company: CompanyItem, deleted_at: str | None, event: str) -> Company:
    company.deleted_at = deleted_at
    company.updated_at = iso()
    repo.apply_company_keys(company)
    tx = Transaction()
    deletion_writes(
        tx, company, "company", company.company_id, _event(principal, event, company), _name(principal)
    )
    try:
        tx.commit()
    except TransactionCancelledError as error:
        raise _stale(repo.get_company(principal.tenant_id, company.company_id)) from error
    return to_company(company)
