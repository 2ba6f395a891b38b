"""The triggers that fire at a time rather than on an event: no activity on an open lead for N days,
and a date field reached (a custom date field of a lead or contact, or a lead's close date).

Each published workflow with such a trigger keeps one timer per record (`TIMER#<record>` in the
workflow's partition) in the wake index (GSI6), so the automation tick reads only the timers that
are due, never the records that are not:

- No activity: every change a person makes to a lead (created, edited, moved, a note, a follow-up or
  task completed) moves its timer to that moment plus N days. Changes a workflow makes are not
  activity. When the timer is due the lead must still be open and not changed since.
- A date reached: a record created, or its date field changed, sets its timer to that date plus the
  offset, at the trigger's time of day in the tenant's time zone; emptied, the timer goes. When it is
  due the field must still hold that date.

Publishing the workflow sets the timers of the records there already are, a page at a time
(`TriggerTimerBackfill`): a lead idle for longer than N days already is due a minute later.

A due timer fires its one workflow (filters tested as for any trigger); the enrolment's id is made
from the workflow, the record and what the timer was set from, so a timer woken twice enrols once,
and the same lead idle again after new activity can be enrolled again (if the workflow allows
re-entry).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pynamodb.exceptions import DeleteError, PutError, UpdateError

from convertly.automation import keys
from convertly.automation import store as repo
from convertly.automation.definition import Trigger
from convertly.automation.items import TriggerTimerItem, WorkflowItem
from convertly.automation.triggers import Fired
from convertly.contacts import service as contacts
from convertly.leads import service as leads
from convertly.pipelines import service as pipelines
from convertly.platform.clock import iso, parse_iso
from convertly.platform.clock import now as clock_now
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.store import due
from convertly.platform.store.items import plain

ACTIVITY_EVENTS = frozenset(
    {"LeadCreated", "LeadUpdated", "LeadStageChanged", "NoteAdded", "FollowUpCompleted", "TaskCompleted"}
)
DATE_EVENTS = frozenset({"LeadCreated", "LeadUpdated", "ContactCreated", "ContactUpdated"})
BUILT_IN_DATES = {("lead", "close_date")}  # a date field that is not a custom one


@dataclass(frozen=True)
class Due:
    """A timer whose time came: the workflow to start and for whom."""

    workflow_id: str
    fired: Fired
    enrolment_id: str


def timer_id(workflow_id: str, subject_id: str) -> str:
    return f"{workflow_id}:{subject_id}"


def _lead_of(event: DomainEvent) -> str | None:
    data = event.data
    for nested in ("lead", "followup", "task"):
        value = data.get(nested)
        if isinstance(value, dict) and value.get("lead_id"):
            return str(value["lead_id"])
    if data.get("lead_id"):
        return str(data["lead_id"])
    if event.detail_type.startswith("Lead") and event.subject_id:
        return str(event.subject_id)
    return None


def _by_a_person(event: DomainEvent) -> bool:
    return not str(event.actor_id or "").startswith("workflow:")


# Setting timers -------------------------------------------------------------------------------------


class Timers:
    """Moves the timers an event concerns (one consumer message)."""

    def __init__(self, definition_of: Any, time_zone_of: Any) -> None:
        self.definition_of = definition_of  # (tenant, WorkflowItem) -> Definition | None
        self._time_zone_of = time_zone_of  # tenant -> zone name

    def on_event(self, event: DomainEvent) -> int:
        """Move the timers the event concerns; how many were written."""
        written = 0
        if event.detail_type in ACTIVITY_EVENTS and _by_a_person(event):
            written += self._activity(event)
        if event.detail_type in DATE_EVENTS:
            written += self._dates(event)
        return written

    def _published(self, tenant_id: str, trigger_type: str) -> list[tuple[WorkflowItem, Trigger]]:
        found = []
        for workflow in repo.published_with_trigger(tenant_id, trigger_type):
            definition = self.definition_of(tenant_id, workflow)
            if definition is not None and definition.trigger.type == trigger_type:
                found.append((workflow, definition.trigger))
        return found

    def _activity(self, event: DomainEvent) -> int:
        lead_id = _lead_of(event)
        if not lead_id:
            return 0
        written = 0
        for workflow, trigger in self._published(event.tenant_id, "no_activity"):
            at = parse_iso(event.occurred_at) + timedelta(days=int(trigger.days or 1))
            written += _set_idle(event.tenant_id, workflow.workflow_id, lead_id, event.occurred_at, at)
        return written

    def _dates(self, event: DomainEvent) -> int:
        target = "contact" if event.detail_type.startswith("Contact") else "lead"
        created = event.detail_type.endswith("Created")
        changes = dict(event.data.get("changes") or {})
        if not created and not ({"custom_fields", "close_date"} & changes.keys() or _custom_change(changes)):
            return 0  # no date changed: no need to look for workflows
        workflows = [
            (w, t)
            for w, t in self._published(event.tenant_id, "date_reached")
            if t.target == target and (created or _touches(changes, str(t.field_key)))
        ]
        if not workflows:
            return 0
        record: Any
        if target == "contact":
            subject_id = str(event.subject_id or "")
            record = contacts.get_contact(event.tenant_id, subject_id)
        else:
            subject_id = _lead_of(event) or str(event.subject_id or "")
            record = leads.get_lead(event.tenant_id, subject_id)
        if record is None or record.deleted_at:
            return 0
        zone = self._time_zone_of(event.tenant_id)
        written = 0
        for workflow, trigger in workflows:
            value = date_value(record, str(trigger.field_key))
            at = moment_of(value, trigger, zone) if value is not None else None
            written += _set_date(event.tenant_id, workflow.workflow_id, target, subject_id, value, at)
        return written


def _custom_change(changes: dict[str, Any]) -> bool:
    return any(name.startswith("custom_fields.") for name in changes)


def _touches(changes: dict[str, Any], field_key: str) -> bool:
    if field_key in changes:
        return True
    custom = changes.get("custom_fields")
    if isinstance(custom, dict):
        before = dict(custom.get("from") or {})
        after = dict(custom.get("to") or {})
        return before.get(field_key) != after.get(field_key)
    return any(name == f"custom_fields.{field_key}" for name in changes)


def date_value(record: Any, field_key: str) -> date | None:
    raw = getattr(record, field_key, None) if field_key == "close_date" else None
    if raw is None:
        raw = plain(getattr(record, "custom_fields", None)).get(field_key)
    if not raw:
        return None
    try:
        return date.fromisoformat(str(raw)[:10])
    except ValueError:
        return None


def moment_of(value: date, trigger: Trigger, zone: str | None) -> datetime:
    """The date plus the offset, at the trigger's time of day in the tenant's time zone (UTC back)."""
    hour, minute = (int(part) for part in trigger.at_time.split(":"))
    try:
        local_zone = ZoneInfo(zone or "UTC")
    except (ValueError, KeyError):
        local_zone = ZoneInfo("UTC")
    day = value + timedelta(days=trigger.offset_days)
    return datetime.combine(day, time(hour, minute), tzinfo=local_zone).astimezone(ZoneInfo("UTC"))


def _timer(tenant_id: str, workflow_id: str, subject_id: str) -> TriggerTimerItem:
    return TriggerTimerItem(keys.workflow(tenant_id, workflow_id), keys.timer_sk(subject_id))


def _set_idle(tenant_id: str, workflow_id: str, lead_id: str, basis: str, at: datetime) -> int:
    """The lead's idle timer, moved to `at` unless a later activity moved it already."""
    item = _timer(tenant_id, workflow_id, lead_id)
    wake_at = iso(at)
    partition, sort = due.wake_keys(wake_at, timer_id(workflow_id, lead_id))
    try:
        item.update(
            [
                TriggerTimerItem.type.set(TriggerTimerItem),
                TriggerTimerItem.tenant_id.set(tenant_id),
                TriggerTimerItem.workflow_id.set(workflow_id),
                TriggerTimerItem.kind.set("no_activity"),
                TriggerTimerItem.subject_id.set(lead_id),
                TriggerTimerItem.lead_id.set(lead_id),
                TriggerTimerItem.basis.set(basis),
                TriggerTimerItem.wake_at.set(wake_at),
                TriggerTimerItem.GSI6PK.set(str(partition)),
                TriggerTimerItem.GSI6SK.set(str(sort)),
            ],
            condition=TriggerTimerItem.basis.does_not_exist() | (TriggerTimerItem.basis < basis),
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return 0  # a later activity set it already (events arrive out of order)
        raise
    return 1


def _set_date(
    tenant_id: str, workflow_id: str, target: str, subject_id: str, value: date | None, at: datetime | None
) -> int:
    """The record's date timer: at the date's moment, or gone when the field is empty."""
    item = _timer(tenant_id, workflow_id, subject_id)
    if value is None or at is None or at <= clock_now():  # empty, or a date already past: no timer
        try:
            item.delete()
        except DeleteError:
            return 0
        return 1
    wake_at = iso(at)
    partition, sort = due.wake_keys(wake_at, timer_id(workflow_id, subject_id))
    record = TriggerTimerItem(
        item.PK,
        item.SK,
        tenant_id=tenant_id,
        workflow_id=workflow_id,
        kind="date_reached",
        subject_id=subject_id,
        lead_id=subject_id if target == "lead" else None,
        contact_id=subject_id if target == "contact" else None,
        basis=value.isoformat(),
        wake_at=wake_at,
        GSI6PK=partition,
        GSI6SK=sort,
    )
    try:
        # Unchanged, it stays as it is (a fired timer is not set again by an unrelated edit).
        record.save(
            condition=TriggerTimerItem.basis.does_not_exist() | (TriggerTimerItem.basis != value.isoformat())
        )
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return 0
        raise
    return 1


# Publishing: the timers of the records there already are -------------------------------------------

BACKFILL_PAGE = 200
TIMED_TRIGGERS = frozenset({"no_activity", "date_reached"})


def backfill_event(tenant_id: str, workflow_id: str, version: int, cursor: str | None = None) -> DomainEvent:
    """Set the timers of the records there already are, a page at a time (written when a workflow
    with a timed trigger is published, then by each page for the next)."""
    from convertly.automation.events import TIMER_BACKFILL

    return DomainEvent(
        detail_type=TIMER_BACKFILL,
        tenant_id=tenant_id,
        subject_id=workflow_id,
        data={"workflow_id": workflow_id, "version": version, "cursor": cursor},
    )


def backfill(event: DomainEvent, definition_of: Any, zone: str | None, now: datetime) -> DomainEvent | None:
    """One page of a published workflow's records given their timers; the event for the next page,
    or None when done (or when the workflow was paused, deleted or published again meanwhile: that
    publication has its own)."""
    tenant_id, workflow_id = event.tenant_id, str(event.data.get("workflow_id") or "")
    version = int(event.data.get("version") or 0)
    workflow = repo.get_workflow(tenant_id, workflow_id)
    if workflow is None or workflow.status != "published" or int(workflow.live_version or 0) != version:
        return None
    definition = definition_of(tenant_id, workflow)
    if definition is None or definition.trigger.type not in TIMED_TRIGGERS:
        return None
    trigger, cursor = definition.trigger, event.data.get("cursor")
    page: tuple[list[Any], str | None]
    if trigger.type == "date_reached" and trigger.target == "contact":
        page = contacts.contacts_page(tenant_id, BACKFILL_PAGE, cursor)
    else:
        page = leads.query_leads(
            "GSI1", leads.leads_index(tenant_id), None, None, BACKFILL_PAGE, cursor, oldest_first=True
        )
    records: list[Any] = list(page[0])
    cursor = page[1]
    if trigger.type == "no_activity":
        kinds = pipelines.stage_kinds(tenant_id)
        for lead in records:
            if kinds.get(str(lead.stage_id), "open") in ("won", "lost"):
                continue
            basis = max(str(lead.updated_at), str(lead.stage_entered_at))
            at = max(parse_iso(basis) + timedelta(days=int(trigger.days or 1)), now + timedelta(minutes=1))
            _set_idle(tenant_id, workflow_id, str(lead.lead_id), basis, at)
    else:
        target = "contact" if trigger.target == "contact" else "lead"
        for record in records:
            value = date_value(record, str(trigger.field_key))
            if value is None:
                continue
            subject = str(record.contact_id if target == "contact" else record.lead_id)
            _set_date(tenant_id, workflow_id, target, subject, value, moment_of(value, trigger, zone))
    return backfill_event(tenant_id, workflow_id, version, cursor) if cursor else None


# Timers coming due ---------------------------------------------------------------------------------


def due_event(item: TriggerTimerItem) -> DomainEvent:
    from convertly.automation.events import TIMER_DUE

    return DomainEvent(
        detail_type=TIMER_DUE,
        tenant_id=str(item.tenant_id),
        subject_id=str(item.subject_id),
        data={
            "workflow_id": str(item.workflow_id),
            "subject_id": str(item.subject_id),
            "wake_at": item.wake_at,
        },
    )


def _enrolment_id(workflow_id: str, subject_id: str, basis: str) -> str:
    digest = hashlib.sha256(f"{workflow_id}|timer|{subject_id}|{basis}".encode()).hexdigest()
    return digest[:26].upper()


def take_due(event: DomainEvent, now: datetime) -> Due | None:
    """The timer the tick says is due, if it still is: taken out of the wake index (so it fires once)
    and turned into the firing of its workflow's trigger; None if it moved, went, or no longer holds."""
    tenant_id = event.tenant_id
    workflow_id = str(event.data.get("workflow_id") or "")
    subject_id = str(event.data.get("subject_id") or "")
    try:
        item = TriggerTimerItem.get(
            keys.workflow(tenant_id, workflow_id), keys.timer_sk(subject_id), consistent_read=True
        )
    except TriggerTimerItem.DoesNotExist:
        return None
    if not item.wake_at or item.wake_at != event.data.get("wake_at") or str(item.wake_at) > iso(now):
        return None  # moved by newer activity or a new date, or already fired
    wake_at = str(item.wake_at)
    try:
        item.update(
            [
                TriggerTimerItem.wake_at.remove(),
                TriggerTimerItem.GSI6PK.remove(),
                TriggerTimerItem.GSI6SK.remove(),
                TriggerTimerItem.fired_at.set(iso(now)),
            ],
            condition=TriggerTimerItem.wake_at == str(item.wake_at),
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return None  # another delivery took it
        raise
    fired = _still_holds(item, wake_at)
    if fired is None:
        return None
    return Due(workflow_id, fired, _enrolment_id(workflow_id, subject_id, str(item.basis)))


def _still_holds(item: TriggerTimerItem, wake_at: str) -> Fired | None:
    tenant_id = str(item.tenant_id)
    if item.kind == "no_activity":
        lead = leads.get_lead(tenant_id, str(item.lead_id))
        if lead is None or lead.deleted_at:
            return None
        kind = pipelines.stage_kinds(tenant_id).get(str(lead.stage_id), "open")
        if kind in ("won", "lost"):
            return None
        days = round((parse_iso(wake_at) - parse_iso(str(item.basis))).total_seconds() / 86400)
        label = f"No activity for {days} day{'s' if days != 1 else ''}"
        return Fired("no_activity", str(lead.lead_id), lead.contact_id, {}, label)
    return Fired(
        "date_reached",
        item.lead_id,
        item.contact_id,
        {"date": str(item.basis)},
        f"Date reached: {item.basis}",
    )
