"""The workflow engine: enrol a contact (lead) in a published version, and run its steps.

How a step runs exactly once (docs/automation.md):
1. Claim. The step's record (`STEP#<step id>` in the enrolment's partition) is put only if absent.
   A second delivery of the same message finds it and does not start the step again; a record left
   `running` by a crash is run again, which every action allows (convertly.automation.actions).
2. Act. The action does its work with ids made from the enrolment and the step.
3. Complete. One transaction: the step's record (done, skipped, waiting or failed, and what it did),
   the enrolment's next position (conditional on its revision, so two runners never both move it),
   the step's counts, and the writes the step owns (the email in the mail outbox, a notification, a
   manual action). Then the next step, until a wait, a manual action or the end.

A transient failure (the table throttled, a conflict that stays) raises: the message comes back,
and after the queue's attempts it waits in the dead-letter queue to be replayed. A permanent one
(a deleted template) fails the step and ends the enrolment with the reason.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any

from pynamodb.exceptions import PutError, UpdateError

from convertly.accounts import service as accounts
from convertly.automation import keys
from convertly.automation import store as repo
from convertly.automation.actions import (
    NEXT,
    Outcome,
    StepContext,
    condition_holds,
    derived_id,
    duration_words,
    next_check,
    run_step,
)
from convertly.automation.definition import Definition, find, first_step, next_after
from convertly.automation.events import ENROLMENT_STARTED
from convertly.automation.items import (
    EnrolmentItem,
    StepRunItem,
    WorkflowEntryItem,
    WorkflowItem,
    WorkflowStatsItem,
)
from convertly.contacts import service as contacts
from convertly.leads import service as leads
from convertly.permissions import Role
from convertly.platform.clock import iso, parse_iso
from convertly.platform.clock import now as clock_now
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.principal import Principal
from convertly.platform.store import due
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

log = logging.getLogger(__name__)

MAX_DEPTH = 5  # workflows enrolling (or triggering) one another in a row
MAX_STEPS_PER_PASS = 60
ACTOR_PREFIX = "workflow:"


def actor_id(workflow_id: str, depth: int) -> str:
    """Who a workflow's changes are by: its id and how deep in a chain of workflows it runs, so the
    events they cause enrol at the next depth (loop protection)."""
    return f"{ACTOR_PREFIX}{workflow_id}:{depth}"


def depth_of(actor: str | None) -> int:
    """How deep the workflow that caused an event ran (0: a person or a form caused it)."""
    if not actor or not actor.startswith(ACTOR_PREFIX):
        return 0
    try:
        return int(actor.rsplit(":", 1)[1]) + 1
    except ValueError:
        return 1


def workflow_principal(tenant_id: str, workflow_id: str, name: str, depth: int) -> Principal:
    return Principal(
        user_id=actor_id(workflow_id, depth),
        tenant_id=tenant_id,
        role=Role.ADMIN,
        email="",
        name=f"Workflow: {name}",
    )


def definition_of(raw: Any) -> Definition:
    data = raw.as_dict() if hasattr(raw, "as_dict") else dict(raw)
    return Definition.model_validate(data)


_DEFINITIONS: dict[tuple[str, str, int], Definition] = {}
DRAFT_VERSION = 0  # a test run of the draft runs as this version (never published)


def remember_draft(tenant_id: str, workflow_id: str, definition: Definition) -> None:
    """A test run of the draft: its definition as the version the dry-run enrolment runs on."""
    _DEFINITIONS[(tenant_id, workflow_id, DRAFT_VERSION)] = definition


def version_definition(tenant_id: str, workflow_id: str, number: int) -> Definition | None:
    """A published version's definition (immutable, so kept for the process's life)."""
    key = (tenant_id, workflow_id, number)
    if key not in _DEFINITIONS:
        version = repo.get_version(tenant_id, workflow_id, number)
        if version is None:
            return None
        _DEFINITIONS[key] = definition_of(version.definition)
    return _DEFINITIONS[key]


_ZONES: dict[str, tuple[float, str | None]] = {}
ZONE_TTL_SECONDS = 60.0
REREAD: Any = object()  # a step's answer: read the enrolment again (another runner may have moved it)


def time_zone(tenant_id: str) -> str | None:
    """The tenant's time zone, read at most once a minute per process (conditions and business hours)."""
    cached = _ZONES.get(tenant_id)
    if cached is not None and time.monotonic() - cached[0] < ZONE_TTL_SECONDS:
        return cached[1]
    tenant = accounts.get_tenant(tenant_id)
    zone = getattr(tenant, "timezone", None) if tenant is not None else None
    _ZONES[tenant_id] = (time.monotonic(), zone)
    return zone


# Enrolling ----------------------------------------------------------------------------------------


def enrol(
    workflow: WorkflowItem,
    *,
    contact_id: str | None,
    lead_id: str | None,
    trigger: dict[str, Any],
    enrolment_id: str,
    depth: int,
    now: datetime | None = None,
    subject_name: str = "",
    dry_run: bool = False,
    announce: bool = False,
) -> EnrolmentItem | None:
    """Enrol a contact (and its lead) in the workflow's published version, once: the same enrolment
    id twice (a redelivered event) finds the first; the re-entry rule may refuse it (None). Past the
    depth limit the enrolment is recorded as stopped, and does nothing. `announce`: an
    `EnrolmentStarted` event in the same transaction has the consumer run it (an enrolment made
    outside the consumer: by a person, or another workflow's step)."""
    now = now or clock_now()
    tenant_id, number = str(workflow.tenant_id), int(workflow.live_version or 0)
    definition = version_definition(tenant_id, workflow.workflow_id, number)
    if definition is None:
        return None
    looping = depth > MAX_DEPTH
    item = EnrolmentItem(
        keys.enrolment(tenant_id, enrolment_id),
        keys.ENROLMENT_SK,
        enrolment_id=enrolment_id,
        tenant_id=tenant_id,
        workflow_id=workflow.workflow_id,
        workflow_name=workflow.name,
        workflow_version=number,
        contact_id=contact_id,
        lead_id=lead_id,
        subject_name=subject_name,
        status="ended" if looping else "running",
        position=None if looping else first_step(definition.steps),
        trigger=trigger,
        depth=depth,
        dry_run=dry_run,
        started_at=iso(now),
        finished_at=iso(now) if looping else None,
        outcome=(
            f"Stopped: {MAX_DEPTH} workflows in a row set each other off (a loop?), so this one did not run"
            if looping
            else None
        ),
        revision=0,
    )
    repo.index_enrolment(item)
    tx = Transaction()
    tx.put("enrolment", item, condition=EnrolmentItem.PK.does_not_exist())
    subject = lead_id or contact_id
    if not dry_run and not looping and subject:
        entry = WorkflowEntryItem(
            keys.workflow(tenant_id, workflow.workflow_id),
            keys.entry_sk(subject),
            subject_id=subject,
            enrolment_id=enrolment_id,
            active=enrolment_id if definition.allow_reentry else None,
            entered_at=iso(now),
        )
        condition = WorkflowEntryItem.PK.does_not_exist()
        if definition.allow_reentry:
            condition = condition | WorkflowEntryItem.active.does_not_exist()
        tx.put("entry", entry, condition=condition)
    if announce and not looping:
        tx.put("outbox", outbox_item(_started(item)))
    if not dry_run:
        counts = [WorkflowItem.enrolled.add(1)] + ([] if looping else [WorkflowItem.active.add(1)])
        tx.update(
            "workflow",
            WorkflowItem(keys.workflows(tenant_id), keys.workflow_sk(workflow.workflow_id)),
            counts,
            condition=WorkflowItem.PK.exists(),  # deleted meanwhile: no one enrols
        )
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "enrolment" in error.failed:
            return repo.get_enrolment(tenant_id, enrolment_id)  # enrolled already: go on with it
        if "entry" in error.failed or "workflow" in error.failed:
            return None  # enrolled before (or now) and the workflow takes no one twice; or it is gone
        raise
    if looping:
        log.warning("workflow %s: loop limit reached for %s", workflow.workflow_id, subject)
    return item


def _started(enrolment: EnrolmentItem) -> DomainEvent:
    """Run this enrolment (made, or resumed, outside the consumer)."""
    return DomainEvent(
        detail_type=ENROLMENT_STARTED,
        tenant_id=str(enrolment.tenant_id),
        subject_id=str(enrolment.enrolment_id),
        data={"enrolment_id": str(enrolment.enrolment_id), "workflow_id": str(enrolment.workflow_id)},
    )


def enrol_from_step(step: Any, ctx: StepContext) -> Outcome:
    """The `enrol` step: put the contact (lead) in another published workflow, one level deeper."""
    target = repo.get_workflow(ctx.tenant_id, step.workflow_id)
    if target is None or target.status != "published":
        return Outcome("skipped", "The workflow to enrol in is not published")
    if ctx.dry_run:
        return Outcome("done", f"Would enrol in “{target.name}”")
    depth = int(ctx.principal.user_id.rsplit(":", 1)[1]) + 1 if ":" in ctx.principal.user_id else 1
    enrolment_id = derived_id(ctx.enrolment_id, step.id)
    enrolled = enrol(
        target,
        announce=True,
        contact_id=ctx.contact.contact_id if ctx.contact is not None else None,
        lead_id=ctx.lead.lead_id if ctx.lead is not None else None,
        trigger={"type": "workflow", "workflow_id": ctx.workflow_id, "workflow_name": ctx.workflow_name},
        enrolment_id=enrolment_id,
        depth=depth,
        now=ctx.now,
        subject_name=ctx.subject_name(),
    )
    if enrolled is None:
        return Outcome("skipped", f"Already in “{target.name}” (it takes no one twice)")
    if enrolled.status == "ended":
        return Outcome("skipped", f"Not enrolled in “{target.name}”: {enrolled.outcome}")
    return Outcome("done", f"Enrolled in “{target.name}”")


# Running ------------------------------------------------------------------------------------------


def _moved(
    enrolment: EnrolmentItem,
    outcome: Outcome,
    following: str | None,
    finished: bool,
    now: datetime,
    waited: str | None = None,
) -> list[Any]:
    """The enrolment's update once a step is complete: on to the next step, waiting, or over."""
    actions: list[Any] = [
        EnrolmentItem.revision.set(int(enrolment.revision or 0) + 1),
        EnrolmentItem.steps_run.set(int(enrolment.steps_run or 0) + 1),
    ]
    if finished:
        status = "failed" if outcome.status == "failed" else ("ended" if outcome.end else "done")
        actions += [
            EnrolmentItem.status.set(status),
            EnrolmentItem.position.remove(),
            EnrolmentItem.finished_at.set(iso(now)),
        ]
        if outcome.end:
            actions.append(EnrolmentItem.outcome.set(outcome.end[:500]))
        return actions
    if outcome.status != "waiting":
        return [*actions, EnrolmentItem.position.set(str(following))]
    actions += [
        EnrolmentItem.status.set("waiting"),
        EnrolmentItem.position.set(following) if following else EnrolmentItem.position.remove(),
        EnrolmentItem.waiting_for.set(outcome.waiting_for or "time"),
    ]
    partition, sort = due.wake_keys(outcome.wake_at, str(enrolment.enrolment_id))
    if outcome.wake_at and partition and sort:
        actions += [
            EnrolmentItem.wake_at.set(outcome.wake_at),
            EnrolmentItem.GSI6PK.set(partition),
            EnrolmentItem.GSI6SK.set(sort),
        ]
    subject = enrolment.lead_id or enrolment.contact_id
    if outcome.waiting_for == "condition" and waited is not None and subject:
        actions += [
            EnrolmentItem.waiting_step.set(waited),
            EnrolmentItem.GSI4PK.set(keys.watching(str(enrolment.tenant_id), str(subject))),
            EnrolmentItem.GSI4SK.set(str(enrolment.enrolment_id)),
        ]
    return actions


def _unwatched(enrolment: EnrolmentItem) -> list[Any]:
    """What leaves a waiting enrolment's update when its wait is over: the wake and watch indexes."""
    actions: list[Any] = [EnrolmentItem.waiting_for.remove()]
    if enrolment.wake_at:
        actions += [
            EnrolmentItem.wake_at.remove(),
            EnrolmentItem.GSI6PK.remove(),
            EnrolmentItem.GSI6SK.remove(),
        ]
    if enrolment.waiting_step:
        actions += [
            EnrolmentItem.waiting_step.remove(),
            EnrolmentItem.GSI4PK.remove(),
            EnrolmentItem.GSI4SK.remove(),
        ]
    return actions


class Runner:
    """Runs enrolments' steps; one per consumer invocation (it keeps the definitions it read)."""

    def __init__(self, now: datetime | None = None) -> None:
        self._now = now
        self._records: dict[str, tuple[Any, Any]] = {}  # per enrolment: its lead and contact, as last read
        self._users: dict[tuple[str, str], Any] = {}  # the users steps named, read once per runner

    def now(self) -> datetime:
        return self._now or clock_now()

    def advance(
        self, tenant_id: str, enrolment_id: str, *, wake: bool = False, recheck: bool = False
    ) -> EnrolmentItem | None:
        """Run the enrolment's steps from where it is, until it waits or ends. After a step it goes
        on from the state its own transaction wrote; it reads the enrolment again only when another
        runner may have moved it. `wake`: its wake time may have come; `recheck`: the record it waits
        on changed, so a condition it waits for may hold."""
        enrolment = repo.get_enrolment(tenant_id, enrolment_id)
        for _ in range(MAX_STEPS_PER_PASS):
            if enrolment is None:
                return None
            if enrolment.status == "waiting":
                due_now = wake and bool(enrolment.wake_at) and str(enrolment.wake_at) <= iso(self.now())
                if enrolment.waiting_for == "condition" and (due_now or recheck):
                    if not self._recheck(enrolment):
                        return repo.get_enrolment(tenant_id, enrolment_id)
                elif enrolment.waiting_for == "time" and due_now:
                    self._resume(enrolment)
                else:
                    return enrolment
                wake = recheck = False
                enrolment = repo.get_enrolment(tenant_id, enrolment_id)
                continue
            if enrolment.status != "running":
                return enrolment
            after = self._step(enrolment)
            if after is None:
                return repo.get_enrolment(tenant_id, enrolment_id)
            if isinstance(after, EnrolmentItem):
                enrolment = after
            else:
                enrolment = repo.get_enrolment(tenant_id, enrolment_id)
        return enrolment

    def _definition(self, enrolment: EnrolmentItem) -> Definition | None:
        return version_definition(
            str(enrolment.tenant_id), str(enrolment.workflow_id), int(enrolment.workflow_version)
        )

    def _claim(self, enrolment: EnrolmentItem, step: Any, now: datetime) -> StepRunItem | None:
        """The step's record, put only if absent; a record left running by a crash is taken again;
        None when the step is done already (the enrolment read was behind)."""
        tenant_id, enrolment_id = str(enrolment.tenant_id), str(enrolment.enrolment_id)
        record = StepRunItem(
            keys.enrolment(tenant_id, enrolment_id),
            keys.step_sk(step.id),
            enrolment_id=enrolment_id,
            step_id=step.id,
            kind=step.kind,
            name=step.name,
            order=int(enrolment.steps_run or 0) + 1,
            status="running",
            attempts=1,
            started_at=iso(now),
        )
        try:
            record.save(condition=StepRunItem.PK.does_not_exist())
            return record
        except PutError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise
        found = repo.get_step(tenant_id, enrolment_id, step.id)
        if found is None or found.status != "running":
            return None
        found.update(actions=[StepRunItem.attempts.add(1)])
        return found

    def _step(self, enrolment: EnrolmentItem) -> EnrolmentItem | object | None:
        """Run the step the enrolment is at: the enrolment as that step left it to go on with,
        REREAD when another runner may have moved it, None when there is nothing more to do now."""
        definition = self._definition(enrolment)
        if definition is None or enrolment.position is None:
            self._finish(
                enrolment,
                "done" if definition is not None else "failed",
                None if definition else "Its version is gone",
            )
            return None
        step = find(definition.steps, str(enrolment.position))
        if step is None:
            self._finish(enrolment, "failed", "The step it was at is not in its version")
            return None
        now = self.now()
        record = self._claim(enrolment, step, now)
        if record is None:
            return REREAD
        ctx = self._context(enrolment, definition, now, record)
        outcome = run_step(step, ctx)
        self._records[str(enrolment.enrolment_id)] = (ctx.lead, ctx.contact)
        return self._complete(enrolment, definition, step, record, outcome, now)

    def _context(
        self, enrolment: EnrolmentItem, definition: Definition, now: datetime, record: StepRunItem
    ) -> StepContext:
        """What a step reads: the lead and contact as the pass last saw them (a step that changes
        them reads them again), the tenant's time zone, and the record's earlier choice."""
        tenant_id = str(enrolment.tenant_id)
        known = self._records.get(str(enrolment.enrolment_id))
        if known is None:
            lead = leads.get_lead(tenant_id, enrolment.lead_id) if enrolment.lead_id else None
            contact_id = enrolment.contact_id or (lead.contact_id if lead is not None else None)
            contact = contacts.get_contact(tenant_id, contact_id) if contact_id else None
        else:
            lead, contact = known
        decision = record.decision.as_dict() if record.decision is not None else None
        principal = workflow_principal(
            tenant_id, str(enrolment.workflow_id), str(enrolment.workflow_name), int(enrolment.depth or 0)
        )
        return StepContext(
            tenant_id=tenant_id,
            enrolment_id=str(enrolment.enrolment_id),
            workflow_id=str(enrolment.workflow_id),
            workflow_name=str(enrolment.workflow_name),
            definition=definition,
            principal=principal,
            now=now,
            dry_run=bool(enrolment.dry_run),
            contact=contact,
            lead=lead,
            time_zone=time_zone(tenant_id),
            decision=decision,
            users=self._users,
        )

    def _complete(
        self,
        enrolment: EnrolmentItem,
        definition: Definition,
        step: Any,
        record: StepRunItem,
        outcome: Outcome,
        now: datetime,
    ) -> EnrolmentItem | object | None:
        following = next_after(definition.steps, step.id) if outcome.next_step is NEXT else outcome.next_step
        finished = outcome.status == "failed" or outcome.end is not None
        finished = finished or (following is None and outcome.status != "waiting")
        tx = Transaction()
        step_actions = [
            StepRunItem.status.set(outcome.status),
            StepRunItem.detail.set(outcome.detail[:500]),
            StepRunItem.finished_at.set(iso(now)),
        ]
        if outcome.decision is not None:
            step_actions.append(StepRunItem.decision.set(outcome.decision))
        tx.update("step", record, step_actions, condition=StepRunItem.status == "running")
        revision = int(enrolment.revision or 0)
        actions = _moved(enrolment, outcome, following, finished, now, step.id)
        tx.update("enrolment", enrolment, actions, condition=EnrolmentItem.revision == revision)
        if not enrolment.dry_run:
            counter = "waiting" if outcome.status == "waiting" else outcome.status
            self._count(tx, enrolment, step.id, {counter: 1})
            if finished:
                self._leave(tx, enrolment, definition)
        for write in outcome.writes:
            write(tx)
        try:
            tx.commit()
        except TransactionCancelledError as error:
            if {"step", "enrolment"} & set(error.failed):
                return REREAD  # another runner completed it
            raise
        if finished or outcome.status == "waiting":
            return None
        enrolment.position, enrolment.revision = following, revision + 1
        enrolment.steps_run = int(enrolment.steps_run or 0) + 1
        return enrolment

    def _count(
        self, tx: Transaction, enrolment: EnrolmentItem, step_id: str, changes: dict[str, int]
    ) -> None:
        stats = WorkflowStatsItem(
            keys.workflow(str(enrolment.tenant_id), str(enrolment.workflow_id)),
            keys.stats_sk(int(enrolment.workflow_version), step_id),
        )
        actions = [
            WorkflowStatsItem.type.set(WorkflowStatsItem),
            WorkflowStatsItem.workflow_id.set(str(enrolment.workflow_id)),
            WorkflowStatsItem.number.set(int(enrolment.workflow_version)),
            WorkflowStatsItem.step_id.set(step_id),
        ]
        actions += [getattr(WorkflowStatsItem, name).add(amount) for name, amount in changes.items()]
        tx.update(f"stats:{step_id}", stats, actions)

    def _leave(self, tx: Transaction, enrolment: EnrolmentItem, definition: Definition | None) -> None:
        """The enrolment is over: the workflow's active count, and (with re-entry) its entry."""
        tenant_id, workflow_id = str(enrolment.tenant_id), str(enrolment.workflow_id)
        tx.update(
            "workflow",
            WorkflowItem(keys.workflows(tenant_id), keys.workflow_sk(workflow_id)),
            [WorkflowItem.active.add(-1)],
            condition=WorkflowItem.PK.exists(),
        )
        subject = enrolment.lead_id or enrolment.contact_id
        if subject and definition is not None and definition.allow_reentry:
            tx.update(
                "entry",
                WorkflowEntryItem(keys.workflow(tenant_id, workflow_id), keys.entry_sk(str(subject))),
                [WorkflowEntryItem.active.remove()],
                condition=WorkflowEntryItem.active == str(enrolment.enrolment_id),
            )

    def _resume(self, enrolment: EnrolmentItem, detail: str | None = None, *, announce: bool = False) -> None:
        """A wait is over (its time came, or its manual action was completed): running again at the
        step after it, the step that waited counted done. Another runner resuming it first wins.
        `announce`: an `EnrolmentStarted` in the same transaction has the consumer run the rest."""
        revision = int(enrolment.revision or 0)
        actions = [
            EnrolmentItem.status.set("running"),
            EnrolmentItem.revision.set(revision + 1),
            *_unwatched(enrolment),
        ]
        tx = Transaction()
        tx.update(
            "enrolment",
            enrolment,
            actions,
            condition=(EnrolmentItem.revision == revision) & (EnrolmentItem.status == "waiting"),
        )
        self._close_wait(tx, enrolment, "done", detail)
        if announce:
            tx.put("outbox", outbox_item(_started(enrolment)))
        try:
            tx.commit()
        except TransactionCancelledError as error:
            if "enrolment" not in error.failed:
                raise

    def _close_wait(
        self, tx: Transaction, enrolment: EnrolmentItem, status: str, detail: str | None = None
    ) -> None:
        """The step that waited is over (done, or skipped when the enrolment was ended): its record
        and counts."""
        tenant_id, enrolment_id = str(enrolment.tenant_id), str(enrolment.enrolment_id)
        waiting = [s for s in repo.steps_of(tenant_id, enrolment_id) if s.status == "waiting"]
        if not waiting:
            return
        record = waiting[-1]
        actions = [StepRunItem.status.set(status), StepRunItem.finished_at.set(iso(self.now()))]
        if detail:
            actions.append(StepRunItem.detail.set(detail[:500]))
        tx.update("waited", record, actions, condition=StepRunItem.status == "waiting")
        if not enrolment.dry_run:
            self._count(tx, enrolment, str(record.step_id), {"waiting": -1, status: 1})

    def _recheck(self, enrolment: EnrolmentItem) -> bool:
        """A wait for a condition: go on (True) if the conditions hold or its time is up, else look
        again at the next check (False)."""
        definition = self._definition(enrolment)
        step = find(definition.steps, str(enrolment.waiting_step)) if definition is not None else None
        tenant_id, enrolment_id = str(enrolment.tenant_id), str(enrolment.enrolment_id)
        record = repo.get_step(tenant_id, enrolment_id, step.id) if step is not None else None
        if definition is None or step is None or record is None or step.kind != "wait":
            self._resume(enrolment, "Went on: the step it waited at is not in its version")
            return True
        now = self.now()
        self._records.pop(enrolment_id, None)  # the records as they are now
        ctx = self._context(enrolment, definition, now, record)
        if condition_holds(step, ctx):
            self._resume(enrolment, "The conditions hold: went on")
            return True
        deadline = parse_iso(str((ctx.decision or {}).get("deadline") or iso(now)))
        if deadline <= now:
            self._resume(
                enrolment, f"Went on after {duration_words(int(step.minutes))}: the conditions did not hold"
            )
            return True
        later = iso(next_check(now, deadline))
        partition, sort = due.wake_keys(later, enrolment_id)
        revision = int(enrolment.revision or 0)
        try:
            enrolment.update(
                [
                    EnrolmentItem.wake_at.set(later),
                    EnrolmentItem.GSI6PK.set(str(partition)),
                    EnrolmentItem.GSI6SK.set(str(sort)),
                    EnrolmentItem.revision.set(revision + 1),
                ],
                condition=(EnrolmentItem.revision == revision) & (EnrolmentItem.status == "waiting"),
            )
        except UpdateError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise  # another runner moved it meanwhile: it decides
        return False

    def continue_after_manual_action(self, enrolment: EnrolmentItem, detail: str) -> None:
        """A manual action was completed: its step is done, and the consumer runs the rest."""
        if enrolment.status == "waiting" and enrolment.waiting_for == "manual_action":
            self._resume(enrolment, detail, announce=True)

    def _finish(self, enrolment: EnrolmentItem | None, status: str, why: str | None) -> None:
        if enrolment is None or enrolment.status in ("done", "failed", "ended"):
            return
        revision = int(enrolment.revision or 0)
        tx = Transaction()
        actions = [
            EnrolmentItem.status.set(status),
            EnrolmentItem.revision.set(revision + 1),
            EnrolmentItem.finished_at.set(iso(self.now())),
            EnrolmentItem.position.remove(),
        ]
        if why:
            actions.append(EnrolmentItem.outcome.set(why))
        if enrolment.status == "waiting":
            actions += _unwatched(enrolment)
            self._close_wait(tx, enrolment, "skipped", why)
        tx.update("enrolment", enrolment, actions, condition=EnrolmentItem.revision == revision)
        if not enrolment.dry_run:
            self._leave(tx, enrolment, self._definition(enrolment))
        try:
            tx.commit()
        except TransactionCancelledError as error:
            if "enrolment" not in error.failed:
                raise

    def end(self, enrolment: EnrolmentItem, why: str) -> None:
        """End a running or waiting enrolment from outside (its lead was deleted, a person stopped it)."""
        for _ in range(3):
            current = repo.get_enrolment(str(enrolment.tenant_id), str(enrolment.enrolment_id))
            if current is None or current.status not in ("running", "waiting"):
                return
            before = int(current.revision or 0)
            self._finish(current, "ended", why)
            after = repo.get_enrolment(str(enrolment.tenant_id), str(enrolment.enrolment_id))
            if after is not None and int(after.revision or 0) != before:
                return
