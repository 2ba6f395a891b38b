"""Keeping the cells current: each domain event names the leads (or task) it changed, and each of
those is refreshed: its contribution computed from its items as they are now, the difference written.

A redelivered event finds nothing to change; an event that arrives after a later one recomputes the
same present; so the cells never drift from what a rebuild would compute."""

from __future__ import annotations

from collections.abc import Callable

from convertly.analytics import keys, store
from convertly.analytics.cells import Contribution
from convertly.analytics.contribution import Calendar, Due, lead_contribution, task_contribution
from convertly.analytics.events import TASK_EVENTS, TENANT_EVENTS
from convertly.analytics.facts import calendar, lead_facts, read_lead
from convertly.analytics.items import ContributionItem
from convertly.contacts import service as contacts
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.observability import logger
from convertly.work import service as work

ATTEMPTS = 5

STEP_SECONDS = 20.0


Target = tuple[str, str, str]  # (tenant, "lead" | "task" | "step", id)


def targets(event: DomainEvent) -> list[Target]:
    """What `event` asks to refresh: leads, a task, or a recount step (its own event's id)."""
    if event.detail_type in TENANT_EVENTS:
        return [(event.tenant_id, "step", event.event_id)]
    if event.detail_type in TASK_EVENTS:
        task = event.data.get("task") or {}
        task_id = str(task.get("task_id") or event.subject_id or "")
        return [(event.tenant_id, "task", task_id)] if task_id else []
    return [(event.tenant_id, "lead", lead_id) for lead_id in lead_ids(event)]


def handle(event: DomainEvent) -> int:
    """Refresh what `event` changed; returns the cells written."""
    return refresh_batch([event])[1]


def refresh_batch(events: list[DomainEvent]) -> tuple[set[str], int]:
    """Refresh each record the events name once (a batch often names a lead several times: created,
    then moved), each tenant's calendar read once. Returns the event ids whose refresh failed (the
    queue gives them again) and the cells written."""
    named: dict[Target, list[DomainEvent]] = {}
    for event in events:
        for target in targets(event):
            named.setdefault(target, []).append(event)
    calendars: dict[str, Calendar] = {}
    failed: set[str] = set()
    written = 0
    for (tenant_id, kind, record_id), asking in named.items():
        try:
            if kind == "step":
                _rebuild_step(asking[0])
                continue
            days = calendars.get(tenant_id) or calendars.setdefault(tenant_id, calendar(tenant_id))
            if kind == "task":
                written += refresh_task(tenant_id, record_id, days)
            else:
                written += refresh_lead(tenant_id, record_id, days)
        except Exception:
            logger.exception("Analytics refresh failed", extra={"tenant_id": tenant_id, "record": record_id})
            failed |= {event.event_id for event in asking}
    return failed, written


def lead_ids(event: DomainEvent) -> list[str]:
    data = event.data
    if event.detail_type == "ContactMerged":
        contact = data.get("contact") or {}
        if not data.get("merged") or not contact.get("contact_id"):
            return []  # the duplicate's own record of the merge: the survivor's event covers its leads
        _, links = contacts.get_contact_with_leads(event.tenant_id, str(contact["contact_id"]))
        return sorted({link.lead_id for link in links})
    for holder in (data.get("lead"), data.get("followup"), data):
        if isinstance(holder, dict) and holder.get("lead_id"):
            return [str(holder["lead_id"])]
    return [str(event.subject_id)] if event.subject_id else []


def refresh_lead(tenant_id: str, lead_id: str, days: Calendar | None = None) -> int:
    """Bring the lead's contribution up to date; returns the cells written. `days`: the tenant's
    calendar, if the caller has read it."""
    return lead_refresh(tenant_id, lead_id, days)[0]


def refresh_task(tenant_id: str, task_id: str, days: Calendar | None = None) -> int:
    return task_refresh(tenant_id, task_id, days)[0]


def lead_refresh(tenant_id: str, lead_id: str, days: Calendar | None = None) -> tuple[int, Contribution]:
    """The cells written and the lead's contribution now."""

    def compute() -> Contribution:
        read = read_lead(tenant_id, lead_id)
        return {} if read.lead is None else lead_contribution(lead_facts(read), days or calendar(tenant_id))

    return _refresh(keys.contribution(tenant_id, "LEAD", lead_id), compute)


def task_refresh(tenant_id: str, task_id: str, days: Calendar | None = None) -> tuple[int, Contribution]:
    def compute() -> Contribution:
        due = task_due(work.get_task(tenant_id, task_id))
        return task_contribution(tenant_id, due, days or calendar(tenant_id))

    return _refresh(keys.contribution(tenant_id, "TASK", task_id), compute)


def _refresh(pk: str, compute: Callable[[], Contribution]) -> tuple[int, Contribution]:
    """Write the difference between the stored contribution and the one computed now; another writer
    first means read again (a few times, then the message comes back later)."""
    for attempt in range(ATTEMPTS):
        stored = stored_contribution(pk)
        new = compute()
        try:
            return store.save_contribution(pk, stored, new), new
        except store.ContributionMoved:
            if attempt == ATTEMPTS - 1:
                raise
    return 0, {}


def task_due(task: work.Task | None) -> Due | None:
    """An open (or in progress) task is work due for its assignee."""
    if task is None or task.status == "done":
        return None
    return Due("task", str(task.due_at), str(task.assignee_id))


def stored_contribution(pk: str) -> ContributionItem | None:
    try:
        return ContributionItem.get(pk, keys.CONTRIBUTION_SK, consistent_read=True)
    except ContributionItem.DoesNotExist:
        return None


def _rebuild_step(event: DomainEvent) -> None:
    """One step of refreshing every record; the next step goes through the bus as an event of its
    own, so each message stays well inside the consumer's timeout. A redelivered step repeats work
    that changes nothing (each refresh writes only differences)."""
    from convertly.analytics.rebuild import rebuild_step, step_event  # the rebuild reads refresh

    phase = str(event.data.get("phase") or "live")
    cursor = event.data.get("cursor")
    left = rebuild_step(event.tenant_id, phase, str(cursor) if cursor else None, STEP_SECONDS)
    if left is not None:
        outbox_item(step_event(event.tenant_id, *left)).save()
