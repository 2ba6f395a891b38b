"""Lead data access: the lead partition (lead, notes, stage history), the list indexes and search."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC
from decimal import Decimal

from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action

from convertly.capture import service as capture
from convertly.leads import keys
from convertly.leads.items import LeadItem, NoteItem, SearchItem, StageHistoryItem
from convertly.platform.clock import iso, parse_iso
from convertly.platform.store.items import Item, load_every_kind, plain
from convertly.platform.store.paging import decode_cursor, dynamo_key, encode_cursor, query_page

INDEXES = {
    "GSI1": LeadItem.gsi1,
    "GSI2": LeadItem.gsi2,
    "GSI3": LeadItem.gsi3,
    "GSI4": LeadItem.gsi4,
    "GSI5": LeadItem.gsi5,
    "GSI7": LeadItem.gsi7,
    "GSI8": LeadItem.gsi8,
    "GSI9": LeadItem.gsi9,
}


# Sorted by created date: GSI1 (all leads), GSI3 (an owner's), GSI4 (a source's). Sorted by when the
# lead entered its stage, so a board column shows the latest arrivals first: GSI2 (a stage's leads)
# and GSI5 (one owner's leads in a stage).
CREATED_ORDER = frozenset({"GSI1", "GSI3", "GSI4"})

# The list's other orders, each the tenant's live leads in one partition of its own index.
SORT_INDEXES = {"updated": "GSI7", "value": "GSI8", "name": "GSI9"}


def apply_index_keys(lead: LeadItem) -> None:
    """Set the lead's GSI keys from its state. A deleted lead leaves every list but the deleted one."""
    sort = keys.created_sort(lead.created_at, lead.lead_id)
    in_stage = keys.stage_sort(lead.stage_entered_at, lead.lead_id)
    deleted = bool(lead.deleted_at)
    lead.GSI1PK, lead.GSI1SK = keys.leads_index(lead.tenant_id, deleted=deleted), sort
    live = not deleted
    lead.GSI2PK = keys.stage_index(lead.tenant_id, lead.stage_id) if live else None
    lead.GSI2SK = in_stage if live else None
    lead.GSI3PK = keys.owner_index(lead.tenant_id, lead.owner_id) if live and lead.owner_id else None
    lead.GSI3SK = sort if lead.GSI3PK else None
    lead.GSI4PK = keys.source_index(lead.tenant_id, lead.source) if live else None
    lead.GSI4SK = sort if live else None
    owned = live and bool(lead.owner_id)
    lead.GSI5PK = keys.owner_stage_index(lead.tenant_id, str(lead.owner_id), lead.stage_id) if owned else None
    lead.GSI5SK = in_stage if owned else None
    click = latest_google_click(lead) if live else None
    clicked_at = click[2] if click else None
    lead.GSI6PK = keys.google_click_index(lead.tenant_id) if clicked_at else None
    lead.GSI6SK = keys.google_click_sort(clicked_at, lead.lead_id) if clicked_at else None
    tenant, lead_id = lead.tenant_id, lead.lead_id
    lead.GSI7PK = keys.updated_index(tenant) if live else None
    lead.GSI8PK = keys.value_index(tenant) if live else None
    lead.GSI9PK = keys.name_index(tenant) if live else None
    sorts = _sort_keys(lead_id, lead.updated_at, lead.value or 0, display_name(lead)) if live else {}
    for attribute in ("GSI7SK", "GSI8SK", "GSI9SK"):
        setattr(lead, attribute, sorts.get(attribute))


def _sort_keys(
    lead_id: str, updated_at: str | None, value: Decimal | int | float | None, name: str | None
) -> dict[str, str]:
    """The sort keys of the list's other orders for what is given (None: not given)."""
    found: dict[str, str] = {}
    if updated_at is not None:
        found["GSI7SK"] = keys.updated_sort(updated_at, lead_id)
    if value is not None:
        found["GSI8SK"] = keys.value_sort(value, lead_id)
    if name is not None:
        found["GSI9SK"] = keys.name_sort(name, lead_id)
    return found


def sort_key_actions(
    lead_id: str,
    *,
    updated_at: str | None = None,
    value: Decimal | int | float | None = None,
    person: LeadItem | None = None,
) -> list[Action]:
    """The update actions that keep the list's sorts (GSI7 last updated, GSI8 value, GSI9 name) right
    after an in-place update of a lead: pass what the update sets, `person` for a lead whose name,
    email or phone it sets (as they will be: the name the list shows sorts it).

    Sort keys only: a lead is in a sparse index while it has both keys, and only `apply_index_keys`
    (a lead's full write: create, edit, delete, restore; and the backfill) sets or removes the
    partition keys. So an update that reaches a deleted lead leaves it out of these lists, and one
    racing a delete or a restore cannot put a deleted lead back."""
    name = display_name(person) if person is not None else None
    return [
        getattr(LeadItem, attribute).set(key)
        for attribute, key in _sort_keys(lead_id, updated_at, value, name).items()
    ]


GOOGLE_CLICK_IDS = ("gclid", "gbraid", "wbraid")  # in the order Google Ads prefers them
_TOUCH_TIMES = ("first_seen_at", "captured_at", "submitted_at")


def latest_google_click(lead: LeadItem) -> tuple[str, str, str] | None:
    """The lead's Google click as (gclid | gbraid | wbraid, its value, when: UTC ISO), or None.

    The click the conversions capability reports and the click index sorts by: the most recent touch
    with a click id (the last touch, then the first), its first id in GOOGLE_CLICK_IDS' order, at the
    touch's first-seen time, else the lead's creation."""
    touches = [plain(lead.last_touch) if lead.last_touch else {}, plain(lead.attribution)]
    for touch in touches:
        for name in GOOGLE_CLICK_IDS:
            if touch.get(name):
                return name, str(touch[name]), _touch_time(touch) or lead.created_at
    return None


def _touch_time(touch: dict[str, object]) -> str | None:
    return next((t for t in map(_utc, (touch.get(n) for n in _TOUCH_TIMES)) if t), None)


def touch_click_actions(tenant_id: str, lead_id: str, touch: dict[str, object]) -> list[Action]:
    """The click index entry a new last touch sets (the lead's latest Google click), for a lead
    updated in place; none when the touch has no gclid, gbraid or wbraid (the entry stays)."""
    if not any(touch.get(name) for name in GOOGLE_CLICK_IDS):
        return []
    clicked_at = _touch_time(touch)
    if clicked_at is None:
        return []
    return [
        LeadItem.GSI6PK.set(keys.google_click_index(tenant_id)),
        LeadItem.GSI6SK.set(keys.google_click_sort(clicked_at, lead_id)),
    ]


def _utc(value: object) -> str | None:
    if not value:
        return None
    try:
        moment = parse_iso(str(value))
    except ValueError:
        return None
    return iso(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def stage_index_actions(
    tenant_id: str, lead_id: str, owner_id: str | None, stage_id: str, entered_at: str
) -> list[Action]:
    """The index keys a live lead's move to `stage_id` at `entered_at` changes (the stage-bound
    ones of `apply_index_keys`): it joins the top of its new column."""
    in_stage = keys.stage_sort(entered_at, lead_id)
    actions: list[Action] = [
        LeadItem.GSI2PK.set(keys.stage_index(tenant_id, stage_id)),
        LeadItem.GSI2SK.set(in_stage),
    ]
    if owner_id:
        actions.append(LeadItem.GSI5PK.set(keys.owner_stage_index(tenant_id, owner_id, stage_id)))
        actions.append(LeadItem.GSI5SK.set(in_stage))
    return actions


def display_name(lead: LeadItem) -> str:
    """First and last name, else the email, else the phone."""
    named = " ".join(part for part in (lead.first_name, lead.last_name) if part)
    return named or lead.email or lead.phone or ""


def get_lead(tenant_id: str, lead_id: str) -> LeadItem | None:
    try:
        return LeadItem.get(keys.lead(tenant_id, lead_id), keys.LEAD_SK, consistent_read=True)
    except LeadItem.DoesNotExist:
        return None


def get_lead_partition(
    tenant_id: str, lead_id: str
) -> tuple[LeadItem | None, list[NoteItem], list[StageHistoryItem], list[capture.Touch]]:
    """The lead, its notes, its stage history and its form touches in one Query."""
    lead: LeadItem | None = None
    notes: list[NoteItem] = []
    history: list[StageHistoryItem] = []
    touches: list[capture.Touch] = []
    load_every_kind()
    for item in Item.query(keys.lead(tenant_id, lead_id), consistent_read=True):
        if isinstance(item, LeadItem):
            lead = item
        elif isinstance(item, NoteItem):
            notes.append(item)
        elif isinstance(item, StageHistoryItem):
            history.append(item)
        elif capture.is_touch(item):
            touches.append(item)
    return lead, notes, history, touches


def get_note(tenant_id: str, lead_id: str, note_id: str) -> NoteItem | None:
    for note in NoteItem.query(
        keys.lead(tenant_id, lead_id),
        NoteItem.SK.startswith("NOTE#"),
        filter_condition=NoteItem.note_id == note_id,
        consistent_read=True,
    ):
        return note
    return None


def query_leads(
    index: str,
    hash_key: str,
    range_condition: Condition | None,
    filter_condition: Condition | None,
    limit: int,
    cursor: str | None,
    *,
    oldest_first: bool = False,
) -> tuple[list[LeadItem], str | None]:
    """One page of leads from an index, newest first (or oldest), filtered within the partition."""
    items, next_cursor = query_page(
        INDEXES[index],
        hash_key,
        limit=limit,
        cursor=cursor,
        range_condition=range_condition,
        filter_condition=filter_condition,
        forward=oldest_first,
        index_keys=(f"{index}PK", f"{index}SK"),
    )
    return items, next_cursor


# The leads a filtered page of one of the list's sorts reads at most before it answers.
SORT_READ_BUDGET = 1000


def query_sorted(
    index: str,
    hash_key: str,
    filter_condition: Condition | None,
    limit: int,
    cursor: str | None,
    *,
    ascending: bool,
) -> tuple[list[LeadItem], str | None]:
    """One page of one of the list's sorts (SORT_INDEXES), filtered within the tenant's partition.

    Unfiltered, a page reads the page plus one. Filtered, it reads on (in growing pages) until the page
    is full or it has read SORT_READ_BUDGET leads; it then answers with what it found, maybe a short or
    empty page, and a cursor from where it stopped: a filter that few leads match costs a bounded read
    per request, and the list goes on with the next."""
    if filter_condition is None:
        return query_leads(index, hash_key, None, None, limit, cursor, oldest_first=ascending)
    names = ("PK", "SK", f"{index}PK", f"{index}SK")
    start = decode_cursor(cursor, {names[2]: hash_key}) if cursor else None
    size = min(max(limit * 2, 25), SORT_READ_BUDGET)
    pages = (
        INDEXES[index]
        .query(
            hash_key,
            filter_condition=filter_condition,
            scan_index_forward=ascending,
            page_size=size,
            last_evaluated_key=dynamo_key(start) if start else None,
        )
        .page_iter
    )
    found: list[LeadItem] = []
    read = 0
    for page in pages:
        for raw in page.get("Items") or ():
            found.append(LeadItem.from_raw_data(raw))
            if len(found) > limit:
                last = found[limit - 1]
                return found[:limit], encode_cursor({name: str(getattr(last, name)) for name in names})
        read += int(page.get("ScannedCount", 0))
        stopped = pages.last_evaluated_key
        if stopped is None:
            break
        if read >= SORT_READ_BUDGET:
            return found, encode_cursor({name: str(stopped[name]["S"]) for name in names})
        size = min(size * 4, SORT_READ_BUDGET - read)
        pages.page_size = size
    return found, None


def search_lead_ids(
    tenant_id: str, prefix: str, limit: int, cursor: str | None
) -> tuple[list[str], str | None]:
    """Lead ids whose name, email or phone starts with `prefix`, by term order, each lead once.

    A lead matching the prefix through several terms (its full name and its email, say) is returned
    only at the first of those terms, so it appears once across all pages, not once per term.
    """
    hash_key = keys.search(tenant_id)
    start = decode_cursor(cursor, {"PK": hash_key}) if cursor else None
    ids: list[str] = []
    last_sk: str | None = None
    query = SearchItem.query(
        hash_key,
        SearchItem.SK.startswith(prefix),
        page_size=min(100, limit * 2 + 1),
        last_evaluated_key=dynamo_key(start) if start else None,
    )
    for item in query:
        if _first_match(item, prefix) and item.lead_id not in ids:
            if len(ids) == limit:
                break
            ids.append(item.lead_id)
        last_sk = item.SK
    else:
        last_sk = None
    return ids, encode_cursor({"PK": hash_key, "SK": last_sk}) if last_sk else None


def _first_match(item: SearchItem, prefix: str) -> bool:
    """Whether this term is the lead's first (smallest) term that starts with `prefix`."""
    term = item.SK.removesuffix(f"#{item.lead_id}")
    matching = [str(other) for other in item.terms or () if str(other).startswith(prefix)]
    return not matching or term == min(matching)


def batch_get_leads(
    tenant_id: str, lead_ids: Iterable[str], *, consistent: bool = False
) -> dict[str, LeadItem]:
    found: dict[str, LeadItem] = {}
    key_list = [(keys.lead(tenant_id, lead_id), keys.LEAD_SK) for lead_id in dict.fromkeys(lead_ids)]
    for item in LeadItem.batch_get(key_list, consistent_read=consistent):
        found[item.lead_id] = item
    return found


def search_item(tenant_id: str, term: str, lead_id: str, terms: list[str]) -> SearchItem:
    """The search entry for one of a lead's terms; `terms` are all of that lead's terms."""
    return SearchItem(keys.search(tenant_id), f"{term}#{lead_id}", lead_id=lead_id, terms=terms)


def lead_partition(tenant_id: str, lead_id: str) -> list[Item]:
    """Every item of the lead's partition: the lead, notes, stage history, notifications sent (one
    Query; more pages only past 1 MB)."""
    load_every_kind()
    return list(Item.query(keys.lead(tenant_id, lead_id), consistent_read=True))


def lead_with_term(tenant_id: str, term: str) -> str | None:
    """The newest live-or-deleted lead whose search terms include exactly `term` (an email or phone
    digits), by one Query of the search partition; None if there is none."""
    prefix = f"{term}#"
    for item in SearchItem.query(
        keys.search(tenant_id), SearchItem.SK.startswith(prefix), scan_index_forward=False, limit=5
    ):
        if item.SK.rsplit("#", 1)[0] == term:
            return item.lead_id
    return None
