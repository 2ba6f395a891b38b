"""Moving leads between stages: the one implementation, used by the board's drag and drop and by the
deletion of a stage that still holds leads.

A move is one TransactWriteItems: an update of the lead (its stage, `stage_entered_at`, stage index
keys and version), a stage-history item (from, to, who, when, seconds in the stage left), the stage,
owner and transition counters, and the LeadStageChanged event in the outbox. What the move reads from
the lead (stage, time entered, owner, value, currency, source, pipeline, version) is what the mover
saw, and each of it is a condition of the lead's update: the board sends it with the drag, so a move
is that one call; a lead that has changed since cancels the write, and the cancellation carries the
stored lead for the 409. The stage counters' conditions check each stage's kind, which the event
reports, against the stage directory the move was planned from.

A move into a won stage may set the lead's value (the deal's value) in the same update; a win worth 0
needs the tenant's leave. A move into a lost stage records why (one of the tenant's lost reasons) on
the lead, its history and its event; a move to any other kind of stage removes it. The settings those
checks read come from the same directory, and the transaction checks them on the settings item.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from pynamodb.expressions.condition import Condition

from convertly.leads.service import (
    LEAD_SK,
    Lead,
    StageHistory,
    check_visible,
    get_lead,
    history_sk,
    lead_key,
    may_see_all,
    sort_key_actions,
    stage_index_actions,
    stale_version,
    to_minor,
    visible_lead,
)
from convertly.pipelines import keys
from convertly.pipelines.counters import CounterChanges, Placement, StageConditions
from convertly.pipelines.domain.stage_moves import StageMove
from convertly.pipelines.items import PipelineSettingsItem, StageItem
from convertly.pipelines.store import SettingsRef, StageDirectory, StageRef
from convertly.platform.clock import iso, new_id, parse_iso
from convertly.platform.errors import ConflictError, NotFoundError, ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.money import check_amount, decimals, from_cents, whole_cents
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

if TYPE_CHECKING:
    from convertly.leads.service import SeenLead, StageChange

STAGE_CHANGED = "LeadStageChanged"
Cause = Literal["moved", "stage_deleted"]

# Per warm function instance; see StageDirectory for why a stale entry is harmless.
DIRECTORY = StageDirectory()


@dataclass(frozen=True)
class Actor:
    user_id: str
    name: str


@dataclass(frozen=True)
class Closing:
    """What a move into a won or lost stage records besides the stage: the lead's new value (a win),
    or why it was lost. A stage deletion's moves record none."""

    value_minor: int | float | None = None  # as stored (convertly.platform.money.to_cents)
    lost_reason: str | None = None
    lost_note: str | None = None

    def value_after(self, found: Found) -> int | float:
        """The lead's value once moved: the win's, else its own."""
        return found.value_minor if self.value_minor is None else self.value_minor


NO_CLOSING = Closing()


@dataclass(frozen=True)
class StageChangeResult:
    """A stage change's answer, and whether it wrote anything (not for a lead already in the stage:
    a repeated request, or a move to the stage it is in)."""

    move: StageMove
    written: bool


@dataclass(frozen=True)
class Found:
    """The lead as a move expects to find it: what the move reads, each a condition of its write."""

    tenant_id: str
    lead_id: str
    version: int
    stage_id: str
    stage_entered_at: str
    owner_id: str | None
    value_minor: int | float  # as stored: exact, so the write's condition holds for any currency
    currency: str
    source: str

    @classmethod
    def of(cls, lead: Lead) -> Found:
        return cls(
            lead.tenant_id,
            lead.lead_id,
            int(lead.version or 0),
            lead.stage_id,
            lead.stage_entered_at,
            lead.owner_id,
            lead.value or 0,
            lead.currency,
            lead.source,
        )

    @classmethod
    def seen(cls, tenant_id: str, lead_id: str, version: int, seen: SeenLead) -> Found:
        return cls(
            tenant_id,
            lead_id,
            version,
            seen.stage_id,
            seen.stage_entered_at,
            seen.owner_id,
            to_minor(seen.value),
            seen.currency,
            seen.source,
        )

    def placement(self, pipeline_id: str, stage_id: str) -> Placement:
        return Placement(self.tenant_id, pipeline_id, stage_id, self.owner_id, whole_cents(self.value_minor))

    def condition(self, pipeline_id: str) -> Condition:
        """The lead exists, is live and is as found (PynamoDB adds the version's own condition)."""
        owner = Lead.owner_id == self.owner_id if self.owner_id else Lead.owner_id.does_not_exist()
        return (
            Lead.PK.exists()
            & Lead.deleted_at.does_not_exist()
            & (Lead.pipeline_id == pipeline_id)
            & (Lead.stage_id == self.stage_id)
            & (Lead.stage_entered_at == self.stage_entered_at)
            & owner
            & (Lead.value == self.value_minor)
            & (Lead.currency == self.currency)
            & (Lead.source == self.source)
        )


class StaleStagesError(Exception):
    """The stage directory the move was planned from no longer matches the stages."""


def seconds_between(start: str, end: str) -> int:
    return max(0, int((parse_iso(end) - parse_iso(start)).total_seconds()))


def money(minor: int | float) -> str:
    """A stored value as a decimal string, with two decimals or more: 125050 -> "1250.50",
    123.4 (KWD) -> "1.234"."""
    amount = from_cents(minor)
    return str(amount if decimals(amount) > 2 else amount.quantize(Decimal("0.01")))


def stage_conditions(source: StageRef, target: StageRef) -> StageConditions:
    """Both stages still exist with the kinds the move was planned with; a stage being deleted takes
    no leads."""
    leaving = StageItem.PK.exists() & (StageItem.kind == source.kind)
    entering = StageItem.PK.exists() & (StageItem.kind == target.kind) & StageItem.move_to.does_not_exist()
    return {source.stage_id: ("from_stage", leaving), target.stage_id: ("to_stage", entering)}


def lead_label(lead_id: str) -> str:
    return f"lead:{lead_id}"


def move_lead(
    tx: Transaction,
    counters: CounterChanges,
    found: Found,
    source: StageRef,
    target: StageRef,
    actor: Actor,
    at: str,
    cause: Cause = "moved",
    closing: Closing = NO_CLOSING,
) -> StageMove:
    """Add the move's lead update, history and outbox items to `tx` and its counter changes to
    `counters` (written by the caller, once for all the moves of the transaction). `closing` has been
    checked by the caller: the value a win sets, the reason a loss records."""
    seconds = seconds_between(found.stage_entered_at, at)
    value = closing.value_after(found)
    lost = target.kind == "lost"
    lead = Lead(lead_key(found.tenant_id, found.lead_id), LEAD_SK, version=found.version)
    actions = [
        Lead.stage_id.set(target.stage_id),
        Lead.stage_entered_at.set(at),
        Lead.updated_at.set(at),
        *stage_index_actions(found.tenant_id, found.lead_id, found.owner_id, target.stage_id, at),
        *sort_key_actions(found.lead_id, updated_at=at, value=value),
    ]
    if value != found.value_minor:
        actions.append(Lead.value.set(value))
    if not lost:
        actions.append(Lead.lost_reason.remove())  # reopened, or won: no longer lost
    elif closing.lost_reason:
        actions.append(Lead.lost_reason.set(closing.lost_reason))
    condition = found.condition(source.pipeline_id)
    tx.update(lead_label(found.lead_id), lead, actions, condition=condition, return_old=True)
    moved = StageMove(
        lead_id=found.lead_id,
        pipeline_id=source.pipeline_id,
        from_stage_id=source.stage_id,
        stage_id=target.stage_id,
        stage_entered_at=at,
        seconds_in_previous=seconds,
        updated_at=at,
        version=found.version + 1,
        value=float(from_cents(value)),
        lost_reason=closing.lost_reason if lost else None,
    )
    event = stage_changed_event(found, moved, source, target, actor, cause, closing)
    history_id = new_id()
    tx.put(
        "history",
        StageHistory(
            lead.PK,
            history_sk(at, history_id),
            history_id=history_id,
            lead_id=found.lead_id,
            from_stage_id=source.stage_id,
            to_stage_id=target.stage_id,
            from_stage_name=source.name,
            to_stage_name=target.name,
            changed_by=actor.user_id,
            changed_by_name=actor.name,
            changed_at=at,
            seconds_in_previous=seconds,
            lost_reason=closing.lost_reason if lost else None,
            lost_note=closing.lost_note if lost else None,
            event_id=event.event_id,
        ),
    )
    before = found.placement(source.pipeline_id, source.stage_id)
    after = replace(found.placement(source.pipeline_id, target.stage_id), value=whole_cents(value))
    counters.move(before, after)
    counters.transition(before, after, seconds)
    tx.put("outbox", outbox_item(event))
    return moved


def stage_changed_event(
    found: Found,
    moved: StageMove,
    source: StageRef,
    target: StageRef,
    actor: Actor,
    cause: Cause,
    closing: Closing = NO_CLOSING,
) -> DomainEvent:
    """LeadStageChanged. `reopened` marks a lead leaving a won stage, so the conversions consumer can
    retract what it reported; `value_minor` is the lead's value after the move (a win may have set
    it). It carries what the move verified, not a snapshot of the whole lead: a consumer that needs
    more (a name, contact details, click ids) reads the lead."""
    value = closing.value_after(found)
    return DomainEvent(
        detail_type=STAGE_CHANGED,
        tenant_id=found.tenant_id,
        actor_id=actor.user_id,
        subject_id=found.lead_id,
        occurred_at=moved.stage_entered_at,
        data={
            "lead_id": found.lead_id,
            "pipeline_id": moved.pipeline_id,
            "from_stage_id": source.stage_id,
            "from_stage_name": source.name,
            "from_kind": source.kind,
            "to_stage_id": target.stage_id,
            "to_stage_name": target.name,
            "to_kind": target.kind,
            "value_minor": whole_cents(value),
            "value": money(value),
            "previous_value_minor": whole_cents(found.value_minor),
            "currency": found.currency,
            "owner_id": found.owner_id,
            "source": found.source,
            "version": moved.version,
            "actor_name": actor.name,
            "seconds_in_previous": moved.seconds_in_previous,
            "reopened": source.kind == "won" and target.kind != "won",
            "lost_reason": moved.lost_reason,
            "lost_note": closing.lost_note if target.kind == "lost" else None,
            "cause": cause,
        },
    )


def change_stage(
    principal: Principal, lead_id: str, request: StageChange, directory: StageDirectory | None = None
) -> StageMove:
    """Move one lead (the board's drag and drop); the answer of `apply_stage_change`."""
    return apply_stage_change(principal, lead_id, request, directory).move


def apply_stage_change(
    principal: Principal, lead_id: str, request: StageChange, directory: StageDirectory | None = None
) -> StageChangeResult:
    """Move one lead. Sales may move only their own leads.

    With `request.seen` the move is its one transaction; without it (or when what was seen cannot be
    moved as it stands: the same stage, or a Sales rep's view of someone else's lead) the lead is read
    first. A lead already in the stage asked for answers with the move that brought it there and
    writes nothing."""
    directory = directory or DIRECTORY
    actor = Actor(principal.user_id, principal.name or principal.email)
    seen = request.seen
    if seen is None or seen.stage_id == request.stage_id or not _may_move(principal, seen.owner_id):
        lead = _movable(principal, lead_id, request)
        if lead.stage_id == request.stage_id:
            return StageChangeResult(repeated(lead), written=False)
        found = Found.of(lead)
    else:
        found = Found.seen(principal.tenant_id, lead_id, request.version, seen)
    tenant_id = principal.tenant_id
    try:
        plan = _Plan(directory.stages(tenant_id), directory.settings(tenant_id), final=False)
        return _attempt(principal, found, request, plan, actor)
    except StaleStagesError:
        stages = directory.stages(tenant_id, refresh=True)
        plan = _Plan(stages, directory.settings(tenant_id), final=True)
        return _attempt(principal, found, request, plan, actor)


@dataclass(frozen=True)
class _Plan:
    """What a move attempt is planned from: the directory's stages and settings; `final` once they were
    reloaded, when a mismatch is the request's fault, not the directory's."""

    stages: dict[str, StageRef]
    settings: SettingsRef
    final: bool


def _may_move(principal: Principal, owner_id: str | None) -> bool:
    return may_see_all(principal) or owner_id == principal.user_id


def unmoved(lead: Lead) -> StageMove:
    """The lead where it is, as a move's answer that moved nothing."""
    return StageMove(
        lead_id=lead.lead_id,
        pipeline_id=lead.pipeline_id,
        from_stage_id=lead.stage_id,
        stage_id=lead.stage_id,
        stage_entered_at=lead.stage_entered_at,
        seconds_in_previous=0,
        updated_at=lead.updated_at,
        version=int(lead.version or 0),
        value=float(from_cents(lead.value)),
        lost_reason=lead.lost_reason,
    )


def repeated(lead: Lead) -> StageMove:
    """The answer for a lead already in the stage asked for (a double click, a retry): the move that
    brought it there, as that move answered, from the history entry written with it (one Query of
    the lead's partition, newest first, Limit 1). A lead that never moved into its stage (it was
    created there) answers that it did not move."""
    answer = unmoved(lead)
    entering = history_sk(lead.stage_entered_at, "")  # written at the very time the lead entered
    for entry in StageHistory.query(
        lead_key(lead.tenant_id, lead.lead_id),
        StageHistory.SK.startswith(entering),
        scan_index_forward=False,
        limit=1,
        consistent_read=True,
    ):
        if entry.from_stage_id and entry.to_stage_id == lead.stage_id:
            seconds = int(entry.seconds_in_previous or 0)
            return replace(answer, from_stage_id=entry.from_stage_id, seconds_in_previous=seconds)
    return answer


def _movable(principal: Principal, lead_id: str, request: StageChange) -> Lead:
    lead = visible_lead(principal, lead_id)
    if lead.deleted_at:
        raise ConflictError("This lead is deleted: restore it first", code="lead_deleted")
    if lead.stage_id != request.stage_id and request.version != lead.version:
        raise stale_version(lead)
    return lead


def _attempt(
    principal: Principal, found: Found, request: StageChange, plan: _Plan, actor: Actor
) -> StageChangeResult:
    stage_id = request.stage_id
    source, target = plan.stages.get(found.stage_id), plan.stages.get(stage_id)
    if source is None or target is None:
        if not plan.final:
            raise StaleStagesError()
        if target is None:
            raise ValidationError("Some fields are not valid", fields={"stage_id": "no such stage"})
        # The stage the mover saw the lead in is gone: the lead has moved, or was never there.
        return _settle(principal, found, stage_id, get_lead(found.tenant_id, found.lead_id))
    check_target(source, target)
    closing, settings_condition = closing_of(request, found, target, plan.settings, final=plan.final)
    tx, counters = Transaction(), CounterChanges()
    moved = move_lead(tx, counters, found, source, target, actor, iso(), closing=closing)
    counters.write(tx, stage_conditions(source, target))
    if settings_condition is not None:
        tx.check(
            "settings",
            PipelineSettingsItem,
            platform_keys.tenant(found.tenant_id),
            keys.PIPELINE_SETTINGS_SK,
            settings_condition,
        )
    try:
        tx.commit()
    except TransactionCancelledError as error:
        label = lead_label(found.lead_id)
        if label in error.failed:
            stored = error.items.get(label)
            return _settle(principal, found, stage_id, Lead.from_raw_data(stored) if stored else None)
        if plan.final:
            raise ConflictError(
                "The pipeline's stages or settings changed during the move; try again", code="write_conflict"
            ) from error
        raise StaleStagesError() from error
    return StageChangeResult(moved, written=True)


def _settle(principal: Principal, found: Found, stage_id: str, current: Lead | None) -> StageChangeResult:
    """The lead is not as the mover found it. It may be missing (404), someone else's (403), deleted or
    changed (409 with the lead as it is); or this very move already happened (a double click or a
    retry: the lead is in the stage at the next version), which answers as the move did."""
    if current is None:
        raise NotFoundError("No such lead", code="lead_not_found")
    check_visible(principal, current)
    if current.deleted_at:
        raise ConflictError("This lead is deleted: restore it first", code="lead_deleted")
    if current.stage_id == stage_id and int(current.version or 0) == found.version + 1:
        answer = replace(
            unmoved(current),
            from_stage_id=found.stage_id,
            seconds_in_previous=seconds_between(found.stage_entered_at, current.stage_entered_at),
        )
        return StageChangeResult(answer, written=False)
    raise stale_version(current)


def closing_of(
    request: StageChange, found: Found, target: StageRef, settings: SettingsRef, *, final: bool
) -> tuple[Closing, Condition | None]:
    """What the move records besides the stage (a win's value, a loss's reason), checked against the
    tenant's settings, and the condition on the settings item that keeps the write to them.

    A refusal that depends on the settings (an unknown reason, a win worth 0) is made only on settings
    just reloaded (`final`); before that it asks for the reload (StaleStagesError)."""
    _check_fields_fit(request, target)
    if target.kind == "won":
        check_amount(request.value, found.currency)  # the lead's currency: a JPY deal is whole yen
        value = to_minor(request.value) if request.value is not None else found.value_minor
        if value > 0:
            return Closing(value_minor=value), None
        if settings.allow_zero_value_wins:
            allowed = PipelineSettingsItem.allow_zero_value_wins == True  # noqa: E712 - a DynamoDB condition
            return Closing(value_minor=value), allowed
        if not final:
            raise StaleStagesError()
        raise ValidationError(
            "Enter the deal's value: a won lead needs a value above 0",
            code="value_required",
            fields={"value": "Enter the deal's value (more than 0)"},
        )
    if target.kind == "lost":
        if request.lost_reason is None:
            raise ValidationError(
                "Choose why the lead was lost",
                code="lost_reason_required",
                fields={"lost_reason": "Choose why the lead was lost"},
            )
        reason = known_reason(request.lost_reason, settings.lost_reasons)
        if reason is None:
            if not final:
                raise StaleStagesError()
            raise ValidationError(
                f"{request.lost_reason!r} is not one of the lost reasons",
                code="unknown_lost_reason",
                fields={"lost_reason": f"Choose one of: {', '.join(settings.lost_reasons)}"},
            )
        listed = PipelineSettingsItem.PK.does_not_exist() | PipelineSettingsItem.lost_reasons.contains(reason)
        return Closing(lost_reason=reason, lost_note=request.lost_note or None), listed
    return NO_CLOSING, None


def known_reason(reason: str, reasons: tuple[str, ...]) -> str | None:
    """The listed reason `reason` names, compared without regard to case; None if none."""
    wanted = reason.strip().casefold()
    return next((listed for listed in reasons if listed.casefold() == wanted), None)


def _check_fields_fit(request: StageChange, target: StageRef) -> None:
    """A value goes with a win only, a lost reason and note with a loss only."""
    misplaced: dict[str, str] = {}
    if request.value is not None and target.kind != "won":
        misplaced["value"] = "Only a move to a won stage takes a value"
    if target.kind != "lost":
        for name in ("lost_reason", "lost_note"):
            if getattr(request, name) is not None:
                misplaced[name] = "Only a move to a lost stage takes a lost reason or note"
    if misplaced:
        raise ValidationError("Some fields are not valid", fields=misplaced)


def check_target(source: StageRef, target: StageRef) -> None:
    """A lead moves within its pipeline, and never into a stage being deleted."""
    if target.pipeline_id != source.pipeline_id:
        raise ValidationError(
            "Some fields are not valid",
            fields={"stage_id": "a stage of another pipeline: a lead moves within its own pipeline"},
        )
    if target.deleting:
        raise ValidationError("Some fields are not valid", fields={"stage_id": "this stage is being deleted"})
