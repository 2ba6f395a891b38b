"""Deleting a stage: at once when it is empty; when it holds leads, only with a stage to move them to.

The stage is first marked (`move_to`, who asked) in the same transaction as a StageDeletionStarted
event; from then on no lead may enter it. Its leads then move in batches, each one TransactWriteItems
of up to 100 items: per lead its new stage, a history item and a LeadStageChanged event, per batch
the stage, owner and transition counters. When the stage's counter reaches zero the stage is
deleted. Small stages are drained within the DELETE request; the rest, and anything a failure left
behind, is drained by the `stage_deletion` consumer, which the event reaches through the bus. Each
pass reads the stage and its leads afresh, so running it again, or twice at once, moves every lead
exactly once: a lead moved meanwhile fails its version condition and is re-read.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from pynamodb.exceptions import DeleteError

from convertly.leads.service import Lead, batch_get_leads, query_leads, stage_index
from convertly.pipelines.counters import CounterChanges
from convertly.pipelines.domain.stage_moves import StageDeletion
from convertly.pipelines.items import StageItem
from convertly.pipelines.stage_change import Actor, Found, move_lead, stage_conditions
from convertly.pipelines.store import StageRef, get_stage, load_pipeline
from convertly.platform.clock import iso
from convertly.platform.errors import ConflictError, NotFoundError, ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.observability import logger
from convertly.platform.principal import Principal
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

DELETION_STARTED = "StageDeletionStarted"
SYNC_MOVE_LIMIT = 100  # leads moved within the DELETE request; a larger stage drains in the background
SYNC_SECONDS = 5.0
TRANSACTION_ITEMS = 100  # DynamoDB's TransactWriteItems limit
PAGE = 30
_PER_LEAD = 3  # lead, history, outbox
_PER_BATCH = 3  # the two stage counters and the transition counter
_PER_OWNER = 2  # an owner's counters in both stages
_INDEX_LAG_RETRIES = 20
_CONFLICT_RETRIES = 5
_CONDITION_FAILED = "ConditionalCheckFailedException"

TimeLeft = Callable[[], float]


def delete_stage(
    principal: Principal,
    pipeline_id: str,
    stage_id: str,
    move_to: str | None,
) -> StageDeletion:
    """Delete the stage, moving its leads to `move_to` first. Without `move_to` a stage holding leads
    is a 409 that says how many; with it, the answer says whether the stage is gone or still draining."""
    found = load_pipeline(principal.tenant_id, pipeline_id)
    stages = {stage.stage_id: stage for stage in found.stages}
    stage = stages.get(stage_id)
    if stage is None:
        raise NotFoundError("No such stage in this pipeline", code="stage_not_found")
    if any(other.move_to == stage_id for other in found.stages):
        raise ConflictError(
            "Leads of a stage being deleted are moving into this one; try again when that is done",
            code="stage_is_move_target",
        )
    if stage.move_to:
        if move_to not in (None, stage.move_to):
            raise ConflictError(
                "This stage is already being deleted, its leads moving elsewhere", code="stage_deleting"
            )
    else:
        if len([s for s in found.stages if not s.move_to]) <= 1:
            raise ConflictError("A pipeline keeps at least one stage", code="last_stage")
        if int(stage.lead_count or 0) == 0:
            return _delete_empty(stage, move_to)
        if move_to is None:
            count = int(stage.lead_count)
            raise ConflictError(
                f"This stage holds {count} lead{'' if count == 1 else 's'}: choose a stage to move them "
                "to (move_to)",
                code="stage_not_empty",
                fields={"move_to": "required while the stage holds leads"},
                details={"lead_count": count, "lead_value": int(stage.lead_value or 0) / 100},
            )
        _check_target(stages, stage_id, move_to)
        _start(principal, stage, move_to)
    if int(stage.lead_count or 0) > SYNC_MOVE_LIMIT:
        return StageDeletion(
            stage_id=stage_id, status="deleting", move_to=move_to or stage.move_to, moved=0,
            remaining=int(stage.lead_count),
        )  # fmt: skip
    deadline = time.monotonic() + SYNC_SECONDS
    target = move_to or str(stage.move_to)
    result = drain_stage(
        principal.tenant_id, pipeline_id, stage_id, lambda: deadline - time.monotonic(), target
    )
    # No lead enters a stage being deleted, so every lead it held and no longer holds has moved, whether
    # this request moved it or the consumer did meanwhile
    held = int(stage.lead_count or 0)
    return replace(result, moved=max(result.moved, held - result.remaining))


def _check_target(stages: dict[str, StageItem], stage_id: str, move_to: str) -> None:
    target = stages.get(move_to)
    if target is None or move_to == stage_id:
        reason = "the stage itself" if move_to == stage_id else "no such stage in this pipeline"
        raise ValidationError("Some fields are not valid", fields={"move_to": reason})
    if target.move_to:
        raise ValidationError("Some fields are not valid", fields={"move_to": "this stage is being deleted"})


def _delete_empty(stage: StageItem, move_to: str | None) -> StageDeletion:
    try:
        stage.delete(condition=(StageItem.lead_count == 0) & StageItem.move_to.does_not_exist())
    except DeleteError as error:
        if error.cause_response_code == _CONDITION_FAILED:
            raise ConflictError(
                "Leads entered this stage meanwhile; reload", code="stage_not_empty"
            ) from error
        raise
    return StageDeletion(stage_id=stage.stage_id, status="deleted", move_to=move_to, moved=0, remaining=0)


def _start(principal: Principal, stage: StageItem, move_to: str) -> None:
    """Mark the stage as being deleted and record the event that lets the consumer finish the job."""
    tx = Transaction()
    actions = [
        StageItem.move_to.set(move_to),
        StageItem.deleting_by.set(principal.user_id),
        StageItem.deleting_by_name.set(principal.name or principal.email),
    ]
    tx.update("stage", stage, actions, condition=StageItem.PK.exists() & StageItem.move_to.does_not_exist())
    tx.put("outbox", outbox_item(deletion_started(principal.tenant_id, principal.user_id, stage, move_to)))
    try:
        tx.commit()
    except TransactionCancelledError as error:
        raise ConflictError("This stage changed meanwhile; reload", code="write_conflict") from error


def deletion_started(tenant_id: str, actor_id: str | None, stage: StageItem, move_to: str) -> DomainEvent:
    return DomainEvent(
        detail_type=DELETION_STARTED,
        tenant_id=tenant_id,
        actor_id=actor_id,
        subject_id=stage.stage_id,
        data={
            "pipeline_id": stage.pipeline_id,
            "stage_id": stage.stage_id,
            "move_to": move_to,
            "lead_count": int(stage.lead_count or 0),
        },
    )


def continue_deletion(event: DomainEvent, time_left: TimeLeft) -> StageDeletion:
    """The consumer's part: drain the stage while time allows; if leads remain, record a new
    StageDeletionStarted so the next invocation picks up where this one stopped."""
    tenant_id, pipeline_id, stage_id = event.tenant_id, event.data["pipeline_id"], event.data["stage_id"]
    result = drain_stage(tenant_id, pipeline_id, stage_id, time_left, event.data["move_to"])
    if result.status == "deleting":
        stage = get_stage(tenant_id, pipeline_id, stage_id, consistent=True)
        if stage is not None and stage.move_to:
            outbox_item(deletion_started(tenant_id, event.actor_id, stage, stage.move_to)).save()
            logger.info(
                "stage deletion continues", extra={"stage_id": stage_id, "remaining": result.remaining}
            )
    return result


def drain_stage(
    tenant_id: str, pipeline_id: str, stage_id: str, time_left: TimeLeft, move_to: str | None = None
) -> StageDeletion:
    """Move the leads of a stage being deleted, a batch per transaction, then delete it. The answer
    names where the leads went even when another drain (the consumer) deleted the stage first."""
    moved, lag, conflicts = 0, 0, 0
    while True:
        stage = get_stage(tenant_id, pipeline_id, stage_id, consistent=True)
        if stage is None or not stage.move_to:
            return StageDeletion(
                stage_id=stage_id, status="deleted", move_to=move_to, moved=moved, remaining=0
            )
        move_to = str(stage.move_to)
        if int(stage.lead_count or 0) <= 0 and _delete_drained(stage):
            return StageDeletion(
                stage_id=stage_id, status="deleted", move_to=stage.move_to, moved=moved, remaining=0
            )
        if time_left() <= 0 or lag > _INDEX_LAG_RETRIES:
            remaining = int(stage.lead_count or 0)
            return StageDeletion(
                stage_id=stage_id, status="deleting", move_to=stage.move_to, moved=moved, remaining=remaining
            )
        batch = _next_batch(tenant_id, stage_id)
        if not batch:
            lag += 1  # the counter says leads remain that the index does not show yet
            time.sleep(0.1)
            continue
        done = _move_batch(tenant_id, stage, batch)
        conflicts = 0 if done else conflicts + 1
        if conflicts > _CONFLICT_RETRIES:
            raise ConflictError("The stage's leads keep changing during the move", code="write_conflict")
        moved += done


def _delete_drained(stage: StageItem) -> bool:
    try:
        stage.delete(condition=(StageItem.lead_count == 0) & StageItem.move_to.exists())
    except DeleteError as error:
        if error.cause_response_code == _CONDITION_FAILED:
            return False
        raise
    return True


def _next_batch(tenant_id: str, stage_id: str) -> list[Lead]:
    """Leads still in the stage, read consistently (the index only suggests which), as many as fit
    in one transaction."""
    page, _ = query_leads("GSI2", stage_index(tenant_id, stage_id), None, None, PAGE, None)
    current = batch_get_leads(tenant_id, [lead.lead_id for lead in page], consistent=True)
    batch: list[Lead] = []
    owners: set[str] = set()
    for lead in page:
        fresh = current.get(lead.lead_id)
        if fresh is None or fresh.deleted_at or fresh.stage_id != stage_id:
            continue
        with_owner = owners | ({fresh.owner_id} if fresh.owner_id else set())
        items = _PER_LEAD * (len(batch) + 1) + _PER_BATCH + _PER_OWNER * len(with_owner)
        if items > TRANSACTION_ITEMS:
            break
        batch.append(fresh)
        owners = with_owner
    return batch


def _move_batch(tenant_id: str, stage: StageItem, batch: list[Lead]) -> int:
    """Move one batch in one transaction; 0 when a lead or a stage changed meanwhile (the next pass
    re-reads them)."""
    destination = get_stage(tenant_id, stage.pipeline_id, str(stage.move_to), consistent=True)
    if destination is None:
        raise NotFoundError(f"The stage {stage.move_to} the leads were moving to no longer exists")
    source, target = StageRef.of(stage), StageRef.of(destination)
    actor = Actor(str(stage.deleting_by or ""), str(stage.deleting_by_name or ""))
    tx, counters, at = Transaction(), CounterChanges(), iso()
    for lead in batch:
        move_lead(tx, counters, Found.of(lead), source, target, actor, at, cause="stage_deleted")
    counters.write(tx, stage_conditions(source, target))
    try:
        tx.commit()
    except TransactionCancelledError as error:
        logger.info("a batch met a concurrent change; re-reading", extra={"failed": error.failed})
        return 0
    return len(batch)
