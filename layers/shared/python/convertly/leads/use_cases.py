"""Lead use cases: create, read, list and search, update, soft delete and restore, notes.

Every write is one TransactWriteItems that also moves the stage counters and writes the domain
event to the outbox, so the change, its aggregates and its event commit together or not at all.
"""

from __future__ import annotations

from datetime import date

from pynamodb.attributes import UnicodeAttribute
from pynamodb.expressions.condition import Condition

from convertly.billing import service as usage
from convertly.contacts.service import contact_fields, get_contact, write_contact_plan
from convertly.fields import service as fields
from convertly.leads import keys
from convertly.leads import store as repo
from convertly.leads.domain.leads import (
    Lead,
    LeadCreate,
    LeadDetail,
    LeadFilters,
    LeadPage,
    LeadUpdate,
    Note,
    NoteCreate,
    NoteUpdate,
    StageHistoryEntry,
    Touch,
)
from convertly.leads.items import LeadItem, NoteItem
from convertly.leads.search import query_prefix
from convertly.leads.writes import (
    add_new_lead,
    change_fields,
    check_owner_assignment,
    check_user,
    check_value,
    check_visible,
    count,
    lead_event,
    lead_fields,
    may_see_all,
    new_lead_contact,
    placement_of,
    raise_for,
    to_minor,
    visible_lead,
)
from convertly.pipelines.service import counted_leads, resolve_stage
from convertly.platform.changelog import record_change
from convertly.platform.clock import iso, new_id, parse_iso
from convertly.platform.errors import (
    BadRequestError,
    ConflictError,
    ForbiddenError,
    NotFoundError,
    ValidationError,
)
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.principal import Principal
from convertly.platform.store.items import plain
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

MAX_PAGE = 100


def to_lead(item: LeadItem) -> Lead:
    return Lead(**lead_fields(item))


def create_lead(principal: Principal, request: LeadCreate, at: str | None = None) -> Lead:
    """Create a lead (`at` backdates it; only imports and the demo seed pass it)."""
    check_owner_assignment(principal, request.owner_id)
    check_value({"value": request.value, "currency": request.currency})
    owner_id = request.owner_id or (None if may_see_all(principal) else principal.user_id)
    pipeline_id, stage_id = resolve_stage(principal.tenant_id, request.pipeline_id, request.stage_id)
    at, lead_id = at or iso(), new_id()
    lead = LeadItem(
        keys.lead(principal.tenant_id, lead_id),
        keys.LEAD_SK,
        lead_id=lead_id,
        tenant_id=principal.tenant_id,
        first_name=request.first_name or "",
        last_name=request.last_name or "",
        email=request.email,
        phone=request.phone,
        country=request.country,
        company=request.company,
        value=to_minor(request.value),
        currency=request.currency or "USD",
        close_date=request.close_date.isoformat() if request.close_date else None,
        owner_id=owner_id,
        source=(request.source or "manual"),
        tags=request.tags or [],
        custom_fields=fields.validate_custom_fields(
            principal.tenant_id, "lead", dict(request.custom_fields or {}), creating=True
        ),
        attribution=request.attribution.model_dump(exclude_none=True) if request.attribution else {},
        pipeline_id=pipeline_id,
        stage_id=stage_id,
        stage_entered_at=at,
        created_at=at,
        created_by=principal.user_id,
        updated_at=at,
    )
    consent = (
        request.attribution.consent.model_dump()
        if request.attribution and request.attribution.consent
        else None
    )
    contact = new_lead_contact(principal, lead, request.contact_id, consent)
    repo.apply_index_keys(lead)

    def transaction(over_limit: bool) -> Transaction:
        tx = Transaction()
        event = lead_event(principal, "LeadCreated", lead)
        add_new_lead(tx, lead, principal.user_id, event.event_id)
        write_contact_plan(tx, contact, lead.lead_id, lead.pipeline_id, lead.created_at)
        if owner_id:
            check_user(tx, principal.tenant_id, owner_id)
        tx.put("outbox", outbox_item(event))
        return tx

    try:
        # The month's lead counter joins the transaction; at the plan's limit this is a 402.
        usage.commit_new_lead(principal.tenant_id, transaction)
    except TransactionCancelledError as error:
        if "contact" in error.failed:
            raise ValidationError(
                "Some fields are not valid", fields={"contact_id": "no such contact"}
            ) from error
        raise_for(error.failed)
    return to_lead(lead)


def get_lead(principal: Principal, lead_id: str) -> LeadDetail:
    lead, notes, history, touches = repo.get_lead_partition(principal.tenant_id, lead_id)
    if lead is None:
        raise NotFoundError("No such lead", code="lead_not_found")
    check_visible(principal, lead)
    contact = get_contact(principal.tenant_id, lead.contact_id) if lead.contact_id else None
    return LeadDetail(
        **to_lead(lead).model_dump(),
        contact=contact_fields(contact) if contact is not None else None,
        notes=[_to_note(note) for note in sorted(notes, key=lambda n: n.created_at, reverse=True)],
        stage_history=[
            StageHistoryEntry(
                history_id=h.history_id,
                from_stage_id=h.from_stage_id,
                to_stage_id=h.to_stage_id,
                changed_by=h.changed_by,
                changed_at=h.changed_at,
                seconds_in_previous=int(h.seconds_in_previous) if h.seconds_in_previous is not None else None,
                lost_reason=h.lost_reason,
            )
            for h in sorted(history, key=lambda h: h.changed_at)
        ],
        touches=[
            Touch(
                submission_id=t.submission_id,
                form_id=t.form_id,
                touched_at=t.touched_at,
                attribution=plain(t.attribution),
                answers=[plain(answer) for answer in t.answers or []],
            )
            for t in sorted(touches, key=lambda t: t.touched_at, reverse=True)
        ],
    )


def _to_note(note: NoteItem) -> Note:
    return Note(
        note_id=note.note_id,
        lead_id=note.lead_id,
        body=note.body,
        author_id=note.author_id,
        author_name=note.author_name,
        created_at=note.created_at,
        updated_at=note.updated_at,
        version=int(note.version or 0),
    )


def _date_bound(value: str | None, field: str, end: bool) -> str | None:
    if not value:
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return f"{day.isoformat()}T23:59:59.999Z" if end else f"{day.isoformat()}T00:00:00.000Z"
        return iso(parse_iso(value))
    except ValueError as error:
        raise ValidationError(
            "Some fields are not valid", fields={field: "use a date like 2026-01-31"}
        ) from error


def _created_range(sort_key: UnicodeAttribute, filters: LeadFilters) -> Condition | None:
    """The created-date range as a condition on `sort_key`: an index's sort key that starts with the
    created date, or the lead's `created_at` itself."""
    low = _date_bound(filters.created_from, "created_from", end=False)
    high = _date_bound(filters.created_to, "created_to", end=True)
    if low and high:
        return sort_key.between(low, high + "\uffff")
    if low:
        return sort_key >= low
    if high:
        return sort_key <= high + "\uffff"
    return None


def _pick_index(tenant_id: str, filters: LeadFilters) -> tuple[str, str]:
    """The most selective index for the filters: its name and partition key."""
    if filters.deleted:
        return "GSI1", keys.leads_index(tenant_id, deleted=True)
    if filters.stage_id:
        return "GSI2", keys.stage_index(tenant_id, filters.stage_id)
    if filters.owner_id:
        return "GSI3", keys.owner_index(tenant_id, filters.owner_id)
    if filters.source:
        return "GSI4", keys.source_index(tenant_id, filters.source)
    return "GSI1", keys.leads_index(tenant_id)


def _residual_filter(index: str, filters: LeadFilters, created: Condition | None) -> Condition | None:
    """Conditions the chosen index does not already answer, applied within its one partition
    (`created`: the date range, when the index's sort key cannot answer it)."""
    conditions: list[Condition] = [created] if created is not None else []
    if filters.stage_id and index != "GSI2":
        conditions.append(LeadItem.stage_id == filters.stage_id)
    if filters.owner_id and index != "GSI3":
        conditions.append(LeadItem.owner_id == filters.owner_id)
    if filters.source and index != "GSI4":
        conditions.append(LeadItem.source == filters.source)
    combined: Condition | None = None
    for condition in conditions:
        combined = condition if combined is None else combined & condition
    return combined


# Each sort's order unless the request names one: dates and values highest first, names A to Z.
DEFAULT_ORDER = {"created": "desc", "updated": "desc", "value": "desc", "name": "asc"}


def list_leads(principal: Principal, filters: LeadFilters, cursor: str | None, limit: int) -> LeadPage:
    """One page of the list. A search answers in match order, whatever the sort."""
    limit = max(1, min(limit, MAX_PAGE))
    if not may_see_all(principal):
        if filters.owner_id not in (None, principal.user_id):
            raise ForbiddenError("You can only list leads assigned to you", code="forbidden_owner")
        filters = filters.model_copy(update={"owner_id": principal.user_id})
    if filters.q and query_prefix(filters.q):
        return _search(principal, filters, cursor, limit)
    order = filters.order or DEFAULT_ORDER[filters.sort]
    after = _index_cursor(cursor, filters.sort, order)
    if filters.sort == "created":
        items, next_cursor = _by_created(principal.tenant_id, filters, after, limit, order == "asc")
    else:
        items, next_cursor = _by_sort(principal.tenant_id, filters, after, limit, order == "asc")
    return LeadPage(
        items=[to_lead(item) for item in items],
        next_cursor=_list_cursor(next_cursor, filters.sort, order),
        total=_counted_total(principal.tenant_id, filters),
    )


def _counted_total(tenant_id: str, filters: LeadFilters) -> int | None:
    """The list's size where the stage counters hold it (live leads, all or one stage's, all or one
    owner's): one small Query, whatever the number of leads. Other filters have no counter: None."""
    if filters.deleted or filters.source or filters.created_from or filters.created_to:
        return None
    return counted_leads(tenant_id, stage_id=filters.stage_id, owner_id=filters.owner_id)


def _by_created(
    tenant_id: str, filters: LeadFilters, cursor: str | None, limit: int, ascending: bool
) -> tuple[list[LeadItem], str | None]:
    index, hash_key = _pick_index(tenant_id, filters)
    if index in repo.CREATED_ORDER:  # the index answers the date range in its key condition
        key_range, filtered = _created_range(getattr(LeadItem, f"{index}SK"), filters), None
    else:  # the stage index sorts by stage entry: the range filters within its partition
        key_range, filtered = None, _created_range(LeadItem.created_at, filters)
    return repo.query_leads(
        index,
        hash_key,
        key_range,
        _residual_filter(index, filters, filtered),
        limit,
        cursor,
        oldest_first=ascending,
    )


def _by_sort(
    tenant_id: str, filters: LeadFilters, cursor: str | None, limit: int, ascending: bool
) -> tuple[list[LeadItem], str | None]:
    """The sort's index (the tenant's live leads), the filters and the created range within it."""
    if filters.deleted:
        raise ValidationError(
            "Deleted leads are listed by creation date only",
            fields={"sort": "use created (or leave it out) with deleted=true"},
        )
    index = repo.SORT_INDEXES[filters.sort]
    partition = {"GSI7": keys.updated_index, "GSI8": keys.value_index, "GSI9": keys.name_index}[index]
    created = _created_range(LeadItem.created_at, filters)
    return repo.query_sorted(
        index,
        partition(tenant_id),
        _residual_filter(index, filters, created),
        limit,
        cursor,
        ascending=ascending,
    )


_ORDERS = frozenset(f"{sort}.{order}" for sort in DEFAULT_ORDER for order in ("asc", "desc"))


# A cursor of the list in any order but the first (created, newest first) names its order in front:
# `<sort>.<order>.<index cursor>` (an index cursor is base64url, without dots).
def _list_cursor(index_cursor: str | None, sort: str, order: str) -> str | None:
    if index_cursor is None or (sort, order) == ("created", "desc"):
        return index_cursor
    return f"{sort}.{order}.{index_cursor}"


def _index_cursor(cursor: str | None, sort: str, order: str) -> str | None:
    """The index cursor inside the list's `cursor`, which must have been made for this sort and order:
    another order's would read a wrong page, so it is a 422."""
    if not cursor:
        return None
    made_for, _, index_cursor = cursor.rpartition(".")
    made_for = made_for or "created.desc"
    if made_for not in _ORDERS:
        raise BadRequestError("The cursor is not valid", code="invalid_cursor", fields={"cursor": "invalid"})
    if made_for != f"{sort}.{order}":
        raise ValidationError(
            "This cursor belongs to the list in another order: start again from the first page",
            code="cursor_order_mismatch",
            fields={"cursor": f"made for another sort or order than {sort} {order}"},
        )
    return index_cursor


def _matches(lead: LeadItem, filters: LeadFilters) -> bool:
    low = _date_bound(filters.created_from, "created_from", end=False)
    high = _date_bound(filters.created_to, "created_to", end=True)
    return (
        bool(lead.deleted_at) == filters.deleted
        and filters.stage_id in (None, lead.stage_id)
        and filters.owner_id in (None, lead.owner_id)
        and filters.source in (None, lead.source)
        and (low is None or lead.created_at >= low)
        and (high is None or lead.created_at <= high)
    )


def _search(principal: Principal, filters: LeadFilters, cursor: str | None, limit: int) -> LeadPage:
    """Prefix search through the search terms; other filters apply to the matches only."""
    ids, next_cursor = repo.search_lead_ids(principal.tenant_id, query_prefix(filters.q or ""), limit, cursor)
    found = repo.batch_get_leads(principal.tenant_id, ids)
    items = [found[i] for i in ids if i in found and _matches(found[i], filters)]
    return LeadPage(items=[to_lead(item) for item in items], next_cursor=next_cursor)


def update_lead(principal: Principal, lead_id: str, request: LeadUpdate) -> Lead:
    changed = {field: getattr(request, field) for field in request.model_fields_set}
    if changed.get("custom_fields") is not None:
        changed["custom_fields"] = fields.validate_custom_fields(
            principal.tenant_id, "lead", dict(changed["custom_fields"]), creating=False
        )
    return to_lead(change_fields(principal, lead_id, request.version, changed))


def delete_lead(principal: Principal, lead_id: str) -> Lead:
    """Soft delete: the lead leaves every list and counter but stays restorable."""
    lead = visible_lead(principal, lead_id)
    if lead.deleted_at:
        return to_lead(lead)
    return _set_deleted(principal, lead, iso(), "LeadDeleted")


def restore_lead(principal: Principal, lead_id: str) -> Lead:
    lead = visible_lead(principal, lead_id)
    if not lead.deleted_at:
        return to_lead(lead)
    return _set_deleted(principal, lead, None, "LeadRestored")


def _set_deleted(principal: Principal, lead: LeadItem, deleted_at: str | None, event: str) -> Lead:
    counted = placement_of(lead)
    lead.deleted_at = deleted_at
    lead.updated_at = iso()
    repo.apply_index_keys(lead)
    tx = Transaction()
    tx.put("lead", lead)
    count(tx, counted, placement_of(lead))
    tags = [str(t) for t in lead.tags or []]  # a deleted lead carries no tag until restored
    fields.tag_writes(tx, lead.tenant_id, "lead", lead.lead_id, *((tags, []) if deleted_at else ([], tags)))
    kind = "deleted" if deleted_at else "restored"
    record_change(
        tx, lead.PK, lead_event(principal, event, lead), kind, actor_name=principal.name or principal.email
    )
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "stage" in error.failed:
            raise ConflictError("The lead's stage no longer exists", code="stage_missing") from error
        raise_for(error.failed, lead)
    return to_lead(lead)


def add_note(principal: Principal, lead_id: str, request: NoteCreate) -> Note:
    lead = visible_lead(principal, lead_id)
    if lead.deleted_at:
        raise ConflictError("This lead is deleted: restore it first", code="lead_deleted")
    at, note_id = iso(), new_id()
    note = NoteItem(
        lead.PK,
        keys.note_sk(at, note_id),
        note_id=note_id,
        lead_id=lead_id,
        body=request.body,
        author_id=principal.user_id,
        author_name=principal.name or principal.email,
        created_at=at,
        updated_at=at,
    )
    tx = Transaction()
    tx.put("note", note)
    tx.check("lead", LeadItem, lead.PK, keys.LEAD_SK, LeadItem.deleted_at.does_not_exist())
    event = DomainEvent(
        detail_type="NoteAdded",
        tenant_id=principal.tenant_id,
        actor_id=principal.user_id,
        subject_id=lead_id,
        data={"note_id": note_id, "lead_id": lead_id},
    )
    tx.put("outbox", outbox_item(event))
    try:
        tx.commit()
    except TransactionCancelledError as error:
        raise ConflictError("This lead is deleted: restore it first", code="lead_deleted") from error
    return _to_note(note)


def update_note(principal: Principal, lead_id: str, note_id: str, request: NoteUpdate) -> Note:
    visible_lead(principal, lead_id)
    note = repo.get_note(principal.tenant_id, lead_id, note_id)
    if note is None:
        raise NotFoundError("No such note", code="note_not_found")
    if note.author_id != principal.user_id and not may_see_all(principal):
        raise ForbiddenError("Only the author can edit this note", code="not_note_author")
    if request.version != note.version:
        raise ConflictError("Someone else changed this note: reload it", code="stale_version")
    note.body, note.updated_at = request.body, iso()
    tx = Transaction()
    tx.put("note", note)
    try:
        tx.commit()
    except TransactionCancelledError as error:
        raise ConflictError("Someone else changed this note: reload it", code="stale_version") from error
    return _to_note(note)
