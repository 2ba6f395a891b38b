"""The score consumer's work: a lead event rescores its lead, counting what people did about it once.

For an event about a lead: the lead (GetItem), its AI record (GetItem), the tenant's served model (kept
a few minutes per process) and its stages (kept a minute), then one transaction: the event's marker
(absent: a redelivered event counts nothing twice and writes nothing), the AI record with the new
score, and a history entry when the whole-number score moved. Two events of one lead at once: the
record's version makes the later one read again and retry.

The record's index keys follow the lead: open leads sort by score (the tenant's, the owner's and the
stage's lists); a won or lost lead moves to the closed index with its facts frozen as they were when it
closed (the stage it left, not the won stage: what training learns from); a deleted lead leaves both.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from convertly.ai import keys
from convertly.ai.events import SCORED_EVENTS
from convertly.ai.facts import Activity, StageInfo, facts_json, facts_of, stage_info
from convertly.ai.items import EventSeenItem, LeadScoreItem, ScoreHistoryItem, ScoreModelItem
from convertly.ai.model import Scored, ScoreModel, default_model
from convertly.leads import service as leads
from convertly.platform.clock import iso, now, parse_iso
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

log = logging.getLogger(__name__)

EVENTS = SCORED_EVENTS
# A lead from before the tenant's first training, scored by the training (convertly.ai.training_job).
BACKFILL = "ScoreBackfill"
SEEN_DAYS = 7
ATTEMPTS = 4
MODEL_SECONDS = 300.0


def lead_of(event: DomainEvent) -> str | None:
    data = event.data or {}
    for nested in ("followup", "task", "lead"):
        value = data.get(nested)
        if isinstance(value, dict) and value.get("lead_id"):
            return str(value["lead_id"])
    if data.get("lead_id"):
        return str(data["lead_id"])
    if event.detail_type.startswith("Lead") and event.subject_id:
        return str(event.subject_id)
    return None


def by_person(event: DomainEvent) -> bool:
    """Whether a person did it (a user's id), not a form, a workflow or the system."""
    actor = str(event.actor_id or "")
    return bool(actor) and ":" not in actor and actor != "system"


def cause_of(event: DomainEvent) -> str:
    data = event.data or {}
    if event.detail_type == "LeadStageChanged":
        return f"Moved to {data.get('to_stage_name') or 'another stage'}"
    return {
        "LeadCreated": "Lead created",
        "LeadUpdated": "Lead edited",
        "LeadTouched": "Another visit",
        "LeadRestored": "Lead restored",
        "NoteAdded": "Note added",
        "FollowUpCompleted": "Follow-up done",
        "TaskCompleted": "Task done",
        "SmsQueued": "Text sent",
        "ModelTrained": "Model retrained",
        BACKFILL: "First scored",
    }.get(event.detail_type, event.detail_type)


class ModelCache:
    """The served model of each tenant, kept a few minutes per process (a retrained model is read
    within that time; no model yet: the default prior)."""

    def __init__(self, ttl: float = MODEL_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl, self._clock = ttl, clock
        self._models: dict[str, tuple[float, ScoreModel]] = {}

    def model(self, tenant_id: str) -> ScoreModel:
        kept = self._models.get(tenant_id)
        if kept is not None and self._clock() - kept[0] < self._ttl:
            return kept[1]
        model = load_model(tenant_id)
        self._models[tenant_id] = (self._clock(), model)
        return model

    def forget(self, tenant_id: str) -> None:
        self._models.pop(tenant_id, None)


def load_model(tenant_id: str) -> ScoreModel:
    try:
        item = ScoreModelItem.get(keys.tenant_ai(tenant_id), keys.MODEL_SK)
    except ScoreModelItem.DoesNotExist:
        return default_model(now())
    return ScoreModel.from_json(str(item.model))


def reasons_json(scored: Scored) -> str:
    return json.dumps(
        [
            {"token": r.token, "text": r.text, "effect": r.effect, "weight": round(r.weight, 4)}
            for r in scored.reasons
        ],
        separators=(",", ":"),
    )


def index(record: LeadScoreItem) -> None:
    """Set the record's index keys from its status (module docstring)."""
    for n in (1, 2, 3):
        setattr(record, f"GSI{n}PK", None)
        setattr(record, f"GSI{n}SK", None)
    tenant_id, lead_id = str(record.tenant_id), str(record.lead_id)
    if record.status == "open":
        sort = keys.score_sort(int(record.score), lead_id)
        record.GSI1PK, record.GSI1SK = keys.scores_index(tenant_id), sort
        if record.owner_id:
            record.GSI2PK, record.GSI2SK = keys.owner_scores_index(tenant_id, str(record.owner_id)), sort
        if record.stage_id:
            record.GSI3PK, record.GSI3SK = keys.stage_scores_index(tenant_id, str(record.stage_id)), sort
    elif record.status in ("won", "lost") and record.closed_at:
        record.GSI1PK = keys.closed_index(tenant_id)
        record.GSI1SK = keys.closed_sort(str(record.closed_at), lead_id)


def get_record(tenant_id: str, lead_id: str) -> LeadScoreItem | None:
    try:
        return LeadScoreItem.get(keys.lead_ai(tenant_id, lead_id), keys.SCORE_SK, consistent_read=True)
    except LeadScoreItem.DoesNotExist:
        return None


@dataclass
class Outcome:
    lead_id: str
    written: bool
    score: int | None = None


class Scorer:
    def __init__(self, models: ModelCache | None = None, clock: Callable[[], datetime] = now) -> None:
        self.models = models or ModelCache()
        self.clock = clock

    def handle(self, event: DomainEvent) -> Outcome | None:
        if event.detail_type not in EVENTS:
            return None
        lead_id = lead_of(event)
        if not lead_id:
            return None
        for attempt in range(ATTEMPTS):
            try:
                return self._apply(event, lead_id)
            except TransactionCancelledError as error:
                if "seen" in error.failed:
                    return Outcome(lead_id, written=False)  # a redelivery: already counted
                if attempt == ATTEMPTS - 1:
                    raise
                log.info("the lead's AI record changed meanwhile; reading it again")
        return None

    def backfill(self, event: DomainEvent, lead_id: str) -> Outcome:
        """Score a lead no event has reached (its marker, the event's id, keeps it once)."""
        try:
            return self._apply(event, lead_id)
        except TransactionCancelledError as error:
            if "seen" in error.failed or "record" in error.failed:
                return Outcome(lead_id, written=False)  # scored meanwhile, by an event or an earlier run
            raise

    def _apply(self, event: DomainEvent, lead_id: str) -> Outcome:
        tenant_id = event.tenant_id
        lead = leads.get_lead(tenant_id, lead_id)
        record = get_record(tenant_id, lead_id)
        if lead is None:
            return Outcome(lead_id, written=False)
        fresh = record is None
        if record is None:
            record = LeadScoreItem(
                keys.lead_ai(tenant_id, lead_id), keys.SCORE_SK, tenant_id=tenant_id, lead_id=lead_id
            )
        at = event.occurred_at or iso(self.clock())
        if EVENTS.get(event.detail_type, False) and by_person(event):
            if not record.first_response_at or at < str(record.first_response_at):
                record.first_response_at = at
            record.activity_count = int(record.activity_count or 0) + 1
            if not record.last_activity_at or at > str(record.last_activity_at):
                record.last_activity_at = at
        previous = None if fresh else int(record.score or 0)
        was_closed = not fresh and record.status in ("won", "lost")
        self._place(record, lead, event)
        scored = None if was_closed and record.status != "open" else self._score(record, lead, event)
        record.rev = int(record.rev or 0) + 1
        index(record)
        tx = Transaction()
        marker = EventSeenItem(keys.seen(tenant_id, event.event_id), keys.SEEN_SK, lead_id=lead_id)
        marker.expires_at = self.clock() + timedelta(days=SEEN_DAYS)
        tx.put("seen", marker, EventSeenItem.PK.does_not_exist())
        tx.put("record", record)
        if scored is not None and scored.score != previous:
            tx.put("history", self._history(record, event, previous, at))
        tx.commit()
        return Outcome(lead_id, written=True, score=int(record.score))

    def _place(self, record: LeadScoreItem, lead: Any, event: DomainEvent) -> None:
        """The record's status, owner and stage from the lead as it is now."""
        stage = stage_info(str(lead.tenant_id), str(lead.stage_id))
        kind = stage.kind if stage else "open"
        record.owner_id = lead.owner_id or None
        record.pipeline_id = lead.pipeline_id
        record.stage_id = lead.stage_id
        if lead.deleted_at:
            record.status = "deleted"
        elif kind in ("won", "lost"):
            if record.status not in ("won", "lost") or not record.closed_at:
                record.closed_at = event.occurred_at if event.detail_type == "LeadStageChanged" else None
                record.closed_at = record.closed_at or str(lead.stage_entered_at)
            record.status = kind
        else:
            record.status = "open"
            record.closed_at = None

    def _score(self, record: LeadScoreItem, lead: Any, event: DomainEvent) -> Scored | None:
        """Score an open lead as of now; a lead closing now is scored as of its close, on the stage it
        left, and its facts stay so (the caller scores a closed lead only when it closes)."""
        tenant_id = str(lead.tenant_id)
        activity = Activity(
            record.first_response_at, int(record.activity_count or 0), record.last_activity_at
        )
        if record.status == "deleted":
            return None
        model = self.models.model(tenant_id)
        if record.status == "open":
            stage = stage_info(tenant_id, str(lead.stage_id))
            facts = facts_of(lead, activity, as_of=self.clock(), stage=stage)
        else:
            closed_at = parse_iso(str(record.closed_at))
            stage, entered = self._stage_left(tenant_id, lead, event, closed_at)
            facts = facts_of(lead, activity, as_of=closed_at, stage=stage, stage_entered_at=entered)
        scored = model.score(facts)
        record.facts = json.dumps(facts_json(facts), separators=(",", ":"))
        record.score = scored.score
        record.probability = round(scored.probability, 4)
        record.reasons = reasons_json(scored)
        record.model_kind = model.kind
        record.model_trained_at = model.trained_at
        record.scored_at = iso(self.clock())
        return scored

    def _stage_left(
        self, tenant_id: str, lead: Any, event: DomainEvent, closed_at: datetime
    ) -> tuple[StageInfo | None, str | None]:
        data = event.data or {}
        if event.detail_type in ("LeadStageChanged", BACKFILL) and data.get("from_stage_id"):
            seconds = float(data.get("seconds_in_previous") or 0)
            entered = iso(closed_at - timedelta(seconds=seconds))
            return stage_info(tenant_id, str(data["from_stage_id"])), entered
        return stage_info(tenant_id, str(lead.stage_id)), None

    def _history(
        self, record: LeadScoreItem, event: DomainEvent, previous: int | None, at: str
    ) -> ScoreHistoryItem:
        return ScoreHistoryItem(
            record.PK,
            keys.history_sk(at, event.event_id),
            lead_id=record.lead_id,
            score=int(record.score),
            previous=previous,
            cause=cause_of(event),
            reasons=record.reasons,
            model_kind=record.model_kind,
            at=at,
        )
