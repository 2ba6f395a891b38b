"""The contact writes that the contacts API shares with leads and form capture: a contact as its API
and events show it, its search terms, a new contact's items, the link from a contact to a new lead,
and the person fields a lead copies from its contact.

Plain dicts and items, no API shapes, so a consumer or the public form path loads no Pydantic model
for them (bench/imports.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pynamodb.attributes import MapAttribute
from pynamodb.expressions.condition import Condition

from convertly.contacts import keys
from convertly.contacts import store as repo
from convertly.contacts.items import (
    CompanyItem,
    ContactItem,
    ContactLinkItem,
    DuplicatePairItem,
    LeadLinkItem,
)
from convertly.fields import service as fields
from convertly.platform.changelog import log_entry, record_change
from convertly.platform.clock import iso, new_id
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.store.items import Item, plain
from convertly.platform.store.transaction import Transaction
from convertly.platform.terms import label_term, person_terms, phone_terms

# The fields of a contact that its leads show as theirs (the board card, the lead page, search).
PERSON_FIELDS = ("first_name", "last_name", "email", "phone", "country", "company", "company_id")


def contact_fields(item: ContactItem) -> dict[str, Any]:
    """The contact as the API shows it (convertly.contacts.domain.Contact): JSON values."""
    return {
        "contact_id": item.contact_id,
        "first_name": item.first_name,
        "last_name": item.last_name,
        "name": repo.contact_display_name(item.first_name, item.last_name, item.email, item.phone),
        "email": item.email,
        "emails": [str(e) for e in item.emails or []],
        "phone": item.phone,
        "phones": [str(p) for p in item.phones or []],
        "country": item.country,
        "company_id": item.company_id,
        "company_name": item.company_name,
        "role": item.role,
        "owner_id": item.owner_id,
        "source": item.source,
        "tags": [str(t) for t in item.tags or []],
        "custom_fields": plain(item.custom_fields),
        "consent": plain(item.consent),
        "address": plain(item.address),
        "website": item.website,
        "time_zone": item.time_zone,
        "active": bool(item.active),
        "test": bool(item.test),
        "lead_count": int(item.lead_count or 0),
        "last_activity_at": item.last_activity_at,
        "created_at": item.created_at,
        "created_by": item.created_by,
        "updated_at": item.updated_at,
        "deleted_at": item.deleted_at,
        "merged_into": item.merged_into,
        "version": int(item.version or 0),
    }


def company_fields(item: CompanyItem) -> dict[str, Any]:
    return {
        "company_id": item.company_id,
        "name": item.name,
        "domain": item.domain,
        "phone": item.phone,
        "website": item.website,
        "address": plain(item.address),
        "tags": [str(t) for t in item.tags or []],
        "custom_fields": plain(item.custom_fields),
        "primary_contact_id": item.primary_contact_id,
        "owner_id": item.owner_id,
        "contact_count": int(item.contact_count or 0),
        "created_at": item.created_at,
        "created_by": item.created_by,
        "updated_at": item.updated_at,
        "deleted_at": item.deleted_at,
        "merged_into": item.merged_into,
        "version": int(item.version or 0),
    }


def person_snapshot(contact: ContactItem) -> dict[str, Any]:
    """What a lead shows of its contact: the PERSON_FIELDS, with `company` the company's name."""
    return {
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "email": contact.email,
        "phone": contact.phone,
        "country": contact.country,
        "company": contact.company_name,
        "company_id": contact.company_id,
    }


def contact_terms(contact: ContactItem) -> list[str]:
    """Name, emails, phone digits, company and tags, folded."""
    terms = person_terms(contact.first_name, contact.last_name, contact.email, contact.phone)
    for email in contact.emails or []:
        terms.append(label_term(str(email)))
    for phone in contact.phones or []:
        terms += phone_terms(str(phone))
    terms += [label_term(contact.company_name), *(label_term(str(t)) for t in contact.tags or [])]
    return [t for t in dict.fromkeys(terms) if t]


def company_terms(company: CompanyItem) -> list[str]:
    terms = [label_term(company.name), label_term(company.domain)]
    terms += [*phone_terms(company.phone), *(label_term(str(t)) for t in company.tags or [])]
    return [t for t in dict.fromkeys(terms) if t]


def identity_terms(email: str | None, phone: str | None) -> list[str]:
    """The exact terms a submitter is matched by: the email, then the phone's last ten digits (every
    contact whose number has ten or more digits holds that term, written with or without its country
    code), or all its digits when it has fewer."""
    terms = [label_term(email)] if email else []
    digits = phone_terms(phone)
    return [t for t in (*terms, *digits[-1:]) if t]


def contact_identity_terms(contact: ContactItem) -> list[str]:
    """The terms a form finds this contact by: each of its emails, and each phone's matching digits."""
    terms: list[str] = []
    for email in (contact.email, *(contact.emails or [])):
        terms += identity_terms(str(email), None) if email else []
    for phone in (contact.phone, *(contact.phones or [])):
        terms += identity_terms(None, str(phone)) if phone else []
    held = {str(t) for t in contact.search_terms or []}
    return [t for t in dict.fromkeys(terms) if t in held]


# The card: what a form's write needs of a known contact, on its email and phone search entries, so
# one Query finds the contact and all it needs. It is written with every form's write for the contact
# (which sets card_rev to the card's rev); any other write of the contact is a put that moves card_rev
# on (put_contact), so an older card no longer holds and the form reads the contact's partition.
CARD_FIELDS = (
    *("first_name", "last_name", "email", "emails", "phone", "phones", "country"),
    *("company_id", "company_name", "consent", "search_terms"),
)


def card_of(contact: ContactItem, links: list[LeadLinkItem], rev: int) -> str:
    """The card (JSON): the contact's CARD_FIELDS and its newest lead in each pipeline."""
    newest: dict[str, LeadLinkItem] = {}
    for link in sorted(links, key=lambda link: (link.created_at, link.lead_id), reverse=True):
        newest.setdefault(link.pipeline_id, link)
    body = {
        "rev": rev,
        "contact": {name: _card_value(getattr(contact, name)) for name in CARD_FIELDS},
        "links": [[link.lead_id, link.pipeline_id, link.created_at] for link in newest.values()],
    }
    return json.dumps(body, separators=(",", ":"), sort_keys=True)


def _card_value(value: Any) -> Any:
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, MapAttribute | dict):
        return plain(value)
    return value


def contact_from_card(
    tenant_id: str, contact_id: str, card: str
) -> tuple[ContactItem, list[LeadLinkItem], int]:
    """The contact, its leads' links (newest first) and the card's rev, as a card holds them."""
    body = json.loads(card)
    partition = keys.contact(tenant_id, contact_id)
    contact = ContactItem(
        partition, keys.CONTACT_SK, contact_id=contact_id, tenant_id=tenant_id, **body["contact"]
    )
    links = [
        LeadLinkItem(
            partition,
            keys.lead_link_sk(lead_id),
            contact_id=contact_id,
            lead_id=lead_id,
            pipeline_id=pipeline_id,
            created_at=created_at,
        )
        for lead_id, pipeline_id, created_at in body["links"]
    ]
    links.sort(key=lambda link: (link.created_at, link.lead_id), reverse=True)
    return contact, links, int(body["rev"])


def card_writes(tx: Transaction, contact: ContactItem, links: list[LeadLinkItem], rev: int) -> None:
    """The contact's email and phone entries, each with the card at `rev`."""
    card = card_of(contact, links, rev)
    terms = [str(t) for t in contact.search_terms or []]
    partition = keys.contact_search(contact.tenant_id)
    for index, term in enumerate(contact_identity_terms(contact)):
        tx.put(f"contact_card_{index}", repo.search_item(partition, term, contact.contact_id, terms, card))


def card_held(rev: int) -> Condition:
    """The contact's card_rev is still `rev` (a contact written before cards had none: rev 0)."""
    same = ContactItem.card_rev == rev
    return same | ContactItem.card_rev.does_not_exist() if rev == 0 else same


def put_contact(tx: Transaction, label: str, contact: ContactItem) -> None:
    """Every put of a known contact (an edit, a delete or restore, a merge, a role change): its cards
    no longer hold, and the put holds only while no form wrote the contact since it was read."""
    read = int(contact.card_rev or 0)
    contact.card_rev = read + 1
    tx.put(label, contact, card_held(read))


def new_contact(
    tenant_id: str,
    person: dict[str, Any],
    *,
    at: str,
    actor: str,
    owner_id: str | None,
    source: str,
    company: CompanyItem | None = None,
    consent: dict[str, Any] | None = None,
) -> ContactItem:
    """A new contact (role Lead) for a person first met through a lead: a form, an import, a rep."""
    contact_id = new_id()
    contact = ContactItem(
        keys.contact(tenant_id, contact_id),
        keys.CONTACT_SK,
        contact_id=contact_id,
        tenant_id=tenant_id,
        first_name=person.get("first_name") or "",
        last_name=person.get("last_name") or "",
        email=person.get("email"),
        phone=person.get("phone"),
        country=person.get("country"),
        company_id=company.company_id if company else None,
        company_name=company.name if company else (person.get("company") or None),
        role="Lead",
        owner_id=owner_id,
        source=source,
        consent=consent or {},
        lead_count=0,
        created_at=at,
        created_by=actor,
        updated_at=at,
    )
    contact.search_terms = contact_terms(contact)  # type: ignore[assignment]
    repo.apply_contact_keys(contact)
    return contact


def new_company_item(tenant_id: str, name: str, at: str, actor: str, **fields: Any) -> CompanyItem:
    company_id = new_id()
    company = CompanyItem(
        keys.company(tenant_id, company_id),
        keys.COMPANY_SK,
        company_id=company_id,
        tenant_id=tenant_id,
        name=name,
        contact_count=0,
        created_at=at,
        created_by=actor,
        updated_at=at,
        **fields,
    )
    company.search_terms = company_terms(company)  # type: ignore[assignment]
    repo.apply_company_keys(company)
    return company


def add_new_company(tx: Transaction, company: CompanyItem) -> None:
    tx.put("new_company", company, CompanyItem.PK.does_not_exist())
    terms = [str(t) for t in company.search_terms or []]
    partition = keys.company_search(company.tenant_id)
    for term in terms:
        tx.put("company_search", repo.search_item(partition, term, company.company_id, terms))


def add_new_contact(
    tx: Transaction,
    contact: ContactItem,
    *,
    new_company: CompanyItem | None = None,
    links: list[LeadLinkItem] | None = None,
) -> None:
    """A new contact's writes: the contact, its search terms (the email and phone ones with its card)
    and its company's link (`new_company`: a company written in the same transaction, which starts
    with this one contact; `links`: the lead made with it)."""
    contact.card_rev = 0
    tx.put("contact", contact, ContactItem.PK.does_not_exist())
    terms = [str(t) for t in contact.search_terms or []]
    partition = keys.contact_search(contact.tenant_id)
    carded = set(contact_identity_terms(contact))
    for term in terms:
        if term not in carded:
            tx.put("contact_search", repo.search_item(partition, term, contact.contact_id, terms))
    card_writes(tx, contact, links or [], 0)
    if new_company is not None:
        new_company.contact_count = 1
        add_new_company(tx, new_company)
        link = ContactLinkItem(
            new_company.PK,
            keys.contact_link_sk(contact.contact_id),
            company_id=new_company.company_id,
            contact_id=contact.contact_id,
            created_at=contact.created_at,
        )
        tx.put("company_link", link)
    elif contact.company_id:
        join_company(tx, contact.tenant_id, contact.company_id, contact.contact_id, contact.created_at)


def join_company(tx: Transaction, tenant_id: str, company_id: str, contact_id: str, at: str) -> None:
    """A contact's link in its company's partition, and the company's count (it must be live)."""
    partition = keys.company(tenant_id, company_id)
    link = ContactLinkItem(
        partition,
        keys.contact_link_sk(contact_id),
        company_id=company_id,
        contact_id=contact_id,
        created_at=at,
    )
    tx.put("company_link", link)
    live = CompanyItem.PK.exists() & CompanyItem.deleted_at.does_not_exist()
    company = Item(partition, keys.COMPANY_SK)  # no version condition: only the count moves
    tx.update("company", company, [CompanyItem.contact_count.add(1)], live)


def leave_company(tx: Transaction, tenant_id: str, company_id: str, contact_id: str) -> None:
    partition = keys.company(tenant_id, company_id)
    tx.delete("company_link", ContactLinkItem(partition, keys.contact_link_sk(contact_id)))
    company = Item(partition, keys.COMPANY_SK)  # no version condition: only the count moves
    tx.update("old_company", company, [CompanyItem.contact_count.add(-1)], CompanyItem.PK.exists())


def link_lead(
    tx: Transaction,
    contact: ContactItem,
    lead_id: str,
    pipeline_id: str,
    at: str,
    *,
    new: bool,
    extra: list[Any] | None = None,
    links: list[LeadLinkItem] | None = None,
    rev: int = 0,
) -> LeadLinkItem:
    """A lead opened for `contact`: the link in the contact's partition, and the contact's lead count
    and last activity (a new contact's own put carries them; an existing one must still be live and
    as its card `rev` showed it, and takes a new card with the link among `links`)."""
    link = LeadLinkItem(
        contact.PK,
        keys.lead_link_sk(lead_id),
        contact_id=contact.contact_id,
        lead_id=lead_id,
        pipeline_id=pipeline_id,
        created_at=at,
    )
    tx.put("contact_link", link)
    if contact.company_id:  # a company's leads are its contacts' leads
        company_link = LeadLinkItem(
            keys.company(contact.tenant_id, contact.company_id),
            keys.lead_link_sk(lead_id),
            contact_id=contact.contact_id,
            lead_id=lead_id,
            pipeline_id=pipeline_id,
            created_at=at,
        )
        tx.put("company_lead_link", company_link)
    if new:  # the new contact's own put counts its one lead
        contact.lead_count = 1
        contact.last_activity_at = at
        return link
    ref = Item(contact.PK, keys.CONTACT_SK)  # no version condition: an editor keeps their version
    live = ContactItem.PK.exists() & ContactItem.deleted_at.does_not_exist() & card_held(rev)
    actions = [
        ContactItem.lead_count.add(1),
        ContactItem.last_activity_at.set(at),
        ContactItem.card_rev.set(rev + 1),
        *(extra or []),
    ]
    tx.update("contact", ref, actions, live)
    card_writes(tx, contact, [link, *(links or [])], rev + 1)
    return link


def consent_actions(contact: ContactItem, given: dict[str, Any] | None) -> list[Any]:
    """The contact's consent after a visit's answer (the latest answer is the one a conversion
    honours); nothing when the visit gave none."""
    answers = {
        name: given[name]
        for name in ("ad_user_data", "ad_personalization")
        if given and given.get(name) in ("granted", "denied")
    }
    if not answers:
        return []
    merged = {**plain(contact.consent), **answers}
    contact.consent = merged
    return [ContactItem.consent.set(merged)]


def touch_contact(tx: Transaction, plan: ContactPlan, at: str, touch: dict[str, Any]) -> None:
    """A visit that reached one of the contact's leads: its last activity, the ad consent the visit
    gave, and what the visitor gave that the contact lacked."""
    contact = plan.contact
    changes = [*consent_actions(contact, touch.get("consent")), *fill_writes(tx, plan)]
    actions = [ContactItem.last_activity_at.set(at), *changes]
    ref = Item(contact.PK, keys.CONTACT_SK)  # no version condition: an editor keeps their version
    if changes or not plan.from_card:  # the card shows the change (or the contact had none)
        actions.append(ContactItem.card_rev.set(plan.rev + 1))
        card_writes(tx, contact, plan.links, plan.rev + 1)
    tx.update("contact", ref, actions, ContactItem.PK.exists() & card_held(plan.rev))


def move_lead_links(
    tx: Transaction, contact: ContactItem, links: list[LeadLinkItem], old: str | None, new: str | None
) -> None:
    """A contact moving from company `old` to `new` takes its leads' links along."""
    for link in links:
        if old:
            tx.delete("company_lead_link", LeadLinkItem(keys.company(contact.tenant_id, old), link.SK))
        if new:
            moved = LeadLinkItem(
                keys.company(contact.tenant_id, new),
                link.SK,
                contact_id=contact.contact_id,
                lead_id=link.lead_id,
                pipeline_id=link.pipeline_id,
                created_at=link.created_at,
            )
            tx.put("company_lead_link", moved)


def retarget_search(tx: Transaction, partition: str, record_id: str, old: list[str], new: list[str]) -> None:
    """Move a record's search entries from its `old` terms to its `new` ones."""
    if set(old) == set(new):
        return
    for term in set(old) - set(new):
        tx.delete("contact_search", repo.search_item(partition, term, record_id, new))
    for term in new:  # every entry, so each carries the record's new list of terms
        tx.put("contact_search", repo.search_item(partition, term, record_id, new))


def company_named(tenant_id: str, name: str, *, consistent: bool = False) -> CompanyItem | None:
    """The live company with exactly this (folded) name, by one Query of the company search terms."""
    term = label_term(name)
    if not term:
        return None
    ids = repo.ids_with_term(keys.company_search(tenant_id), term, consistent=consistent)
    found = repo.batch_get_companies(tenant_id, ids, consistent=consistent) if ids else {}
    return next((found[i] for i in ids if i in found and not found[i].deleted_at), None)


def ensure_company(tenant_id: str, name: str, at: str, actor: str) -> CompanyItem:
    """The live company with this name, else a new one (written on its own: a company with no
    contacts yet is complete)."""
    company = company_named(tenant_id, name)
    if company is not None:
        return company
    company = new_company_item(tenant_id, name, at, actor)
    tx = Transaction()
    add_new_company(tx, company)
    event = DomainEvent(
        detail_type="CompanyCreated",
        tenant_id=tenant_id,
        actor_id=actor,
        subject_id=company.company_id,
        data={"company": company_fields(company)},
    )
    record_change(tx, company.PK, event, "created")
    tx.commit()
    return company


@dataclass
class ContactPlan:
    """The contact a new lead is for: one that exists (with its leads' links, newest first) or a new
    one, and a new company made for it from the lead's company name."""

    contact: ContactItem
    links: list[LeadLinkItem]
    new: bool
    new_company: CompanyItem | None = None
    # What the person gave that the known contact lacked (blank name, phone, email, country); the
    # contact takes it with the lead (`old_terms`: its search terms before).
    fills: dict[str, str] = field(default_factory=dict)
    old_terms: list[str] = field(default_factory=list)
    consent: dict[str, Any] | None = None  # the visit's answer, for a known contact
    rev: int = -1  # a known contact's card_rev as read (-1: as `contact` holds it)
    from_card: bool = False  # read from its card rather than its partition

    def __post_init__(self) -> None:
        if self.rev < 0:
            self.rev = int(self.contact.card_rev or 0)

    def lead_in(self, pipeline_id: str) -> str | None:
        """The contact's newest lead in `pipeline_id`, if any."""
        return next((link.lead_id for link in self.links if link.pipeline_id == pipeline_id), None)


FILLABLE = ("first_name", "last_name", "email", "phone", "country")


def _fill_blanks(plan: ContactPlan, person: dict[str, Any]) -> None:
    contact = plan.contact
    plan.old_terms = [str(t) for t in contact.search_terms or []]
    for name in FILLABLE:
        if person.get(name) and not getattr(contact, name):
            plan.fills[name] = str(person[name])
            setattr(contact, name, str(person[name]))
    if plan.fills:
        contact.search_terms = contact_terms(contact)  # type: ignore[assignment]


def fill_writes(tx: Transaction, plan: ContactPlan) -> list[Any]:
    """The contact's update actions for `plan.fills`, and the search entries of the terms they add
    (but the email and phone ones: the card's writes carry them)."""
    if not plan.fills:
        return []
    contact = plan.contact
    new_terms = [str(t) for t in contact.search_terms or []]
    partition = keys.contact_search(contact.tenant_id)
    carded = set(contact_identity_terms(contact))
    for term in set(new_terms) - set(plan.old_terms) - carded:
        tx.put("contact_search", repo.search_item(partition, term, contact.contact_id, new_terms))
    actions: list[Any] = [getattr(ContactItem, name).set(value) for name, value in plan.fills.items()]
    actions.append(ContactItem.search_terms.set(contact.search_terms))
    return actions


def plan_contact(
    tenant_id: str,
    person: dict[str, Any],
    *,
    at: str,
    actor: str,
    owner_id: str | None,
    source: str,
    consent: dict[str, Any] | None = None,
    phone_alone: bool = False,
    consistent: bool = False,
    use_cards: bool = False,
) -> ContactPlan:
    """The live contact with the person's email (or, failing that, phone), else a new one: one Query
    of the search terms per identifier tried and, unless the entry's card serves (`use_cards`), one of
    the contact's partition when found; a new contact with a company name also looks the company up
    by name (one Query)."""
    match = find_contact(
        tenant_id,
        person.get("email"),
        person.get("phone"),
        phone_alone=phone_alone,
        consistent=consistent,
        use_cards=use_cards,
    )
    if match is not None:
        plan = ContactPlan(
            match.contact, match.links, new=False, consent=consent, rev=match.rev, from_card=match.from_card
        )
        _fill_blanks(plan, person)
        return plan
    company, made = None, None
    if person.get("company"):
        company = company_named(tenant_id, str(person["company"]), consistent=consistent)
        if company is None:
            company = made = new_company_item(tenant_id, str(person["company"]), at, actor)
    contact = new_contact(
        tenant_id,
        person,
        at=at,
        actor=actor,
        owner_id=owner_id,
        source=source,
        company=company,
        consent=consent,
    )
    return ContactPlan(contact, [], new=True, new_company=made)


def write_contact_plan(tx: Transaction, plan: ContactPlan, lead_id: str, pipeline_id: str, at: str) -> None:
    """The contact side of a new lead: the link to the lead, and the contact (and company) if new,
    or what a known contact takes from the person."""
    extra = [] if plan.new else [*fill_writes(tx, plan), *consent_actions(plan.contact, plan.consent)]
    link = link_lead(
        tx, plan.contact, lead_id, pipeline_id, at, new=plan.new, extra=extra, links=plan.links, rev=plan.rev
    )
    if plan.new:
        add_new_contact(tx, plan.contact, new_company=plan.new_company, links=[link])
        # Made with the lead: its log says so (the lead's id is the entry's, so a rebuilt
        # transaction writes the same entry).
        actor, cause = plan.contact.created_by, {"lead_id": lead_id}
        tx.put("contact_log", log_entry(plan.contact.PK, lead_id, at, actor, "created", cause=cause))
        if plan.new_company is not None:
            company_log = log_entry(plan.new_company.PK, lead_id, at, actor, "created", cause=cause)
            tx.put("company_log", company_log)


@dataclass(frozen=True)
class Match:
    """A contact a submission or a new lead matched, and its leads' links (newest first)."""

    contact: ContactItem
    links: list[LeadLinkItem]
    rev: int = 0  # the contact's card_rev as read
    from_card: bool = False

    def lead_in(self, pipeline_id: str) -> str | None:
        """The contact's newest lead in `pipeline_id`, if any."""
        return next((link.lead_id for link in self.links if link.pipeline_id == pipeline_id), None)


def find_contact(
    tenant_id: str,
    email: str | None,
    phone: str | None,
    *,
    phone_alone: bool = False,
    consistent: bool = False,
    use_cards: bool = False,
) -> Match | None:
    """The live contact with this email, or, failing that, with this phone: one Query of the search
    partition per identifier tried, then one Query of the contact's partition unless the entry's card
    serves (`use_cards`: the write then holds only while the card does, see put_contact).

    A form matches by phone alone (`phone_alone`: the same phone is the same person, as a visitor
    often gives another email). A person typed in by a rep matches a phone only when the contact has
    no other email, so a rep entering someone new with a shared phone gets a new contact."""
    partition = keys.contact_search(tenant_id)
    for term in identity_terms(email, phone):
        for entry in repo.entries_with_term(partition, term, consistent=consistent):
            if use_cards and entry.card:
                contact, links, rev = contact_from_card(tenant_id, entry.record_id, entry.card)
                found: ContactItem | None = contact
            else:
                found, links = repo.get_contact_with_leads(tenant_id, entry.record_id)
                rev = int(found.card_rev or 0) if found is not None else 0
            if found is None or found.deleted_at:
                continue
            known = {str(e) for e in (found.email, *(found.emails or [])) if e}
            if not phone_alone and email and known and email not in known:
                continue
            return Match(found, links, rev, from_card=bool(use_cards and entry.card))
    return None


def pair_writes(tx: Transaction, contact: ContactItem) -> None:
    """Pair items for the other live contacts holding one of `contact`'s emails or phones (one Query of
    the search terms per identifier; read before the write, so a pair made by two writes at the same
    moment may be missed and is found at the next write of either)."""
    partition = keys.contact_search(contact.tenant_id)
    emails = [e for e in (contact.email, *(contact.emails or [])) if e]
    phones = [p for p in (contact.phone, *(contact.phones or [])) if p]
    seen: set[str] = set()
    for reason, values in (("email", emails), ("phone", phones)):
        for value in values:
            terms = (
                identity_terms(str(value), None) if reason == "email" else identity_terms(None, str(value))
            )
            for term in terms:
                for other in repo.ids_with_term(partition, term, limit=10):
                    if other == contact.contact_id or other in seen:
                        continue
                    seen.add(other)
                    pair = DuplicatePairItem(
                        keys.duplicates(contact.tenant_id),
                        keys.pair_sk(contact.contact_id, other),
                        contact_ids=sorted((contact.contact_id, other)),
                        reason=reason,
                        found_at=iso(),
                    )
                    tx.put(f"pair_{other}", pair)


def deletion_writes(
    tx: Transaction,
    record: ContactItem | CompanyItem,
    object_type: str,
    record_id: str,
    event: DomainEvent,
    actor_name: str | None,
) -> None:
    """A soft delete's (or a restore's) writes of a contact or company whose `deleted_at` and keys
    are set: the record, its tags out of the tag list (a deleted record carries none until restored,
    then back in), its log entry and its event."""
    deleted = bool(record.deleted_at)
    if isinstance(record, ContactItem):
        put_contact(tx, object_type, record)
    else:
        tx.put(object_type, record)
    tags = [str(t) for t in record.tags or []]
    old, new = (tags, []) if deleted else ([], tags)
    fields.tag_writes(tx, event.tenant_id, object_type, record_id, old, new)
    kind = "deleted" if deleted else "restored"
    record_change(tx, record.PK, event, kind, actor_name=actor_name)
