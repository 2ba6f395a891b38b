"""Smart lists: saved contact filters with an order, private or shared with the team, each user with
their own columns. A page of a list is one Query of its members (served by the members partition the
membership consumer keeps), then one BatchGetItem of those contacts: reads grow with the page, never
with the list or the tenant. See convertly.contacts.membership for how members are kept."""

from __future__ import annotations

import json

from convertly.contacts import keys
from convertly.contacts import store as repo
from convertly.contacts.contacts import MIN_SEARCH, may_see_all, to_contact
from convertly.contacts.domain import (
    ColumnsUpdate,
    ContactPage,
    SmartList,
    SmartListCreate,
    SmartListFilters,
    SmartListPage,
    SmartListUpdate,
)
from convertly.contacts.items import (
    ListColumnsItem,
    MemberCountItem,
    MemberKeyItem,
    MemberSortItem,
    SmartListItem,
)
from convertly.contacts.lists import DEFAULT_COLUMNS, newest_first
from convertly.contacts.membership import build_event, forget_lists
from convertly.platform.clock import iso, new_id
from convertly.platform.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.paging import query_page
from convertly.platform.store.transaction import Transaction, TransactionCancelledError
from convertly.platform.terms import query_prefix

MAX_LISTS = 100
MAX_PAGE = 100


def _not_found() -> NotFoundError:
    return NotFoundError("No such smart list", code="smart_list_not_found")


def _visible(principal: Principal, item: SmartListItem | None) -> SmartListItem:
    if item is None or item.deleted_at:
        raise _not_found()
    if item.visibility != "team" and item.owner_id != principal.user_id:
        raise _not_found()  # another user's private list is not there for anyone else
    return item


def _own(principal: Principal, item: SmartListItem) -> None:
    if item.owner_id != principal.user_id and not may_see_all(principal):
        raise ForbiddenError("Only its owner or a manager can change this list", code="not_list_owner")


def _get(principal: Principal, list_id: str) -> SmartListItem:
    try:
        item = SmartListItem.get(
            platform_keys.tenant(principal.tenant_id), keys.smart_list_sk(list_id), consistent_read=True
        )
    except SmartListItem.DoesNotExist:
        item = None
    return _visible(principal, item)


def _counts(principal: Principal, items: list[SmartListItem]) -> dict[str, int]:
    wanted = [
        (keys.members(principal.tenant_id, i.list_id, int(i.generation)), keys.MEMBER_COUNT_SK) for i in items
    ]
    found = MemberCountItem.batch_get(wanted) if wanted else []
    return {c.PK: int(c.members or 0) for c in found}


def _columns(principal: Principal, items: list[SmartListItem]) -> dict[str, list[str]]:
    tenant = platform_keys.tenant(principal.tenant_id)
    wanted = [(tenant, keys.list_columns_sk(i.list_id, principal.user_id)) for i in items]
    found = ListColumnsItem.batch_get(wanted) if wanted else []
    return {c.SK.split("#")[1]: [str(col) for col in c.columns] for c in found}


def _to_lists(principal: Principal, items: list[SmartListItem]) -> list[SmartList]:
    counts, columns = _counts(principal, items), _columns(principal, items)
    return [
        SmartList(
            list_id=i.list_id,
            name=i.name,
            filters=SmartListFilters.model_validate(json.loads(i.filters)),
            sort=i.sort,  # type: ignore[arg-type]
            visibility=i.visibility,  # type: ignore[arg-type]
            owner_id=i.owner_id,
            status="ready" if i.status == "ready" else "building",
            members=counts.get(keys.members(principal.tenant_id, i.list_id, int(i.generation)), 0),
            columns=columns.get(i.list_id, list(DEFAULT_COLUMNS)),  # type: ignore[arg-type]
            created_at=i.created_at,
            updated_at=i.updated_at,
            version=int(i.version or 0),
        )
        for i in items
    ]


def list_smart_lists(principal: Principal) -> SmartListPage:
    """The caller's lists and the team's, by name (one Query of the tenant partition, then the
    counts and the caller's columns in one BatchGetItem each)."""
    items = [
        i
        for i in SmartListItem.query(
            platform_keys.tenant(principal.tenant_id), SmartListItem.SK.startswith(keys.SMART_LIST_PREFIX)
        )
        if not i.deleted_at and (i.visibility == "team" or i.owner_id == principal.user_id)
    ]
    items.sort(key=lambda i: i.name.lower())
    return SmartListPage(items=_to_lists(principal, items))


def _event(principal: Principal, detail_type: str, item: SmartListItem) -> DomainEvent:
    return DomainEvent(
        detail_type=detail_type,
        tenant_id=principal.tenant_id,
        actor_id=principal.user_id,
        subject_id=item.list_id,
        data={"list_id": item.list_id, "generation": int(item.generation)},
    )


def create_smart_list(principal: Principal, request: SmartListCreate) -> SmartList:
    existing = list(
        SmartListItem.query(
            platform_keys.tenant(principal.tenant_id),
            SmartListItem.SK.startswith(keys.SMART_LIST_PREFIX),
            limit=MAX_LISTS + 1,
        )
    )
    if len([i for i in existing if not i.deleted_at]) >= MAX_LISTS:
        raise ConflictError(f"A team can keep up to {MAX_LISTS} smart lists", code="too_many_lists")
    if request.visibility == "team" and not may_see_all(principal):
        raise ForbiddenError("Only managers can share a list with the team", code="forbidden_visibility")
    at, list_id = iso(), new_id()
    item = SmartListItem(
        platform_keys.tenant(principal.tenant_id),
        keys.smart_list_sk(list_id),
        list_id=list_id,
        name=request.name,
        filters=request.filters.model_dump_json(),
        sort=request.sort,
        visibility=request.visibility,
        owner_id=principal.user_id,
        generation=1,
        status="building",
        build_phase="live",
        created_at=at,
        updated_at=at,
    )
    tx = Transaction()
    tx.put("list", item, SmartListItem.PK.does_not_exist())
    tx.put("outbox", outbox_item(build_event(item)))
    tx.commit()
    forget_lists(principal.tenant_id)
    return _to_lists(principal, [item])[0]


def get_smart_list(principal: Principal, list_id: str) -> SmartList:
    return _to_lists(principal, [_get(principal, list_id)])[0]


def update_smart_list(principal: Principal, list_id: str, request: SmartListUpdate) -> SmartList:
    """Rename or share it; new filters or a new order start a new generation of members, which the
    list shows as they are found (`building`); the old generation is deleted once it is built."""
    item = _get(principal, list_id)
    _own(principal, item)
    if request.version != item.version:
        raise ConflictError("Someone else changed this list: reload it", code="stale_version")
    if request.visibility == "team" and not may_see_all(principal):
        raise ForbiddenError("Only managers can share a list with the team", code="forbidden_visibility")
    rebuild = False
    if request.filters is not None and request.filters.model_dump_json() != item.filters:
        item.filters, rebuild = request.filters.model_dump_json(), True
    if request.sort is not None and request.sort != item.sort:
        item.sort, rebuild = request.sort, True
    item.name = request.name or item.name
    item.visibility = request.visibility or item.visibility
    item.updated_at = iso()
    tx = Transaction()
    if rebuild:
        item.generation = int(item.generation) + 1
        item.status, item.build_phase, item.build_cursor = "building", "live", None
        tx.put("outbox", outbox_item(build_event(item)))
    tx.put("list", item)
    try:
        tx.commit()
    except TransactionCancelledError as error:
        raise ConflictError("Someone else changed this list: reload it", code="stale_version") from error
    forget_lists(principal.tenant_id)
    return _to_lists(principal, [item])[0]


def delete_smart_list(principal: Principal, list_id: str) -> None:
    """Delete the list; the membership consumer deletes its members (SmartListDeleted)."""
    item = _get(principal, list_id)
    _own(principal, item)
    item.deleted_at = iso()
    tx = Transaction()
    tx.put("list", item)
    tx.put("outbox", outbox_item(_event(principal, "SmartListDeleted", item)))
    tx.commit()
    forget_lists(principal.tenant_id)


def save_columns(principal: Principal, list_id: str, request: ColumnsUpdate) -> SmartList:
    item = _get(principal, list_id)
    columns = list(dict.fromkeys(request.columns))
    ListColumnsItem(
        platform_keys.tenant(principal.tenant_id),
        keys.list_columns_sk(list_id, principal.user_id),
        columns=columns,
        updated_at=iso(),
    ).save()
    return _to_lists(principal, [item])[0]


def list_members(
    principal: Principal, list_id: str, q: str | None, cursor: str | None, limit: int
) -> ContactPage:
    """A page of the list's contacts in its order (one Query of the members, Limit page + 1; a Sales
    user's page filters on the owner within it), or, with `q`, the contacts the search finds that
    are members (the search's page, then one BatchGetItem of their member entries)."""
    item = _get(principal, list_id)
    limit = max(1, min(limit, MAX_PAGE))
    partition = keys.members(principal.tenant_id, list_id, int(item.generation))
    if q is not None and q.strip():
        return _search(principal, partition, q, cursor, limit)
    owned = None if may_see_all(principal) else MemberSortItem.owner_id == principal.user_id
    entries, next_cursor = query_page(
        MemberSortItem,
        partition,
        limit=limit,
        cursor=cursor,
        range_condition=MemberSortItem.SK.startswith("S#"),
        filter_condition=owned,
        forward=not newest_first(item.sort),
    )
    found = repo.batch_get_contacts(principal.tenant_id, [e.contact_id for e in entries])
    contacts = [found[e.contact_id] for e in entries if e.contact_id in found]
    return ContactPage(items=[to_contact(c) for c in contacts], next_cursor=next_cursor)


def _search(principal: Principal, partition: str, q: str, cursor: str | None, limit: int) -> ContactPage:
    prefix = query_prefix(q)
    if len(prefix) < MIN_SEARCH:
        raise ValidationError(
            "Type at least 3 characters to search", fields={"q": "type at least 3 characters"}
        )
    ids, next_cursor = repo.search_ids(keys.contact_search(principal.tenant_id), prefix, limit, cursor)
    members = (
        {m.contact_id for m in MemberKeyItem.batch_get([(partition, keys.member_key_sk(i)) for i in ids])}
        if ids
        else set()
    )
    found = repo.batch_get_contacts(principal.tenant_id, [i for i in ids if i in members])
    visible = [
        found[i]
        for i in ids
        if i in found and (may_see_all(principal) or found[i].owner_id == principal.user_id)
    ]
    return ContactPage(items=[to_contact(c) for c in visible], next_cursor=next_cursor)
