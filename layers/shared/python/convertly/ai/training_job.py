"""Train one tenant's score model and serve it (the `ai_training` consumer; numpy and scikit-learn
live in that function's bundle only).

Reads the tenant's closed leads from the closed index (GSI1 `T#<t>#AI#CLOSED`, oldest first, each with
the facts it had when it closed), trains (convertly.ai.training: a logistic regression on the tokens,
measured on the latest fifth, or the prior under 50 closed leads), stores the model and its quality
in one item, then rescores the open leads from their stored facts as of now (GSI1 `T#<t>#SCORES`, a page
at a time): a lead whose whole-number score, reasons or model kind moved is written on its version,
with a history entry when the score moved.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from convertly.ai import keys
from convertly.ai.access import enabled
from convertly.ai.facts import facts_from_json, stage_info, stages_of
from convertly.ai.items import LeadScoreItem, ScoreHistoryItem, ScoreModelItem
from convertly.ai.model import ScoreModel
from convertly.ai.scorer import BACKFILL, Scorer, reasons_json
from convertly.ai.training import Example, train
from convertly.billing import service as billing
from convertly.leads import service as leads
from convertly.platform.clock import iso, now, parse_iso
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.store.items import Item
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

log = logging.getLogger(__name__)
PAGE = 500


@dataclass(frozen=True)
class TrainingReport:
    tenant_id: str
    trained: bool
    kind: str | None = None
    leads: int = 0
    rescored: int = 0
    changed: int = 0
    seconds: float = 0.0
    skipped: str | None = None


def _records(index_pk: str) -> Iterator[LeadScoreItem]:
    for item in Item.gsi1.query(index_pk, limit=None, page_size=PAGE):
        if isinstance(item, LeadScoreItem):
            yield item


def examples_of(tenant_id: str) -> list[Example]:
    examples = []
    for record in _records(keys.closed_index(tenant_id)):
        try:
            facts = facts_from_json(json.loads(str(record.facts)))
        except (TypeError, ValueError, KeyError):
            log.warning("a closed lead's stored facts could not be read; left out of training")
            continue
        examples.append(
            Example(facts=facts, won=record.status == "won", closed_at=parse_iso(str(record.closed_at)))
        )
    return examples


def train_tenant(tenant_id: str, clock: Any = now) -> TrainingReport:
    if not billing.plan_of(tenant_id).has(billing.Feature.AI):
        return TrainingReport(tenant_id, trained=False, skipped="plan")
    if not enabled(tenant_id):
        return TrainingReport(tenant_id, trained=False, skipped="ai off")
    started = time.perf_counter()
    at = clock()
    if _served(tenant_id) is None:
        backfill(tenant_id)  # the first training: every lead from before AI gets its record
    examples = examples_of(tenant_id)
    stages = [
        (stage.stage_id, stage.position)
        for stage in stages_of(tenant_id, refresh=True).values()
        if stage.kind == "open"
    ]
    result = train(examples, stages, at)
    seconds = round(time.perf_counter() - started, 3)
    ScoreModelItem(
        keys.tenant_ai(tenant_id),
        keys.MODEL_SK,
        model=result.model.to_json(),
        quality=json.dumps(dataclasses.asdict(result.quality), separators=(",", ":")),
        kind=result.model.kind,
        leads=result.model.leads,
        trained_at=result.model.trained_at,
        seconds=seconds,
    ).save()
    rescored, changed = rescore_open(tenant_id, result.model, at)
    return TrainingReport(
        tenant_id,
        trained=True,
        kind=result.model.kind,
        leads=result.model.leads,
        rescored=rescored,
        changed=changed,
        seconds=seconds,
    )


def _served(tenant_id: str) -> ScoreModelItem | None:
    try:
        return ScoreModelItem.get(keys.tenant_ai(tenant_id), keys.MODEL_SK)
    except ScoreModelItem.DoesNotExist:
        return None


def backfill(tenant_id: str, scorer: Scorer | None = None) -> int:
    """Give every live lead without a score record one (a page of leads at a time, BatchGetItem of
    their records). A closed lead is scored as of its close on the stage it left (its last stage
    history entry, one Query of its partition); what people did before is not counted (the events
    are gone), so its activity reads 0."""
    scorer = scorer or Scorer()
    written, cursor = 0, None
    while True:
        page, cursor = leads.query_leads("GSI1", leads.leads_index(tenant_id), None, None, 100, cursor)
        have = {
            str(r.lead_id)
            for r in LeadScoreItem.batch_get(
                [(keys.lead_ai(tenant_id, str(lead.lead_id)), keys.SCORE_SK) for lead in page]
            )
        }
        for lead in page:
            if (
                str(lead.lead_id) not in have
                and scorer.backfill(_backfill_event(tenant_id, lead), str(lead.lead_id)).written
            ):
                written += 1
        if cursor is None:
            return written


def _backfill_event(tenant_id: str, lead: Any) -> DomainEvent:
    stage = stage_info(tenant_id, str(lead.stage_id))
    data: dict[str, Any] = {"lead_id": lead.lead_id}
    if stage is not None and stage.kind in ("won", "lost"):
        moves = [
            i for i in leads.lead_partition(tenant_id, str(lead.lead_id)) if isinstance(i, leads.StageHistory)
        ]
        into = [m for m in moves if m.to_stage_id == lead.stage_id and m.from_stage_id]
        if into:
            last = max(into, key=lambda m: str(m.changed_at))
            data.update(from_stage_id=last.from_stage_id, seconds_in_previous=last.seconds_in_previous or 0)
    return DomainEvent(
        detail_type=BACKFILL,
        tenant_id=tenant_id,
        event_id=f"BACKFILL-{lead.lead_id}",
        occurred_at=str(lead.stage_entered_at),
        actor_id="system",
        subject_id=str(lead.lead_id),
        data=data,
    )


def rescore_open(tenant_id: str, model: ScoreModel, at: datetime) -> tuple[int, int]:
    """Every open lead scored again from its stored facts as of `at`; those whose score moved written."""
    rescored = changed = 0
    for record in list(_records(keys.scores_index(tenant_id))):
        rescored += 1
        try:
            facts = dataclasses.replace(facts_from_json(json.loads(str(record.facts))), as_of=at)
        except (TypeError, ValueError, KeyError):
            continue
        scored = model.score(facts)
        reasons = reasons_json(scored)
        if (
            scored.score == int(record.score)
            and reasons == record.reasons
            and record.model_kind == model.kind
        ):
            continue  # unchanged: not written
        previous = int(record.score)
        record.score = scored.score
        record.probability = round(scored.probability, 4)
        record.reasons = reasons
        record.model_kind = model.kind
        record.model_trained_at = model.trained_at
        record.scored_at = iso(at)
        record.GSI1SK = keys.score_sort(scored.score, str(record.lead_id))
        if record.GSI2PK:
            record.GSI2SK = record.GSI1SK
        if record.GSI3PK:
            record.GSI3SK = record.GSI1SK
        tx = Transaction()
        tx.put("record", record)
        if scored.score != previous:
            tx.put(
                "history",
                ScoreHistoryItem(
                    record.PK,
                    keys.history_sk(iso(at), "training"),
                    lead_id=record.lead_id,
                    score=scored.score,
                    previous=previous,
                    cause="Model retrained",
                    reasons=record.reasons,
                    model_kind=model.kind,
                    at=iso(at),
                ),
            )
        try:
            tx.commit()
        except TransactionCancelledError:
            continue  # an event rescored it meanwhile: its own score stands
        changed += 1
    return rescored, changed
