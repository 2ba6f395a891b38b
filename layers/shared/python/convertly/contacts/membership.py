"""Smart list members: each list's contacts, kept up to date by a consumer of contact and lead events
and built (or rebuilt, after a change of filters or order) by walking the tenant's contacts a page at
a time.

A member is two items in the list's members partition (`T#<t>#LIST#<l>#G<generation>`): `C#<contact>`
says where the contact sorts, `S#<sort value>#<contact>` is its place in the list's order, which a
page reads (one Query, Limit page + 1, whatever the list's or the tenant's size). A counter item in
the same partition holds the total. Every change of a member is one transaction conditional on what
it read, so the consumer and a build touching the same contact at once cannot count it twice; a
cancelled one is read again and retried.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from convertly.contacts import keys
from convertly.contacts import store as repo
from convertly.contacts.items import (
    ContactItem,
    MemberCountItem,
    MemberKeyItem,
    MemberSortItem,
    SmartListItem,
)
from convertly.contacts.lists import LeadState, matches, sort_value
from convertly.leads import service as leads
from convertly.pipelines import service as pipelines
from convertly.platform.clock import iso
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.items import Item
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

LISTS_TTL_SECONDS = 30.0
ATTEMPTS = 3
LISTS_PER_TRANSACTION = 25  # up to 4 writes each
BUILD_PAGE = 50


@dataclass(frozen=True)
class _Cached:
    at: float
    lists: list[SmartListItem]


_LISTS: dict[str, _Cached] = {}


def forget_lists(tenant_id: str) -> None:
    """A list was saved or deleted in this process: read them again next time."""
    _LISTS.pop(tenant_id, None)


def live_lists(tenant_id: str, *, fresh: bool = False) -> list[SmartListItem]:
    """The tenant's smart lists (one Query of the tenant partition), kept a short while per process."""
    cached = _LISTS.get(tenant_id)
    if cached is not None and not fresh and time.monotonic() - cached.at < LISTS_TTL_SECONDS:
        return cached.lists
    found = [
        item
        for item in SmartListItem.query(
            platform_keys.tenant(tenant_id),
            SmartListItem.SK.startswith(keys.SMART_LIST_PREFIX),
            consistent_read=fresh,
        )
        if not item.deleted_at
    ]
    _LISTS[tenant_id] = _Cached(time.monotonic(), found)
    return found


def _lead_states(contact: ContactItem, lead_ids: list[str]) -> list[LeadState]:
    if not lead_ids:
        return []
    kinds = pipelines.stage_kinds(contact.tenant_id)
    found = leads.batch_get_leads(contact.tenant_id, lead_ids)
    return [
        LeadState(lead.stage_id, kinds.get(lead.stage_id) == "open", bool(lead.deleted_at))
        for lead in found.values()
    ]


def refresh_contact(tenant_id: str, contact_id: str, only: SmartListItem | None = None) -> int:
    """Put the contact in (or take it out of, or move it within) every list, or just `only`; the
    number of lists whose members changed."""
    lists = [only] if only is not None else live_lists(tenant_id)
    if not lists:
        return 0
    for attempt in range(ATTEMPTS):
        try:
            return _refresh(tenant_id, contact_id, lists)
        except TransactionCancelledError:
            if attempt == ATTEMPTS - 1:
                raise
    return 0


def _refresh(tenant_id: str, contact_id: str, lists: list[SmartListItem]) -> int:
    contact, links = repo.get_contact_with_leads(tenant_id, contact_id)
    states = _lead_states(contact, [link.lead_id for link in links]) if contact is not None else []
    wanted = [(keys.members(tenant_id, item.list_id, int(item.generation)), item) for item in lists]
    current = {
        found.PK: found
        for found in MemberKeyItem.batch_get(
            [(partition, keys.member_key_sk(contact_id)) for partition, _ in wanted], consistent_read=True
        )
    }
    changed = 0
    tx = Transaction()
    for index, (partition, smart_list) in enumerate(wanted):
        filters = json.loads(smart_list.filters)
        target = None
        if contact is not None and matches(filters, contact, states):
            target = keys.member_sort_sk(sort_value(smart_list.sort, contact), contact_id)
        changed += _member_writes(tx, partition, contact, contact_id, current.get(partition), target)
        if (index + 1) % LISTS_PER_TRANSACTION == 0 and len(tx):
            tx.commit()
            tx = Transaction()
    if len(tx):
        tx.commit()
    return changed


def _member_writes(
    tx: Transaction,
    partition: str,
    contact: ContactItem | None,
    contact_id: str,
    current: MemberKeyItem | None,
    target: str | None,
) -> int:
    """The writes that make the list's membership of the contact `target` (its sorted key, or None
    for "not a member"), conditional on `current` still being what is stored."""
    label = partition.rsplit("#", 2)[-2]
    key = MemberKeyItem(partition, keys.member_key_sk(contact_id))
    counter = Item(partition, keys.MEMBER_COUNT_SK)
    owner = contact.owner_id if contact is not None else None
    if current is None and target is None:
        return 0
    if current is not None and target == current.sort_sk:
        return 0
    if current is None:
        key.contact_id, key.sort_sk = contact_id, str(target)
        tx.put(f"key_{label}", key, MemberKeyItem.PK.does_not_exist())
        tx.put(f"sort_{label}", MemberSortItem(partition, str(target), contact_id=contact_id, owner_id=owner))
        tx.update(
            f"count_{label}",
            counter,
            [MemberCountItem.type.set(MemberCountItem), MemberCountItem.members.add(1)],
        )
        return 1
    tx.delete(f"old_{label}", MemberSortItem(partition, current.sort_sk))
    if target is None:
        tx.delete(f"key_{label}", key, MemberKeyItem.sort_sk == current.sort_sk)
        tx.update(
            f"count_{label}",
            counter,
            [MemberCountItem.type.set(MemberCountItem), MemberCountItem.members.add(-1)],
        )
        return 1
    key.contact_id, key.sort_sk = contact_id, target
    tx.put(f"key_{label}", key, MemberKeyItem.sort_sk == current.sort_sk)
    tx.put(f"sort_{label}", MemberSortItem(partition, target, contact_id=contact_id, owner_id=owner))
    return 1


# Building ------------------------------------------------------------------------------------------


def build(tenant_id: str, list_id: str, keep_going: Callable[[], bool]) -> bool:
    """Go on building the list from its checkpoint while `keep_going()`: every live contact, then
    the previous generation's members deleted. True when the list is ready; otherwise the
    checkpoint is saved with a continuation event, which brings the consumer back to it."""
    smart_list = _get(tenant_id, list_id)
    if smart_list is None or smart_list.deleted_at or smart_list.status == "ready":
        return True
    while keep_going():
        phase = smart_list.build_phase or "live"
        if phase == "live":
            found, cursor = repo.query_index(
                ContactItem, "GSI1", keys.contacts_index(tenant_id), BUILD_PAGE, smart_list.build_cursor
            )
            for contact in found:
                if isinstance(contact, ContactItem):
                    refresh_contact(tenant_id, contact.contact_id, only=smart_list)
            if cursor is None:
                smart_list.build_phase, smart_list.build_cursor = "clean", None
            else:
                smart_list.build_cursor = cursor
        elif phase == "clean" and _clean_previous(tenant_id, smart_list):
            smart_list.build_phase, smart_list.status = "done", "ready"
            _save_progress(smart_list, continued=False)
            return True
        _save_progress(smart_list, continued=False)
    _save_progress(smart_list, continued=True)
    return False


def _get(tenant_id: str, list_id: str) -> SmartListItem | None:
    try:
        return SmartListItem.get(
            platform_keys.tenant(tenant_id), keys.smart_list_sk(list_id), consistent_read=True
        )
    except SmartListItem.DoesNotExist:
        return None


def _clean_previous(tenant_id: str, smart_list: SmartListItem) -> bool:
    """Delete a page of the previous generation's members; True when none are left."""
    generation = int(smart_list.generation)
    if generation <= 1:
        return True
    partition = keys.members(tenant_id, smart_list.list_id, generation - 1)
    page = list(Item.query(partition, limit=100))
    if not page:
        return True
    with Item.batch_write() as batch:
        for item in page:
            batch.delete(item)
    return False


def _save_progress(smart_list: SmartListItem, *, continued: bool) -> None:
    """Save where the build stands; a build that must go on writes the event that resumes it in the
    same transaction (a list saved meanwhile has a new version: this build gives way to its own)."""
    actions = [
        SmartListItem.build_phase.set(smart_list.build_phase),
        SmartListItem.status.set(smart_list.status),
        SmartListItem.updated_at.set(smart_list.updated_at),
    ]
    actions.append(
        SmartListItem.build_cursor.set(smart_list.build_cursor)
        if smart_list.build_cursor
        else SmartListItem.build_cursor.remove()
    )
    tx = Transaction()
    same = SmartListItem.version == smart_list.version
    tx.update("list", Item(smart_list.PK, smart_list.SK), actions, same)
    if continued:
        tx.put("outbox", outbox_item(build_event(smart_list)))
    try:
        tx.commit()
    except TransactionCancelledError:
        return


def build_event(smart_list: SmartListItem) -> DomainEvent:
    return DomainEvent(
        detail_type="SmartListBuild",
        tenant_id=str(smart_list.PK).removeprefix("T#"),
        actor_id="system",
        subject_id=smart_list.list_id,
        data={"list_id": smart_list.list_id, "generation": int(smart_list.generation), "at": iso()},
    )


def drop_members(tenant_id: str, list_id: str, generation: int, keep_going: Callable[[], bool]) -> bool:
    """Delete a deleted list's members a page at a time while `keep_going()`; True when none are
    left (otherwise the caller asks again with the same event)."""
    partition = keys.members(tenant_id, list_id, generation)
    while keep_going():
        page = list(Item.query(partition, limit=100))
        if not page:
            return True
        with Item.batch_write() as batch:
            for item in page:
                batch.delete(item)
    return False


# Which contact an event is about ---------------------------------------------------------------------

_CONTACT_EVENTS = {"ContactCreated", "ContactUpdated", "ContactDeleted", "ContactRestored", "ContactMerged"}
_LEAD_EVENTS = {
    "LeadCreated",
    "LeadUpdated",
    "LeadDeleted",
    "LeadRestored",
    "LeadStageChanged",
    "LeadTouched",
}


def contact_of(event: DomainEvent) -> str | None:
    """The contact whose lists an event may change: the contact itself, or a lead's contact (read
    from the lead when the event does not carry it)."""
    if event.detail_type in _CONTACT_EVENTS:
        return event.subject_id
    if event.detail_type not in _LEAD_EVENTS:
        return None
    lead: dict[str, Any] = event.data.get("lead") or {}
    if lead.get("contact_id"):
        return str(lead["contact_id"])
    lead_id = str(event.data.get("lead_id") or event.subject_id or "")
    found = leads.get_lead(event.tenant_id, lead_id) if lead_id else None
    return str(found.contact_id) if found is not None and found.contact_id else None


def refresh_all(tenant_id: str, contact_ids: Iterable[str]) -> int:
    return sum(refresh_contact(tenant_id, contact_id) for contact_id in dict.fromkeys(contact_ids))
