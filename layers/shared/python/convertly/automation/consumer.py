"""The automation consumer: the events that start workflows, wake waiting enrolments, run enrolments
made elsewhere, and end the enrolments of a deleted lead.

For an event: the trigger types it is (convertly.automation.triggers), one Query of GSI1 per type
for the published workflows it starts, their trigger options and filters tested against the lead
and contact as they are now, then per workflow one enrolment (its id made from the workflow and the
event, so a redelivered event enrols no one twice) run until it waits or ends.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from convertly.automation import store as repo
from convertly.automation.conditions import all_hold, facts_of
from convertly.automation.engine import (
    Runner,
    depth_of,
    enrol,
    time_zone,
    version_definition,
)
from convertly.automation.events import ENROLMENT_STARTED, TIMER_BACKFILL, TIMER_DUE, WAKE_DUE
from convertly.automation.timers import Timers, backfill, take_due
from convertly.automation.triggers import Fired, fired_by, takes
from convertly.contacts import service as contacts
from convertly.leads import service as leads
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item

log = logging.getLogger(__name__)


def enrolment_id_for(workflow_id: str, event_id: str, trigger_type: str) -> str:
    digest = hashlib.sha256(f"{workflow_id}|{event_id}|{trigger_type}".encode()).hexdigest()
    return digest[:26].upper()


class Consumer:
    def __init__(self, runner: Runner | None = None) -> None:
        self.runner = runner or Runner()
        self.timers = Timers(
            lambda tenant_id, workflow: version_definition(
                tenant_id, workflow.workflow_id, int(workflow.live_version or 0)
            ),
            time_zone,
        )

    def handle(self, event: DomainEvent) -> None:
        own = {
            WAKE_DUE: self._wake,
            TIMER_DUE: self._timer_due,
            TIMER_BACKFILL: self._backfill,
            ENROLMENT_STARTED: self._run,
            "LeadDeleted": self._end_lead,
            "ContactDeleted": self._end_contact,
        }.get(event.detail_type)
        if own is not None:
            own(event)
            return
        self._recheck_watching(event)
        self.timers.on_event(event)
        for fired in fired_by(event):
            self._start(event, fired)

    def _wake(self, event: DomainEvent) -> None:
        self.runner.advance(event.tenant_id, str(event.data["enrolment_id"]), wake=True)

    def _run(self, event: DomainEvent) -> None:
        self.runner.advance(event.tenant_id, str(event.data["enrolment_id"]))

    def _timer_due(self, event: DomainEvent) -> None:
        due = take_due(event, self.runner.now())
        if due is None:
            return
        workflow = repo.get_workflow(event.tenant_id, due.workflow_id)
        if workflow is not None and workflow.status == "published":
            self._start(event, due.fired, [workflow], due.enrolment_id)

    def _backfill(self, event: DomainEvent) -> None:
        following = backfill(event, self.timers.definition_of, time_zone(event.tenant_id), self.runner.now())
        if following is not None:
            outbox_item(following).save()  # the next page, through the bus like any event

    def _recheck_watching(self, event: DomainEvent) -> None:
        """A lead (contact) changed: the enrolments waiting for a condition on it look at it now."""
        subject = _changed_subject(event)
        if not subject:
            return
        for enrolment in repo.watching(event.tenant_id, subject):
            self.runner.advance(event.tenant_id, str(enrolment.enrolment_id), recheck=True)

    def _end_lead(self, event: DomainEvent) -> None:
        tenant_id, lead_id = event.tenant_id, str(event.subject_id or event.data.get("lead_id") or "")
        if not lead_id:
            return
        for enrolment in repo.lead_enrolments(tenant_id, lead_id):
            if enrolment.status in ("running", "waiting"):
                self.runner.end(enrolment, "Ended: the lead was deleted")

    def _end_contact(self, event: DomainEvent) -> None:
        tenant_id, contact_id = event.tenant_id, str(event.subject_id or "")
        if not contact_id:
            return
        for enrolment in repo.contact_enrolments(tenant_id, contact_id, 100):
            if enrolment.status in ("running", "waiting"):
                self.runner.end(enrolment, "Ended: the contact was deleted")

    def _start(
        self,
        event: DomainEvent,
        fired: Fired,
        workflows: list[Any] | None = None,
        enrolment_id: str | None = None,
    ) -> None:
        """Enrol the lead (contact) in the published workflows the firing starts (`workflows`: only
        these; `enrolment_id`: the id to give it, else one made from the workflow and the event)."""
        tenant_id = event.tenant_id
        if workflows is None:
            workflows = repo.published_with_trigger(tenant_id, fired.type)
        if not workflows:
            return
        lead = leads.get_lead(tenant_id, fired.lead_id) if fired.lead_id else None
        if lead is not None and lead.deleted_at:
            return
        contact_id = fired.contact_id or (lead.contact_id if lead is not None else None)
        contact = contacts.get_contact(tenant_id, contact_id) if contact_id else None
        if lead is None and contact is None:
            return
        now = self.runner.now()
        facts = facts_of(lead, contact, now=now, time_zone=time_zone(tenant_id))
        depth = depth_of(event.actor_id)
        for workflow in workflows:
            definition = version_definition(tenant_id, workflow.workflow_id, int(workflow.live_version or 0))
            if definition is None or not takes(definition.trigger, fired):
                continue
            if not all_hold(definition.filters, definition.match, facts, definition.business_hours):
                continue
            enrolment = enrol(
                workflow,
                contact_id=contact.contact_id if contact is not None else None,
                lead_id=lead.lead_id if lead is not None else None,
                trigger=_trigger_record(event, fired),
                enrolment_id=enrolment_id
                or enrolment_id_for(workflow.workflow_id, event.event_id, fired.type),
                depth=depth,
                now=now,
                subject_name=_name(contact, lead),
            )
            if enrolment is not None and enrolment.status == "running":
                self.runner.advance(tenant_id, str(enrolment.enrolment_id))


_CHANGES = {"LeadUpdated", "LeadStageChanged", "ContactUpdated"}


def _changed_subject(event: DomainEvent) -> str | None:
    if event.detail_type not in _CHANGES:
        return None
    if event.detail_type == "ContactUpdated":
        contact = dict(event.data.get("contact") or {})
        return str(contact.get("contact_id") or event.subject_id or "") or None
    lead = dict(event.data.get("lead") or {})
    return str(event.data.get("lead_id") or lead.get("lead_id") or event.subject_id or "") or None


def _trigger_record(event: DomainEvent, fired: Fired) -> dict[str, Any]:
    return {"type": fired.type, "event_id": event.event_id, "label": fired.label, "at": event.occurred_at}


def _name(contact: Any | None, lead: Any | None) -> str:
    if contact is not None:
        name = " ".join(p for p in (contact.first_name, contact.last_name) if p)
        if name or contact.email:
            return str(name or contact.email)
    if lead is not None:
        return str(leads.display_name(lead))
    return ""
