"""Moving leads between stages: the one implementation, used by the board's drag and drop and by the
deletion of a stage that still holds leads.

A move is one TransactWriteItems: the lead (its stage, `stage_entered_at` and version, conditional on
the version read), a stage-history item (from, to, who, when, seconds in the stage left), the stage,
owner and transition counters, and the LeadStageChanged event in the outbox. The stage counters'
conditions also check each stage's kind, which the event reports, against the stage directory the
move was planned from.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from convertly.clock import iso, new_id, parse_iso
from convertly.data import keys
from convertly.data import leads as repo
from convertly.data.counters import CounterChanges, Placement, StageConditions
from convertly.data.models import LeadItem, StageHistoryItem, StageItem
from convertly.data.pipelines import StageDirectory, StageRef
from convertly.data.transaction import Transaction, TransactionCancelledError
from convertly.domain.leads import Lead, StageChange
from convertly.domain.principal import Principal
from convertly.errors import ConflictError, ValidationError
from convertly.events.envelope import DomainEvent
from convertly.events.outbox import outbox_item
from convertly.services.leads import stale_version, to_lead, visible_lead

STAGE_CHANGED = "LeadStageChanged"
Cause = Literal["moved", "stage_deleted"]

# Per warm function instance; see StageDirectory for why a stale entry is harmless.
DIRECTORY = StageDirectory()


@dataclass(frozen=True)
class Actor:
    user_id: str
    name: str


class StaleStagesError(Exception):
    """The stage directory the move was planned from no longer matches the stages."""


def seconds_between(start: str, end: str) -> int:
    return max(0, int((parse_iso(end) - parse_iso(start)).total_seconds()))


def money(minor: int) -> str:
    """Minor units as a decimal string: 125050 -> "1250.50"."""
    return str(Decimal(minor).scaleb(-2))


def stage_conditions(source: StageRef, target: StageRef) -> StageConditions:
    """Both stages still exist with the kinds the move was planned with; a stage being deleted takes
    no leads."""
    leaving = StageItem.PK.exists() & (StageItem.kind == source.kind)
    entering = StageItem.PK.exists() & (StageItem.kind == target.kind) & StageItem.move_to.does_not_exist()
    return {source.stage_id: ("from_stage", leaving), target.stage_id: ("to_stage", entering)}


def move_lead(
    tx: Transaction,
    counters: CounterChanges,
    lead: LeadItem,
    source: StageRef,
    target: StageRef,
    actor: Actor,
    at: str,
    cause: Cause = "moved",
) -> DomainEvent:
    """Add the move's lead, history and outbox items to `tx` and its counter changes to `counters`
    (written by the caller, once for all the moves of the transaction). Changes `lead` in place."""
    before = Placement.of(lead)
    seconds = seconds_between(lead.stage_entered_at, at)
    lead.stage_id, lead.stage_entered_at, lead.updated_at = target.stage_id, at, at
    repo.apply_index_keys(lead)
    after = Placement.of(lead)
    tx.put(f"lead:{lead.lead_id}", lead)
    history_id = new_id()
    tx.put(
        "history",
        StageHistoryItem(
            lead.PK,
            keys.history_sk(at, history_id),
            history_id=history_id,
            lead_id=lead.lead_id,
            from_stage_id=source.stage_id,
            to_stage_id=target.stage_id,
            from_stage_name=source.name,
            to_stage_name=target.name,
            changed_by=actor.user_id,
            changed_by_name=actor.name,
            changed_at=at,
            seconds_in_previous=seconds,
        ),
    )
    counters.move(before, after)
    if before is not None and after is not None:
        counters.transition(before, after, seconds)
    event = stage_changed_event(lead, source, target, actor, at, seconds, cause)
    tx.put("outbox", outbox_item(event))
    return event


def stage_changed_event(
    lead: LeadItem, source: StageRef, target: StageRef, actor: Actor, at: str, seconds: int, cause: Cause
) -> DomainEvent:
    """LeadStageChanged. `reopened` marks a lead leaving a won stage, so the conversions consumer can
    retract what it reported."""
    value = int(lead.value or 0)
    return DomainEvent(
        detail_type=STAGE_CHANGED,
        tenant_id=lead.tenant_id,
        actor_id=actor.user_id,
        subject_id=lead.lead_id,
        occurred_at=at,
        data={
            "lead_id": lead.lead_id,
            "pipeline_id": lead.pipeline_id,
            "from_stage_id": source.stage_id,
            "from_stage_name": source.name,
            "from_kind": source.kind,
            "to_stage_id": target.stage_id,
            "to_stage_name": target.name,
            "to_kind": target.kind,
            "value_minor": value,
            "value": money(value),
            "currency": lead.currency,
            "owner_id": lead.owner_id,
            "actor_name": actor.name,
            "seconds_in_previous": seconds,
            "reopened": source.kind == "won" and target.kind != "won",
            "cause": cause,
            "lead": _committed(lead),
        },
    )


def _committed(lead: LeadItem) -> dict[str, object]:
    """The lead as the move's transaction commits it: the put raises the version by one."""
    snapshot = to_lead(lead).model_dump(mode="json")
    snapshot["version"] = int(lead.version or 0) + 1
    return snapshot


def change_stage(
    principal: Principal, lead_id: str, request: StageChange, directory: StageDirectory | None = None
) -> Lead:
    """Move one lead (the board's drag and drop). Sales may move only their own leads."""
    directory = directory or DIRECTORY
    actor = Actor(principal.user_id, principal.name or principal.email)
    lead = _movable(principal, lead_id, request)
    if lead.stage_id == request.stage_id:
        return to_lead(lead)
    try:
        return _attempt(lead, request.stage_id, directory.stages(principal.tenant_id), actor, final=False)
    except StaleStagesError:
        # Reload both: the lead may have moved meanwhile, and the stages have changed.
        lead = _movable(principal, lead_id, request)
        if lead.stage_id == request.stage_id:
            return to_lead(lead)
        stages = directory.stages(principal.tenant_id, refresh=True)
        return _attempt(lead, request.stage_id, stages, actor, final=True)


def _movable(principal: Principal, lead_id: str, request: StageChange) -> LeadItem:
    lead = visible_lead(principal, lead_id)
    if lead.deleted_at:
        raise ConflictError("This lead is deleted: restore it first", code="lead_deleted")
    if request.version != lead.version:
        raise stale_version(lead)
    return lead


def _attempt(
    lead: LeadItem, stage_id: str, stages: dict[str, StageRef], actor: Actor, *, final: bool
) -> Lead:
    source, target = stages.get(lead.stage_id), stages.get(stage_id)
    if source is None or target is None:
        if not final:
            raise StaleStagesError()
        if target is None:
            raise ValidationError("Some fields are not valid", fields={"stage_id": "no such stage"})
        raise ConflictError("The lead's stage no longer exists", code="stage_missing")
    check_target(lead, target)
    tx, counters = Transaction(), CounterChanges()
    move_lead(tx, counters, lead, source, target, actor, iso())
    counters.write(tx, stage_conditions(source, target))
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if f"lead:{lead.lead_id}" in error.failed:
            raise stale_version(repo.get_lead(lead.tenant_id, lead.lead_id)) from error
        if final:
            raise ConflictError(
                "The pipeline's stages changed during the move; try again", code="write_conflict"
            ) from error
        raise StaleStagesError() from error
    return to_lead(lead)


def check_target(lead: LeadItem, target: StageRef) -> None:
    """A lead moves within its pipeline, and never into a stage being deleted."""
    if target.pipeline_id != lead.pipeline_id:
        raise ValidationError(
            "Some fields are not valid",
            fields={"stage_id": "a stage of another pipeline: a lead moves within its own pipeline"},
        )
    if target.deleting:
        raise ValidationError("Some fields are not valid", fields={"stage_id": "this stage is being deleted"})
