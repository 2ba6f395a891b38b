"""The lead checks and writes that the lead API shares with the consumers: who may see a lead, the
lead as its events carry it, a change of fields, a new lead's items.

Plain dicts and items, no API shapes: the consumers that change leads (round-robin assignment, a
stage's deletion) validate no request, so their cold start loads no Pydantic (bench/imports.py).
convertly.leads.use_cases builds the API's answers on top of these.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from convertly.accounts import service as accounts
from convertly.contacts import service as contacts
from convertly.fields import service as fields
from convertly.leads import keys
from convertly.leads import store as repo
from convertly.leads.items import LeadItem, StageHistoryItem
from convertly.leads.search import lead_terms
from convertly.permissions import Permission
from convertly.pipelines.service import CounterChanges, Placement, StageConditions, open_stage_condition
from convertly.platform.changelog import record_change
from convertly.platform.clock import iso, new_id
from convertly.platform.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.money import check_amount, from_cents, to_cents, whole_cents
from convertly.platform.principal import Principal, system_principal
from convertly.platform.store.items import Item, plain
from convertly.platform.store.transaction import Transaction, TransactionCancelledError
from convertly.platform.terms import replace_tag

EDITABLE = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "country",
    "company",
    "owner_id",
    "source",
    "tags",
    "custom_fields",
    "close_date",
)


def to_minor(value: Decimal | None) -> int | float:
    """A lead's value as stored (hundredths; a fraction only for a 3- or 4-decimal currency)."""
    return to_cents(value)


def lead_fields(item: LeadItem) -> dict[str, Any]:
    """The lead as the API shows it (convertly.leads.domain.leads.Lead) and as its events carry it:
    JSON values."""
    return {
        "lead_id": item.lead_id,
        "first_name": item.first_name,
        "last_name": item.last_name,
        "name": repo.display_name(item),
        "email": item.email,
        "phone": item.phone,
        "country": item.country,
        "company": item.company,
        "contact_id": item.contact_id,
        "company_id": item.company_id,
        "value": float(from_cents(item.value)),
        "currency": item.currency,
        "close_date": item.close_date,
        "owner_id": item.owner_id,
        "source": item.source,
        "tags": [str(tag) for tag in item.tags or []],
        "custom_fields": plain(item.custom_fields),
        "attribution": plain(item.attribution),
        "pipeline_id": item.pipeline_id,
        "stage_id": item.stage_id,
        "stage_entered_at": item.stage_entered_at,
        "created_at": item.created_at,
        "created_by": item.created_by,
        "updated_at": item.updated_at,
        "deleted_at": item.deleted_at,
        "version": int(item.version or 0),
        "last_touch": plain(item.last_touch) if item.last_touch else plain(item.attribution),
        "touch_count": int(item.touch_count or 0),
        "over_limit": bool(item.over_limit),
        "lost_reason": item.lost_reason,
    }


def lead_event(principal: Principal, detail_type: str, lead: LeadItem, **data: Any) -> DomainEvent:
    return DomainEvent(
        detail_type=detail_type,
        tenant_id=principal.tenant_id,
        actor_id=principal.user_id,
        subject_id=lead.lead_id,
        data={"lead": lead_fields(lead), **data},
    )


def may_see_all(principal: Principal) -> bool:
    return principal.can(Permission.LEADS_READ_ALL)


def check_owner_assignment(principal: Principal, owner_id: str | None) -> None:
    if not may_see_all(principal) and owner_id not in (None, principal.user_id):
        raise ForbiddenError("You can only assign leads to yourself", code="forbidden_owner")


def visible_lead(principal: Principal, lead_id: str) -> LeadItem:
    """The lead (read consistently), if it is in the caller's tenant and the caller may see it."""
    lead = repo.get_lead(principal.tenant_id, lead_id)
    if lead is None:
        raise NotFoundError("No such lead", code="lead_not_found")
    check_visible(principal, lead)
    return lead


def stale_version(current: LeadItem | None) -> ConflictError:
    """The 409 for an edit based on an old version; it carries the current lead, so the board and the
    editor can show it without another request."""
    details = {"lead": lead_fields(current)} if current is not None else None
    return ConflictError("Someone else changed this lead: reload it", code="stale_version", details=details)


def check_visible(principal: Principal, lead: LeadItem) -> None:
    if not may_see_all(principal) and lead.owner_id != principal.user_id:
        raise ForbiddenError("This lead is assigned to someone else", code="not_lead_owner")


def count(
    tx: Transaction,
    before: Placement | None,
    after: Placement | None,
    conditions: StageConditions | None = None,
) -> None:
    """Move the stage and owner counters from where the lead counted to where it counts now."""
    changes = CounterChanges()
    changes.move(before, after)
    changes.write(tx, conditions)


def placement_of(lead: LeadItem) -> Placement | None:
    """Where a lead counts on its pipeline's counters; None for a deleted lead, which counts nowhere."""
    if lead.deleted_at:
        return None
    return Placement(lead.tenant_id, lead.pipeline_id, lead.stage_id, lead.owner_id, whole_cents(lead.value))


def check_user(tx: Transaction, tenant_id: str, user_id: str) -> None:
    accounts.check_user_exists(tx, "owner", tenant_id, user_id)


def raise_for(failed: list[str], lead: LeadItem | None = None) -> None:
    if "owner" in failed:
        raise ValidationError(
            "Some fields are not valid", fields={"owner_id": "no such user in this account"}
        )
    if "stage" in failed:
        raise ValidationError(
            "Some fields are not valid", fields={"stage_id": "no such stage in this pipeline"}
        )
    raise stale_version(repo.get_lead(lead.tenant_id, lead.lead_id) if lead is not None else None)


def check_value(fields: dict[str, Any], lead: LeadItem | None = None) -> None:
    """The value fits the currency the lead has once written (the one in `fields`, else its own, else
    USD): a 422 on `value`, or on `currency` when the value the lead keeps does not fit a new one."""
    if "currency" in fields or lead is None:
        currency = fields.get("currency") or "USD"
    else:
        currency = lead.currency or "USD"
    if fields.get("value") is not None:
        check_amount(fields["value"], currency, "value")
    elif lead is not None and "currency" in fields and "value" not in fields:
        check_amount(from_cents(lead.value), currency, "currency")


def _changed_fields(lead: LeadItem, fields: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    changes: dict[str, tuple[Any, Any]] = {}
    for field in fields.keys() & {*EDITABLE, "value", "currency"}:
        new: Any = fields[field]
        if field == "value":
            new = to_minor(new)
        elif field == "source" and new is not None:
            new = str(new)
        elif field == "currency" and new is None:
            new = "USD"
        elif field == "close_date" and new is not None:
            new = new.isoformat()
        old = plain(getattr(lead, field)) if field == "custom_fields" else getattr(lead, field)
        if field == "tags":
            old, new = list(old or []), list(new or [])
        if old != new:
            changes[field] = (old, new)
    return changes


def change_fields(principal: Principal, lead_id: str, version: int, fields: dict[str, Any]) -> LeadItem:
    """Set the lead's editable `fields` (validated values) if it is still at `version`; the lead as
    saved. One transaction with its search terms, counters, owner check and LeadUpdated event; a change
    of the person (name, email, phone, country, company) is a change of the lead's contact, written in
    the same transaction with the contact's other leads' copies."""
    lead = visible_lead(principal, lead_id)
    if lead.deleted_at:
        raise ConflictError("This lead is deleted: restore it first", code="lead_deleted")
    if version != lead.version:
        raise stale_version(lead)
    check_value(fields, lead)
    changes = _changed_fields(lead, fields)
    if "owner_id" in changes:
        check_owner_assignment(principal, changes["owner_id"][1])
    if not changes:
        return lead
    person = {field: change for field, change in changes.items() if field in PERSON_CHANGES}
    if person and lead.contact_id:
        return _change_with_contact(principal, lead, changes, person)
    return _commit_changes(principal, lead, changes, Transaction())


# Lead fields that are its contact's: an edit of them on the lead edits the contact.
PERSON_CHANGES = ("first_name", "last_name", "email", "phone", "country", "company")


def _change_with_contact(
    principal: Principal,
    lead: LeadItem,
    changes: dict[str, tuple[Any, Any]],
    person: dict[str, tuple[Any, Any]],
) -> LeadItem:
    contact, links = contacts.get_contact_with_leads(principal.tenant_id, str(lead.contact_id))
    if contact is None or contact.deleted_at:
        return _commit_changes(principal, lead, changes, Transaction())
    contact_changes = {
        field: (getattr(contact, field), new) for field, (_, new) in person.items() if field != "company"
    }
    if "company" in person:  # a company name typed on the lead is the contact's company
        name = person["company"][1]
        company = (
            contacts.ensure_company(principal.tenant_id, name, iso(), principal.user_id) if name else None
        )
        lead.company_id = company.company_id if company else None
        if contact.company_id != lead.company_id:
            contact_changes["company_id"] = (contact.company_id, lead.company_id)
    tx = Transaction()
    _commit_changes(principal, lead, changes, tx, commit=False)
    try:
        contacts.edit_contact(principal, contact, contact_changes, links, tx, skip_lead=lead.lead_id)
    except ConflictError as error:
        raise stale_version(repo.get_lead(lead.tenant_id, lead.lead_id)) from error
    return lead


def _commit_changes(
    principal: Principal,
    lead: LeadItem,
    changes: dict[str, tuple[Any, Any]],
    tx: Transaction,
    *,
    commit: bool = True,
) -> LeadItem:
    old_terms, counted = [str(t) for t in lead.search_terms or []], placement_of(lead)
    for field, (_, new) in changes.items():
        setattr(lead, field, new)
    lead.updated_at = iso()
    lead.search_terms = lead_terms(lead.first_name, lead.last_name, lead.email, lead.phone)  # type: ignore[assignment]
    repo.apply_index_keys(lead)
    tx.put("lead", lead)
    _retarget_search(tx, lead, old_terms)
    count(tx, counted, placement_of(lead))
    new_owner = changes.get("owner_id", (None, None))[1]
    if new_owner:
        check_user(tx, principal.tenant_id, new_owner)
    if "tags" in changes:
        old_tags, new_tags = changes["tags"]
        fields.tag_writes(tx, lead.tenant_id, "lead", lead.lead_id, list(old_tags), list(new_tags))
    changed = {field: {"from": old, "to": new} for field, (old, new) in changes.items()}
    event = lead_event(principal, "LeadUpdated", lead, changes=changed)
    record_change(
        tx, lead.PK, event, "updated", actor_name=principal.name or principal.email, changes=changed
    )
    if not commit:
        return lead
    try:
        tx.commit()
    except TransactionCancelledError as error:
        raise_for(error.failed, lead)
    return lead


# Leads whose copy of their contact is written per transaction after the first (each takes the lead's
# update and up to ten search entries).
SYNC_BATCH = 8


def sync_person(tx: Transaction, tenant_id: str, lead_ids: list[str], snapshot: dict[str, Any]) -> None:
    """Commit `tx` with the first leads' copy of their contact's person fields (`snapshot`), then the
    rest a bounded batch per transaction. Each write sets values, so a retry changes nothing more."""
    found = repo.batch_get_leads(tenant_id, lead_ids, consistent=True)
    ordered = [found[lead_id] for lead_id in lead_ids if lead_id in found]
    first, rest = ordered[:SYNC_BATCH], ordered[SYNC_BATCH:]
    for lead in first:
        _copy_person(tx, lead, snapshot)
    tx.commit()
    for start in range(0, len(rest), SYNC_BATCH):
        batch = Transaction()
        for lead in rest[start : start + SYNC_BATCH]:
            _copy_person(batch, lead, snapshot)
        if len(batch):
            batch.commit()


def _copy_person(tx: Transaction, lead: LeadItem, snapshot: dict[str, Any]) -> None:
    changed = {f: v for f, v in snapshot.items() if getattr(lead, f) != v}
    if not changed:
        return
    old_terms = [str(term) for term in lead.search_terms or []]
    for field, value in changed.items():
        setattr(lead, field, value)
    lead.search_terms = lead_terms(lead.first_name, lead.last_name, lead.email, lead.phone)  # type: ignore[assignment]
    actions = [
        getattr(LeadItem, f).set(v)
        if v not in (None, "") or f in ("first_name", "last_name")
        else getattr(LeadItem, f).remove()
        for f, v in changed.items()
    ]
    at = iso()
    actions += [
        LeadItem.search_terms.set(lead.search_terms),
        LeadItem.updated_at.set(at),
        LeadItem.version.add(1),
        *repo.sort_key_actions(lead.lead_id, updated_at=at, person=lead),
    ]
    tx.update("lead_copy", Item(lead.PK, keys.LEAD_SK), actions, LeadItem.PK.exists())
    _retarget_search(tx, lead, old_terms)


def retag_lead(tenant_id: str, record_id: str, old: str, new: str | None) -> None:
    """The tag list's hook: `old` renamed to `new` (or removed) on this lead, as an edit by the
    platform (its change log names the tag list); nothing when the lead already shows it."""
    lead = repo.get_lead(tenant_id, record_id)
    if lead is None:
        return
    tags = [str(t) for t in lead.tags or []]
    changed = replace_tag(tags, old, new)
    if changed != tags:
        change_fields(
            system_principal(tenant_id, "Tag list"), record_id, int(lead.version), {"tags": changed}
        )


def link_to_contact(tx: Transaction, lead: LeadItem, contact: contacts.Contact) -> None:
    """Point an existing lead without a contact at `contact` and copy its person (the backfill):
    conditional on the lead still having no contact, so a second run or a race changes nothing."""
    old_terms = [str(term) for term in lead.search_terms or []]
    copy_contact(lead, contact)
    lead.company_id = contact.company_id
    actions = [
        LeadItem.contact_id.set(contact.contact_id),
        LeadItem.search_terms.set(lead.search_terms),
        LeadItem.version.add(1),
        *repo.sort_key_actions(lead.lead_id, person=lead),
    ]
    for field in ("first_name", "last_name", "email", "phone", "country", "company", "company_id"):
        value = getattr(lead, field)
        empty = value in (None, "") and field not in ("first_name", "last_name")
        actions.append(getattr(LeadItem, field).remove() if empty else getattr(LeadItem, field).set(value))
    unlinked = LeadItem.PK.exists() & LeadItem.contact_id.does_not_exist()
    tx.update("lead", Item(lead.PK, keys.LEAD_SK), actions, unlinked)
    _retarget_search(tx, lead, old_terms)


def move_to_contact(tx: Transaction, lead: LeadItem, contact: contacts.Contact, from_contact_id: str) -> None:
    """A merge: the lead of `from_contact_id` becomes `contact`'s and shows its person; conditional
    on the lead still being the merged contact's, so a resumed merge skips it."""
    old_terms = [str(term) for term in lead.search_terms or []]
    snapshot = contacts.person_snapshot(contact)
    for field, value in snapshot.items():
        setattr(lead, field, value)
    lead.contact_id = contact.contact_id
    lead.search_terms = lead_terms(lead.first_name, lead.last_name, lead.email, lead.phone)  # type: ignore[assignment]
    at = iso()
    actions = [
        LeadItem.contact_id.set(contact.contact_id),
        LeadItem.search_terms.set(lead.search_terms),
        LeadItem.updated_at.set(at),
        LeadItem.version.add(1),
        *repo.sort_key_actions(lead.lead_id, updated_at=at, person=lead),
    ]
    for field, value in snapshot.items():
        empty = value in (None, "") and field not in ("first_name", "last_name")
        actions.append(getattr(LeadItem, field).remove() if empty else getattr(LeadItem, field).set(value))
    still_theirs = LeadItem.PK.exists() & (LeadItem.contact_id == from_contact_id)
    tx.update(f"lead_{lead.lead_id}", Item(lead.PK, keys.LEAD_SK), actions, still_theirs)
    _retarget_search(tx, lead, old_terms)


def new_lead_contact(
    principal: Principal, lead: LeadItem, contact_id: str | None, consent: dict[str, Any] | None = None
) -> contacts.ContactPlan:
    """The contact a new lead is for (`contact_id`, else the one with the lead's email or phone, else a
    new one), with the lead's person fields copied from it."""
    if contact_id:
        contact, links = contacts.get_contact_with_leads(principal.tenant_id, contact_id)
        if contact is None or contact.deleted_at or not _may_use(principal, contact, links):
            raise ValidationError("Some fields are not valid", fields={"contact_id": "no such contact"})
        plan = contacts.ContactPlan(contact, links, new=False)
    else:
        person = {
            field: getattr(lead, field)
            for field in ("first_name", "last_name", "email", "phone", "country", "company")
        }
        plan = contacts.plan_contact(
            principal.tenant_id,
            person,
            at=lead.created_at,
            actor=lead.created_by,
            owner_id=lead.owner_id,
            source=lead.source,
            consent=consent,
        )
    copy_contact(lead, plan.contact)
    return plan


def _may_use(principal: Principal, contact: contacts.Contact, links: list[contacts.LeadLink]) -> bool:
    """A contact the caller may open a lead for: any, with CONTACTS_READ_ALL; else one they own or
    one of whose leads they own (the contacts a Sales user sees)."""
    if principal.can(Permission.CONTACTS_READ_ALL) or contact.owner_id == principal.user_id:
        return True
    owned = repo.batch_get_leads(principal.tenant_id, [link.lead_id for link in links])
    return any(lead.owner_id == principal.user_id for lead in owned.values())


def copy_contact(lead: LeadItem, contact: contacts.Contact) -> None:
    """Give a new lead its contact's person fields and ids (and the search terms they make)."""
    lead.contact_id = contact.contact_id
    lead.company_id = contact.company_id
    for field, value in contacts.person_snapshot(contact).items():
        if value not in (None, "") or field in ("first_name", "last_name"):
            setattr(lead, field, value)
    lead.search_terms = lead_terms(lead.first_name, lead.last_name, lead.email, lead.phone)  # type: ignore[assignment]


def _retarget_search(tx: Transaction, lead: LeadItem, old_terms: list[str]) -> None:
    terms = [str(term) for term in lead.search_terms or []]
    if set(terms) == set(old_terms):
        return
    for term in set(old_terms) - set(terms):
        tx.delete("search", repo.search_item(lead.tenant_id, term, lead.lead_id, terms))
    for term in terms:  # every entry, so each carries the lead's new list of terms
        tx.put("search", repo.search_item(lead.tenant_id, term, lead.lead_id, terms))


def _history(
    lead: LeadItem,
    from_stage: str | None,
    to_stage: str,
    by: str,
    at: str,
    seconds: int | None,
    event_id: str | None = None,
) -> StageHistoryItem:
    history_id = new_id()
    return StageHistoryItem(
        lead.PK,
        keys.history_sk(at, history_id),
        history_id=history_id,
        lead_id=lead.lead_id,
        from_stage_id=from_stage,
        to_stage_id=to_stage,
        changed_by=by,
        changed_at=at,
        seconds_in_previous=seconds,
        event_id=event_id,
    )


def add_new_lead(tx: Transaction, lead: LeadItem, actor_id: str, event_id: str | None = None) -> None:
    """The writes of a new lead besides its event and owner check: the lead, its search terms, its
    first stage-history entry (naming `event_id`, its LeadCreated, so what that event caused joins
    the entry on the timeline) and the counters it enters (labelled "stage" if its stage is gone).
    Lead creation through the API and through a form both use it, so both count alike."""
    tx.put("lead", lead)
    terms = [str(term) for term in lead.search_terms or []]
    for term in terms:
        tx.put("search", repo.search_item(lead.tenant_id, term, lead.lead_id, terms))
    tx.put("history", _history(lead, None, lead.stage_id, actor_id, lead.created_at, None, event_id))
    fields.tag_writes(tx, lead.tenant_id, "lead", lead.lead_id, [], [str(t) for t in lead.tags or []])
    count(tx, None, placement_of(lead), {lead.stage_id: ("stage", open_stage_condition())})
