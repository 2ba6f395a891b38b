"""Contacts, smart list members and leads from before contacts, written straight to the table.

Through the API a tenant of 100,000 contacts would take hours in moto, so the items are built with
the code that builds them for the API (`convertly.contacts.writes.new_contact`, `contact_terms`,
`convertly.contacts.store.apply_contact_keys` and `search_item`; `convertly.leads.service.
apply_index_keys` for leads) and written 25 to a BatchWriteItem call, as bench/board.py writes its
leads. What a read of the measured patterns never touches is left out: change-log entries,
duplicate pairs (every seeded email and phone is unique), stage counters, the leads' search entries.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bench.scenarios import _FIRST, _LAST, lead_body
from bench.seeding import BATCH_WRITE_MAX

COMPANIES = 50
WITH_COMPANY = 0.30  # of contacts (and of backfilled leads) carry one of the COMPANIES
REPEAT = 0.15  # of backfilled leads share an email with an earlier lead
VIP_TAG = "vip"
_SOURCES = ("google_ads", "meta_ads", "organic_search", "referral", "form")
_SPAN = timedelta(days=730)  # contacts are created over the last two years


class Writer:
    """BatchWriteItem, 25 items a call, retrying what comes back unprocessed (outside any meter)."""

    def __init__(self, client: Any, table: str) -> None:
        self.client, self.table = client, table
        self.items = 0

    def write(self, items: Iterable[dict[str, Any]]) -> None:
        chunk: list[dict[str, Any]] = []
        for item in items:
            chunk.append({"PutRequest": {"Item": item}})
            if len(chunk) == BATCH_WRITE_MAX:
                self._send(chunk)
                chunk = []
        if chunk:
            self._send(chunk)

    def _send(self, requests: list[dict[str, Any]]) -> None:
        self.items += len(requests)
        while requests:
            answer = self.client.batch_write_item(RequestItems={self.table: requests})
            requests = answer.get("UnprocessedItems", {}).get(self.table, [])


def company_name(n: int) -> str:
    return f"{_LAST[n % len(_LAST)]} {('Roofing', 'Builders', 'Homes')[n % 3]} {n}"


@dataclass
class SeededContacts:
    """What was written for one tenant, and what the measured patterns should find."""

    count: int
    vip: list[Any] = field(default_factory=list)  # the contacts the VIP list holds (ContactItem)
    roles: Counter[str] = field(default_factory=Counter)
    owned: int = 0  # by the Admin


def _contact(tenant_id: str, admin_id: str, n: int, count: int, companies: list[Any], now: datetime) -> Any:
    from convertly.contacts.store import apply_contact_keys
    from convertly.contacts.writes import contact_terms, new_contact
    from convertly.platform.clock import iso

    first, last = _FIRST[n % len(_FIRST)], _LAST[(n // len(_FIRST)) % len(_LAST)]
    created = now - _SPAN + _SPAN * (n + 1) / (count + 1)
    person = {
        "first_name": first,
        "last_name": last,
        "email": f"{first}.{last}{n}@example.test".lower(),
        "phone": f"+1 415 {2_000_000 + n:07d}",
        "country": "US",
    }
    company = companies[(n // 10) % COMPANIES] if n % 10 < WITH_COMPANY * 10 else None
    contact = new_contact(
        tenant_id,
        person,
        at=iso(created),
        actor=admin_id,
        owner_id=admin_id if n % 4 == 3 else None,
        source=_SOURCES[n % len(_SOURCES)],
        company=company,
    )
    contact.role = "Lead" if n % 20 < 12 else "Prospect" if n % 20 < 17 else "Client"
    tags = [t for t, on in ((VIP_TAG, n % 10 == 3), ("newsletter", n % 3 == 0)) if on]
    contact.tags = tags  # type: ignore[assignment]
    # Edited at some point since: the updated list orders them differently from the created one.
    contact.updated_at = iso(min(now, created + timedelta(seconds=(n * 7919) % 2_592_000)))
    contact.version = 1
    contact.search_terms = contact_terms(contact)  # type: ignore[assignment]
    apply_contact_keys(contact)
    return contact


def _contact_items(contact: Any) -> list[dict[str, Any]]:
    """The contact, its search entries, its tags' index entries and its company's link to it, as the
    API stores them."""
    from convertly.contacts import keys
    from convertly.contacts.items import ContactLinkItem
    from convertly.contacts.store import search_item
    from convertly.fields.tag_index import entry
    from convertly.platform.terms import label_term

    terms = [str(t) for t in contact.search_terms]
    partition = keys.contact_search(contact.tenant_id)
    items = [contact.serialize()]
    items += [search_item(partition, term, contact.contact_id, terms).serialize() for term in terms]
    items += [
        entry(contact.tenant_id, label_term(str(tag)), "contact", contact.contact_id).serialize()
        for tag in contact.tags
    ]
    if contact.company_id:
        link = ContactLinkItem(
            keys.company(contact.tenant_id, contact.company_id),
            keys.contact_link_sk(contact.contact_id),
            company_id=contact.company_id,
            contact_id=contact.contact_id,
            created_at=contact.created_at,
        )
        items.append(link.serialize())
    return items


def _companies(tenant_id: str, admin_id: str, now: datetime) -> list[Any]:
    from convertly.contacts.writes import new_company_item
    from convertly.platform.clock import iso

    companies = [
        new_company_item(tenant_id, company_name(n), iso(now - _SPAN), admin_id) for n in range(COMPANIES)
    ]
    for company in companies:
        company.version = 1
    return companies


def _company_items(companies: list[Any], contacts: Counter[str]) -> list[dict[str, Any]]:
    from convertly.contacts import keys
    from convertly.contacts.store import search_item

    items = []
    for company in companies:
        company.contact_count = contacts[company.company_id]
        terms = [str(t) for t in company.search_terms]
        partition = keys.company_search(company.tenant_id)
        items.append(company.serialize())
        items += [search_item(partition, t, company.company_id, terms).serialize() for t in terms]
    return items


def _tag_items(tenant_id: str, tags: Counter[str], at: str) -> list[dict[str, Any]]:
    """The tag registry: each tag with how many contacts carry it."""
    from convertly.fields.tag_index import registry_ref
    from convertly.platform.terms import label_term

    items = []
    for name, carried in tags.items():
        tag = registry_ref(tenant_id, label_term(name))
        tag.name, tag.created_at, tag.contact_count = name, at, carried
        items.append(tag.serialize())
    return items


def seed_contacts(writer: Writer, tenant_id: str, admin_id: str, count: int, now: datetime) -> SeededContacts:
    """`count` contacts (a tenth tagged VIP, 15% Clients, a quarter the Admin's, 30% at one of 50
    companies), their search entries, the companies with their links and counts, the tags."""
    from convertly.contacts.lists import matches
    from convertly.platform.clock import iso

    vip_filters = vip_list_filters()
    companies = _companies(tenant_id, admin_id, now)
    seeded, per_company, tags, batch = SeededContacts(count), Counter[str](), Counter[str](), []
    for n in range(count):
        contact = _contact(tenant_id, admin_id, n, count, companies, now)
        seeded.roles[contact.role] += 1
        seeded.owned += contact.owner_id == admin_id
        tags.update(str(t) for t in contact.tags)
        if contact.company_id:
            per_company[contact.company_id] += 1
        if matches(vip_filters, contact, []):
            seeded.vip.append(contact)
        batch += _contact_items(contact)
        if len(batch) >= 2_500:
            writer.write(batch)
            batch = []
    writer.write([*batch, *_company_items(companies, per_company), *_tag_items(tenant_id, tags, iso(now))])
    return seeded


def vip_list_filters() -> dict[str, Any]:
    """The saved list's filters as stored (JSON of SmartListFilters), as `lists.matches` reads them."""
    from convertly.contacts.domain import SmartListFilters

    filters: dict[str, Any] = json.loads(SmartListFilters(tags=[VIP_TAG]).model_dump_json())
    return filters


def seed_members(
    writer: Writer, client: Any, table: str, tenant_id: str, list_id: str, members: list[Any]
) -> None:
    """The list's members partition as convertly.contacts.membership writes it (a key item and a
    sorted item per member, and the count), and the list marked built."""
    from convertly.contacts import keys
    from convertly.contacts.items import MemberCountItem, MemberKeyItem, MemberSortItem, SmartListItem
    from convertly.contacts.lists import sort_value
    from convertly.platform.store import keys as platform_keys

    smart_list = SmartListItem.get(platform_keys.tenant(tenant_id), keys.smart_list_sk(list_id))
    partition = keys.members(tenant_id, list_id, int(smart_list.generation))
    items = []
    for contact in members:
        target = keys.member_sort_sk(sort_value(smart_list.sort, contact), contact.contact_id)
        key = MemberKeyItem(partition, keys.member_key_sk(contact.contact_id), contact_id=contact.contact_id)
        key.sort_sk = target
        items.append(key.serialize())
        entry = MemberSortItem(partition, target, contact_id=contact.contact_id, owner_id=contact.owner_id)
        items.append(entry.serialize())
    items.append(MemberCountItem(partition, keys.MEMBER_COUNT_SK, members=len(members)).serialize())
    writer.write(items)
    client.update_item(
        TableName=table,
        Key={"PK": {"S": smart_list.PK}, "SK": {"S": smart_list.SK}},
        UpdateExpression="SET #status = :ready, build_phase = :done REMOVE build_cursor",
        ExpressionAttributeNames={"#status": "status"},
        ExpressionAttributeValues={":ready": {"S": "ready"}, ":done": {"S": "done"}},
    )


# Leads from before contacts ------------------------------------------------------------------------


@dataclass
class OldLeads:
    """What the backfill should make of the seeded leads."""

    count: int
    people: int  # distinct emails: the contacts it should create
    companies: int  # distinct company names on the leads of new contacts: the companies it should create
    repeats: int  # leads sharing an email with an earlier lead


def _old_lead(
    tenant: Any, n: int, person: int, company: str | None, owner: str | None, start: datetime
) -> Any:
    from convertly.leads import service as leads
    from convertly.platform.clock import iso, new_id

    body, lead_id, at = lead_body(n), new_id(), iso(start + timedelta(seconds=60 * n))
    first, last = _FIRST[person % len(_FIRST)], _LAST[(person // len(_FIRST)) % len(_LAST)]
    lead = leads.Lead(
        leads.lead_key(tenant.tenant_id, lead_id),
        leads.LEAD_SK,
        lead_id=lead_id,
        tenant_id=tenant.tenant_id,
        first_name=first,
        last_name=last,
        email=f"{first}.{last}{person}@example.test".lower(),
        phone=f"+1 628 {3_000_000 + person:07d}",
        company=company,
        value=int(body["value"]) * 100,
        currency="USD",
        owner_id=owner,
        source=body["source"],
        tags=body["tags"],
        attribution=body["attribution"],
        pipeline_id=tenant.pipeline_id,
        stage_id=tenant.stage_id,
        stage_entered_at=at,
        created_at=at,
        created_by="import",
        updated_at=at,
        version=1,
    )
    # The terms stay on the lead, as before contacts; their entries are not written (the backfill
    # matches people in the contacts' own search partition and reads none of them).
    lead.search_terms = leads.lead_terms(lead.first_name, lead.last_name, lead.email, lead.phone)  # type: ignore[assignment]
    leads.apply_index_keys(lead)
    return lead


def seed_old_leads(writer: Writer, tenant: Any, admin_id: str, count: int, now: datetime) -> OldLeads:
    """`count` leads without contacts, oldest first: ~15% come back with an earlier lead's email (and
    name and phone), ~30% carry one of 50 company names."""
    rnd = random.Random(7)
    person_of: list[int] = []
    people, companies = 0, set()
    start, batch = now - timedelta(seconds=60 * (count + 1)), []
    for n in range(count):
        repeat = n > 0 and rnd.random() < REPEAT
        person = person_of[rnd.randrange(n)] if repeat else people
        people += not repeat
        person_of.append(person)
        company = company_name(rnd.randrange(COMPANIES)) if rnd.random() < WITH_COMPANY else None
        if company and not repeat:
            companies.add(company)  # a repeat matches its contact: no company is looked for
        owner = admin_id if n % 2 else None
        batch.append(_old_lead(tenant, n, person, company, owner, start).serialize())
        if len(batch) >= 2_500:
            writer.write(batch)
            batch = []
    writer.write(batch)
    return OldLeads(count, people, len(companies), count - people)
