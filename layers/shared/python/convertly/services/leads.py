"""Lead use cases: create, read, list and search, update, soft delete and restore, notes.

Every write is one TransactWriteItems that also moves the stage counters and writes the domain
event to the outbox, so the change, its aggregates and its event commit together or not at all.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pynamodb.expressions.condition import Condition

from convertly.billing import usage
from convertly.clock import iso, new_id, parse_iso
from convertly.data import keys
from convertly.data import leads as repo
from convertly.data.counters import CounterChanges, Placement, StageConditions
from convertly.data.models import LeadItem, NoteItem, StageHistoryItem, StageItem, UserItem
from convertly.data.pipelines import resolve_stage
from convertly.data.transaction import Transaction, TransactionCancelledError
from convertly.domain.leads import (
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
from convertly.domain.principal import Principal
from convertly.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from convertly.events.envelope import DomainEvent
from convertly.events.outbox import outbox_item
from convertly.permissions import Permission
from convertly.services.search import lead_terms, query_prefix

MAX_PAGE = 100
_EDITABLE = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "company",
    "owner_id",
    "source",
    "tags",
    "custom_fields",
)


def to_minor(value: Decimal | None) -> int:
    return int((value or Decimal(0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) * 100)


def to_lead(item: LeadItem) -> Lead:
    return Lead(
        lead_id=item.lead_id,
        first_name=item.first_name,
        last_name=item.last_name,
        name=repo.display_name(item),
        email=item.email,
        phone=item.phone,
        company=item.company,
        value=item.value / 100,
        currency=item.currency,
        owner_id=item.owner_id,
        source=item.source,
        tags=[str(tag) for tag in item.tags or []],
        custom_fields=repo.plain(item.custom_fields),
        attribution=repo.plain(item.attribution),
        pipeline_id=item.pipeline_id,
        stage_id=item.stage_id,
        stage_entered_at=item.stage_entered_at,
        created_at=item.created_at,
        created_by=item.created_by,
        updated_at=item.updated_at,
        deleted_at=item.deleted_at,
        version=int(item.version or 0),
        last_touch=repo.plain(item.last_touch) if item.last_touch else repo.plain(item.attribution),
        touch_count=int(item.touch_count or 0),
        over_limit=bool(item.over_limit),
    )


def _event(principal: Principal, detail_type: str, lead: LeadItem, **data: Any) -> DomainEvent:
    return DomainEvent(
        detail_type=detail_type,
        tenant_id=principal.tenant_id,
        actor_id=principal.user_id,
        subject_id=lead.lead_id,
        data={"lead": to_lead(lead).model_dump(mode="json"), **data},
    )


def may_see_all(principal: Principal) -> bool:
    return principal.can(Permission.LEADS_READ_ALL)


def _check_owner_assignment(principal: Principal, owner_id: str | None) -> None:
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
    details = {"lead": to_lead(current).model_dump(mode="json")} if current is not None else None
    return ConflictError("Someone else changed this lead: reload it", code="stale_version", details=details)


def check_visible(principal: Principal, lead: LeadItem) -> None:
    if not may_see_all(principal) and lead.owner_id != principal.user_id:
        raise ForbiddenError("This lead is assigned to someone else", code="not_lead_owner")


def _count(
    tx: Transaction,
    before: Placement | None,
    after: Placement | None,
    conditions: StageConditions | None = None,
) -> None:
    """Move the stage and owner counters from where the lead counted to where it counts now."""
    changes = CounterChanges()
    changes.move(before, after)
    changes.write(tx, conditions)


def _check_user(tx: Transaction, tenant_id: str, user_id: str) -> None:
    tx.check("owner", UserItem, keys.tenant(tenant_id), keys.user_sk(user_id), UserItem.PK.exists())


def _raise_for(failed: list[str], lead: LeadItem | None = None) -> None:
    if "owner" in failed:
        raise ValidationError(
            "Some fields are not valid", fields={"owner_id": "no such user in this account"}
        )
    if "stage" in failed:
        raise ValidationError(
            "Some fields are not valid", fields={"stage_id": "no such stage in this pipeline"}
        )
    raise stale_version(repo.get_lead(lead.tenant_id, lead.lead_id) if lead is not None else None)


def create_lead(principal: Principal, request: LeadCreate, at: str | None = None) -> Lead:
    """Create a lead (`at` backdates it; only imports and the demo seed pass it)."""
    _check_owner_assignment(principal, request.owner_id)
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
        company=request.company,
        value=to_minor(request.value),
        currency=request.currency or "USD",
        owner_id=owner_id,
        source=(request.source or "manual"),
        tags=request.tags or [],
        custom_fields=request.custom_fields or {},
        attribution=request.attribution.model_dump(exclude_none=True) if request.attribution else {},
        pipeline_id=pipeline_id,
        stage_id=stage_id,
        stage_entered_at=at,
        created_at=at,
        created_by=principal.user_id,
        updated_at=at,
    )
    lead.search_terms = lead_terms(lead.first_name, lead.last_name, lead.email, lead.phone)  # type: ignore[assignment]
    repo.apply_index_keys(lead)

    def transaction(over_limit: bool) -> Transaction:
        tx = Transaction()
        add_new_lead(tx, lead, principal.user_id)
        if owner_id:
            _check_user(tx, principal.tenant_id, owner_id)
        tx.put("outbox", outbox_item(_event(principal, "LeadCreated", lead)))
        return tx

    try:
        # The month's lead counter joins the transaction; at the plan's limit this is a 402.
        usage.commit_new_lead(principal.tenant_id, transaction)
    except TransactionCancelledError as error:
        _raise_for(error.failed)
    return to_lead(lead)


def _history(
    lead: LeadItem, from_stage: str | None, to_stage: str, by: str, at: str, seconds: int | None
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
    )


def get_lead(principal: Principal, lead_id: str) -> LeadDetail:
    lead, notes, history, touches = repo.get_lead_partition(principal.tenant_id, lead_id)
    if lead is None:
        raise NotFoundError("No such lead", code="lead_not_found")
    check_visible(principal, lead)
    return LeadDetail(
        **to_lead(lead).model_dump(),
        notes=[_to_note(note) for note in sorted(notes, key=lambda n: n.created_at, reverse=True)],
        stage_history=[
            StageHistoryEntry(
                history_id=h.history_id,
                from_stage_id=h.from_stage_id,
                to_stage_id=h.to_stage_id,
                changed_by=h.changed_by,
                changed_at=h.changed_at,
                seconds_in_previous=int(h.seconds_in_previous) if h.seconds_in_previous is not None else None,
            )
            for h in sorted(history, key=lambda h: h.changed_at)
        ],
        touches=[
            Touch(
                submission_id=t.submission_id,
                form_id=t.form_id,
                touched_at=t.touched_at,
                attribution=repo.plain(t.attribution),
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


def _created_range(index: str, filters: LeadFilters) -> Condition | None:
    low = _date_bound(filters.created_from, "created_from", end=False)
    high = _date_bound(filters.created_to, "created_to", end=True)
    sort_key = getattr(LeadItem, f"{index}SK")
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


def _residual_filter(index: str, filters: LeadFilters) -> Condition | None:
    """Conditions the chosen index does not already answer, applied within its one partition."""
    conditions: list[Condition] = []
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


def list_leads(principal: Principal, filters: LeadFilters, cursor: str | None, limit: int) -> LeadPage:
    limit = max(1, min(limit, MAX_PAGE))
    if not may_see_all(principal):
        if filters.owner_id not in (None, principal.user_id):
            raise ForbiddenError("You can only list leads assigned to you", code="forbidden_owner")
        filters = filters.model_copy(update={"owner_id": principal.user_id})
    if filters.q and query_prefix(filters.q):
        return _search(principal, filters, cursor, limit)
    index, hash_key = _pick_index(principal.tenant_id, filters)
    items, next_cursor = repo.query_leads(
        index, hash_key, _created_range(index, filters), _residual_filter(index, filters), limit, cursor
    )
    return LeadPage(items=[to_lead(item) for item in items], next_cursor=next_cursor)


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


def _changed_fields(lead: LeadItem, request: LeadUpdate) -> dict[str, tuple[Any, Any]]:
    changes: dict[str, tuple[Any, Any]] = {}
    for field in request.model_fields_set & {*_EDITABLE, "value", "currency"}:
        new: Any = getattr(request, field)
        if field == "value":
            new = to_minor(new)
        elif field == "source" and new is not None:
            new = str(new)
        elif field == "currency" and new is None:
            new = "USD"
        old = repo.plain(getattr(lead, field)) if field == "custom_fields" else getattr(lead, field)
        if field == "tags":
            old, new = list(old or []), list(new or [])
        if old != new:
            changes[field] = (old, new)
    return changes


def update_lead(principal: Principal, lead_id: str, request: LeadUpdate) -> Lead:
    lead = visible_lead(principal, lead_id)
    if lead.deleted_at:
        raise ConflictError("This lead is deleted: restore it first", code="lead_deleted")
    if request.version != lead.version:
        raise stale_version(lead)
    changes = _changed_fields(lead, request)
    if "owner_id" in changes:
        _check_owner_assignment(principal, changes["owner_id"][1])
    if not changes:
        return to_lead(lead)
    old_terms, counted = [str(t) for t in lead.search_terms or []], Placement.of(lead)
    for field, (_, new) in changes.items():
        setattr(lead, field, new)
    lead.updated_at = iso()
    lead.search_terms = lead_terms(lead.first_name, lead.last_name, lead.email, lead.phone)  # type: ignore[assignment]
    repo.apply_index_keys(lead)
    tx = Transaction()
    tx.put("lead", lead)
    _retarget_search(tx, lead, old_terms)
    _count(tx, counted, Placement.of(lead))
    new_owner = changes.get("owner_id", (None, None))[1]
    if new_owner:
        _check_user(tx, principal.tenant_id, new_owner)
    changed = {field: {"from": old, "to": new} for field, (old, new) in changes.items()}
    tx.put("outbox", outbox_item(_event(principal, "LeadUpdated", lead, changes=changed)))
    try:
        tx.commit()
    except TransactionCancelledError as error:
        _raise_for(error.failed, lead)
    return to_lead(lead)


def _retarget_search(tx: Transaction, lead: LeadItem, old_terms: list[str]) -> None:
    terms = [str(term) for term in lead.search_terms or []]
    if set(terms) == set(old_terms):
        return
    for term in set(old_terms) - set(terms):
        tx.delete("search", repo.search_item(lead.tenant_id, term, lead.lead_id, terms))
    for term in terms:  # every entry, so each carries the lead's new list of terms
        tx.put("search", repo.search_item(lead.tenant_id, term, lead.lead_id, terms))


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
    counted = Placement.of(lead)
    lead.deleted_at = deleted_at
    lead.updated_at = iso()
    repo.apply_index_keys(lead)
    tx = Transaction()
    tx.put("lead", lead)
    _count(tx, counted, Placement.of(lead))
    tx.put("outbox", outbox_item(_event(principal, event, lead)))
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "stage" in error.failed:
            raise ConflictError("The lead's stage no longer exists", code="stage_missing") from error
        _raise_for(error.failed, lead)
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


def add_new_lead(tx: Transaction, lead: LeadItem, actor_id: str) -> None:
    """The writes of a new lead besides its event and owner check: the lead, its search terms, its
    first stage-history entry and the counters it enters (labelled "stage" if its stage is gone).
    Lead creation through the API and through a form both use it, so both count alike."""
    tx.put("lead", lead)
    terms = [str(term) for term in lead.search_terms or []]
    for term in terms:
        tx.put("search", repo.search_item(lead.tenant_id, term, lead.lead_id, terms))
    tx.put("history", _history(lead, None, lead.stage_id, actor_id, lead.created_at, None))
    # A stage being deleted takes no new leads (its leads are moving out).
    entering = StageItem.PK.exists() & StageItem.move_to.does_not_exist()
    _count(tx, None, Placement.of(lead), {lead.stage_id: ("stage", entering)})
