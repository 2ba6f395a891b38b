"""A lead's timeline, read with one Query of the lead's partition (lead, notes, stage history, the
form submissions that reached it and the records of notifications sent all live there)."""

from __future__ import annotations

from convertly.capture import service as capture
from convertly.leads import store as repo
from convertly.leads.domain.timeline import Notified, Timeline, TimelineEntry
from convertly.leads.items import LeadItem, NoteItem, StageHistoryItem
from convertly.leads.writes import check_visible
from convertly.notifications import service as notifications
from convertly.platform.changelog import ChangeLogItem, entry_fields
from convertly.platform.errors import NotFoundError
from convertly.platform.principal import Principal
from convertly.platform.store.items import Item

# Within the same millisecond: the submission that caused it, the change, then who was told of it.
_ORDER = {
    "form_submitted": -1,
    "created": 0,
    "stage_changed": 0,
    "updated": 0,
    "deleted": 0,
    "restored": 0,
    "note": 1,
    "emailed": 1,
    "texted": 1,
    "notification": 2,
}


def lead_timeline(principal: Principal, lead_id: str) -> Timeline:
    items = repo.lead_partition(principal.tenant_id, lead_id)
    lead = next((item for item in items if isinstance(item, LeadItem)), None)
    if lead is None:
        raise NotFoundError("No such lead", code="lead_not_found")
    check_visible(principal, lead)
    entries = [entry for item in items if (entry := _entry(item)) is not None]
    entries = _fold_notifications(entries, _causes(items))
    entries.sort(key=lambda entry: (entry.at, _ORDER[entry.kind]))
    return Timeline(lead_id=lead_id, items=entries)


def _causes(items: list[Item]) -> dict[str, int]:
    """The event id of each change entry, by the entry's place in the partition's items."""
    causes: dict[str, int] = {}
    for index, item in enumerate(items):
        if isinstance(item, ChangeLogItem):
            causes[item.entry_id] = index
        elif isinstance(item, StageHistoryItem) and item.event_id:
            causes[str(item.event_id)] = index
    return causes


def _fold_notifications(entries: list[TimelineEntry], causes: dict[str, int]) -> list[TimelineEntry]:
    """A notification whose id is a change's event id (the notifier names each notification after
    the event that caused it) moves into that change's entry; the rest (reminders) stay apart."""
    by_event = {entry.event_id: entry for entry in entries if entry.event_id and entry.event_id in causes}
    kept = []
    for entry in entries:
        cause = by_event.get(entry.notification_id or "") if entry.kind == "notification" else None
        if cause is None:
            kept.append(entry)
            continue
        cause.notified.append(
            Notified(
                notification_id=str(entry.notification_id),
                recipient_id=str(entry.recipient_id),
                notification_kind=str(entry.notification_kind),
                title=str(entry.title),
            )
        )
    return kept


def _entry(item: Item) -> TimelineEntry | None:
    if isinstance(item, ChangeLogItem):
        fields = entry_fields(item)
        return TimelineEntry(
            at=item.at,
            kind=fields["kind"],
            actor_id=item.actor_id,
            actor_name=item.actor_name,
            changes=fields["changes"],
            cause=fields["cause"],
            event_id=item.entry_id,
        )
    if isinstance(item, StageHistoryItem):
        return TimelineEntry(
            at=item.changed_at,
            kind="created" if item.from_stage_id is None else "stage_changed",
            actor_id=item.changed_by,
            actor_name=item.changed_by_name,
            from_stage_id=item.from_stage_id,
            from_stage_name=item.from_stage_name,
            to_stage_id=item.to_stage_id,
            to_stage_name=item.to_stage_name,
            seconds_in_previous=int(item.seconds_in_previous)
            if item.seconds_in_previous is not None
            else None,
            lost_reason=item.lost_reason,
            lost_note=item.lost_note,
            event_id=item.event_id,
        )
    if isinstance(item, NoteItem):
        return TimelineEntry(
            at=item.created_at,
            kind="note",
            actor_id=item.author_id,
            actor_name=item.author_name,
            note_id=item.note_id,
            body=item.body,
        )
    if capture.is_touch(item):
        return TimelineEntry(kind="form_submitted", **capture.touch_fields(item))
    notified = notifications.timeline_notification(item)
    if notified is not None:
        return TimelineEntry(kind="notification", **notified)
    return None
