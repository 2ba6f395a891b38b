"""Demo AI: enough of the demo's leads closed for a learned score (its Google Ads storm-damage leads
win more often, its free-mail leads less), every lead scored, and the score model trained, so the
lead pages show scores with reasons and Settings > AI shows the model's quality on first start.

Scoring here runs the scorer over the tenant's outbox, as its consumer would; the consumer, catching up
on the same events later, finds each one's marker and changes nothing. The demo tenant is on
Professional already (devstack/seed_automation.py)."""

from __future__ import annotations

import json
import random
from typing import Any

from convertly.ai.events import SCORED_EVENTS
from convertly.ai.scorer import Scorer
from convertly.ai.training_job import TrainingReport, train_tenant
from convertly.leads import use_cases as leads
from convertly.leads.domain.leads import LeadFilters, StageChange
from convertly.pipelines.stage_change import change_stage
from convertly.pipelines.use_cases import list_pipelines
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import OutboxEventItem
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys

CLOSE = 70  # open leads closed here, on top of those the seed created closed


def _win_chance(lead: Any) -> float:
    chance = {"google_ads": 0.45, "referral": 0.5, "meta_ads": 0.2}.get(str(lead.source), 0.25)
    if (lead.attribution or {}).get("utm_campaign") == "storm-damage":
        chance += 0.25
    if lead.company:
        chance += 0.1
    return min(chance, 0.9)


def seed_ai(mover: Principal, rng: random.Random) -> TrainingReport:
    pipeline = list_pipelines(mover)[0]
    won = next(s.stage_id for s in pipeline.stages if s.kind == "won")
    lost = next(s.stage_id for s in pipeline.stages if s.kind == "lost")
    first = pipeline.stages[0].stage_id
    page = leads.list_leads(mover, LeadFilters(stage_id=first), None, CLOSE)
    for lead in page.items:
        wins = rng.random() < _win_chance(lead)
        change_stage(
            mover,
            lead.lead_id,
            StageChange(stage_id=won, version=lead.version)
            if wins
            else StageChange(stage_id=lost, version=lead.version, lost_reason="Price"),
        )
    scorer = Scorer()
    for item in OutboxEventItem.query(platform_keys.outbox(mover.tenant_id)):
        if item.detail_type in SCORED_EVENTS:
            scorer.handle(DomainEvent.from_detail(str(item.detail_type), json.loads(str(item.detail))))
    return train_tenant(mover.tenant_id)
