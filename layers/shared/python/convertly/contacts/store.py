"""Contact and company data access: their partitions, the list indexes and search."""

from __future__ import annotations

from collections.abc import Iterable

from pynamodb.expressions.condition import Condition

from convertly.contacts import keys
from convertly.contacts.items import (
    CompanyItem,
    ContactItem,
    ContactLinkItem,
    ContactSearchItem,
    LeadLinkItem,
)
from convertly.platform.store.items import Item, load_every_kind
from convertly.platform.store.paging import decode_cursor, dynamo_key, encode_cursor, query_page
from convertly.platform.terms import fold

INDEXES = {
    "GSI1": ContactItem.gsi1,
    "GSI2": ContactItem.gsi2,
    "GSI3": ContactItem.gsi3,
    "GSI4": ContactItem.gsi4,
    "GSI5": ContactItem.gsi5,
}


def contact_display_name(first_name: str, last_name: str, email: str | None, phone: str | None) -> str:
    """First and last name, else the email, else the phone."""
    named = " ".join(part for part in (first_name, last_name) if part)
    return named or email or phone or ""


def name_sort(name: str, record_id: str) -> str:
    return f"{fold(name)[:80]}#{record_id}"


def apply_contact_keys(contact: ContactItem) -> None:
    """Set the contact's list keys from its state. A deleted contact is only in the deleted list."""
    tenant, live = contact.tenant_id, not contact.deleted_at
    created = keys.sort(contact.created_at, contact.contact_id)
    contact.GSI1PK, contact.GSI1SK = keys.contacts_index(tenant, deleted=not live), created
    contact.GSI2PK = keys.role_index(tenant, contact.role) if live else None
    contact.GSI2SK = created if live else None
    owned = live and bool(contact.owner_id)
    contact.GSI3PK = keys.owner_index(tenant, str(contact.owner_id)) if owned else None
    contact.GSI3SK = created if owned else None
    name = contact_display_name(contact.first_name, contact.last_name, contact.email, contact.phone)
    contact.GSI4PK = keys.name_index(tenant) if live else None
    contact.GSI4SK = name_sort(name, contact.contact_id) if live else None
    contact.GSI5PK = keys.updated_index(tenant) if live else None
    contact.GSI5SK = keys.sort(contact.updated_at, contact.contact_id) if live else None


def apply_company_keys(company: CompanyItem) -> None:
    tenant, live = company.tenant_id, not company.deleted_at
    company.GSI1PK = keys.companies_index(tenant, deleted=not live)
    company.GSI1SK = keys.sort(company.created_at, company.company_id)
    company.GSI4PK = keys.company_name_index(tenant) if live else None
    company.GSI4SK = name_sort(company.name, company.company_id) if live else None


def get_contact(tenant_id: str, contact_id: str) -> ContactItem | None:
    try:
        return ContactItem.get(keys.contact(tenant_id, contact_id), keys.CONTACT_SK, consistent_read=True)
    except ContactItem.DoesNotExist:
        return None


def get_contact_with_leads(tenant_id: str, contact_id: str) -> tuple[ContactItem | None, list[LeadLinkItem]]:
    """The contact and the links to its leads, newest first, in one Query (the SK range holds only
    those two kinds: `CONTACT` sorts just before `LEAD#`)."""
    load_every_kind()
    contact: ContactItem | None = None
    links: list[LeadLinkItem] = []
    for item in Item.query(
        keys.contact(tenant_id, contact_id),
        Item.SK.between(keys.CONTACT_SK, "LEAD#\uffff"),
        consistent_read=True,
    ):
        if isinstance(item, ContactItem):
            contact = item
        elif isinstance(item, LeadLinkItem):
            links.append(item)
    links.sort(key=lambda link: (link.created_at, link.lead_id), reverse=True)
    return contact, links


def get_company(tenant_id: str, company_id: str) -> CompanyItem | None:
    try:
        return CompanyItem.get(keys.company(tenant_id, company_id), keys.COMPANY_SK, consistent_read=True)
    except CompanyItem.DoesNotExist:
        return None


def get_company_partition(
    tenant_id: str, company_id: str
) -> tuple[CompanyItem | None, list[ContactLinkItem], list[LeadLinkItem]]:
    """The company, the links to its contacts and to their leads (newest first), in one Query."""
    load_every_kind()
    company: CompanyItem | None = None
    contacts: list[ContactLinkItem] = []
    leads: list[LeadLinkItem] = []
    for item in Item.query(keys.company(tenant_id, company_id), consistent_read=True):
        if isinstance(item, CompanyItem):
            company = item
        elif isinstance(item, ContactLinkItem):
            contacts.append(item)
        elif isinstance(item, LeadLinkItem):
            leads.append(item)
    leads.sort(key=lambda link: (link.created_at, link.lead_id), reverse=True)
    return company, contacts, leads


def batch_get_contacts(
    tenant_id: str, contact_ids: Iterable[str], *, consistent: bool = False
) -> dict[str, ContactItem]:
    wanted = [(keys.contact(tenant_id, c), keys.CONTACT_SK) for c in dict.fromkeys(contact_ids)]
    return {item.contact_id: item for item in ContactItem.batch_get(wanted, consistent_read=consistent)}


def batch_get_companies(
    tenant_id: str, company_ids: Iterable[str], *, consistent: bool = False
) -> dict[str, CompanyItem]:
    wanted = [(keys.company(tenant_id, c), keys.COMPANY_SK) for c in dict.fromkeys(company_ids)]
    return {item.company_id: item for item in CompanyItem.batch_get(wanted, consistent_read=consistent)}


def query_index(
    model: type[ContactItem] | type[CompanyItem],
    index: str,
    hash_key: str,
    limit: int,
    cursor: str | None,
    *,
    forward: bool = False,
    filter_condition: Condition | None = None,
) -> tuple[list[Item], str | None]:
    """One page of contacts (or companies) from a list index, filtered within its partition."""
    return query_page(
        getattr(model, index.lower()),
        hash_key,
        limit=limit,
        cursor=cursor,
        forward=forward,
        filter_condition=filter_condition,
        index_keys=(f"{index}PK", f"{index}SK"),
    )


def search_item(
    partition: str, term: str, record_id: str, terms: list[str], card: str | None = None
) -> ContactSearchItem:
    return ContactSearchItem(partition, f"{term}#{record_id}", record_id=record_id, terms=terms, card=card)


def search_ids(partition: str, prefix: str, limit: int, cursor: str | None) -> tuple[list[str], str | None]:
    """Record ids with a term starting with `prefix`, in term order, each record once (at its first
    matching term)."""
    start = decode_cursor(cursor, {"PK": partition}) if cursor else None
    ids: list[str] = []
    last_sk: str | None = None
    query = ContactSearchItem.query(
        partition,
        ContactSearchItem.SK.startswith(prefix),
        page_size=min(100, limit * 2 + 1),
        last_evaluated_key=dynamo_key(start) if start else None,
    )
    for item in query:
        term = item.SK.removesuffix(f"#{item.record_id}")
        matching = [str(t) for t in item.terms or () if str(t).startswith(prefix)]
        if (not matching or term == min(matching)) and item.record_id not in ids:
            if len(ids) == limit:
                break
            ids.append(item.record_id)
        last_sk = item.SK
    else:
        last_sk = None
    return ids, encode_cursor({"PK": partition, "SK": last_sk}) if last_sk else None


def entries_with_term(
    partition: str, term: str, limit: int = 5, *, consistent: bool = False
) -> list[ContactSearchItem]:
    """The newest records' entries for exactly `term` (an email, phone digits, a name), one each."""
    found: dict[str, ContactSearchItem] = {}
    for item in ContactSearchItem.query(
        partition,
        ContactSearchItem.SK.startswith(f"{term}#"),
        scan_index_forward=False,
        limit=limit,
        consistent_read=consistent,
    ):
        if item.SK.rsplit("#", 1)[0] == term:
            found.setdefault(item.record_id, item)
    return list(found.values())


def ids_with_term(partition: str, term: str, limit: int = 5, *, consistent: bool = False) -> list[str]:
    """The newest records whose terms include exactly `term`."""
    return [entry.record_id for entry in entries_with_term(partition, term, limit, consistent=consistent)]
