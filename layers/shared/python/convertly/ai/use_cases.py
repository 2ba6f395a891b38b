"""The AI capability's use cases: a lead's insights (score, reasons, history, brief), its brief, the
leads ranked by score, and Settings > AI."""

from __future__ import annotations

import json
from typing import Any, cast

from pynamodb.expressions.condition import Condition

from convertly.ai import access, keys, summary, usage
from convertly.ai.domain import (
    AiAvailability,
    AiSettings,
    AiSettingsUpdate,
    AiUsage,
    LeadBrief,
    LeadInsights,
    LeadScore,
    LeadSummary,
    ModelQuality,
    ScoreChange,
    ScoredLead,
    ScoredLeadPage,
    ScoreReason,
    TrainingAccepted,
)
from convertly.ai.events import TRAINING_REQUESTED
from convertly.ai.items import AiSettingsItem, LeadScoreItem, ScoreHistoryItem, ScoreModelItem, SummaryItem
from convertly.ai.openai_gateway import api_key
from convertly.ai.scorer import get_record
from convertly.billing import service as billing
from convertly.billing.service import Plan
from convertly.leads import service as leads
from convertly.permissions import Permission
from convertly.platform.clock import iso
from convertly.platform.config import get_settings
from convertly.platform.errors import ConvertlyError, ForbiddenError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.principal import Principal
from convertly.platform.store.items import Item
from convertly.platform.store.paging import query_page

HISTORY = 20


def _reasons(text: str | None) -> list[ScoreReason]:
    try:
        rows = json.loads(text or "[]")
    except ValueError:
        return []
    return [ScoreReason(text=r["text"], effect=r["effect"], weight=r["weight"]) for r in rows]


def _score(record: LeadScoreItem) -> LeadScore:
    return LeadScore(
        score=int(record.score or 0),
        status=cast(Any, record.status),
        reasons=_reasons(record.reasons),
        model_kind=cast(Any, record.model_kind),
        model_trained_at=record.model_trained_at,
        scored_at=record.scored_at,
        closed_at=record.closed_at,
    )


def _summary(item: SummaryItem | None, current_key: str) -> LeadSummary | None:
    if item is None or not item.brief:
        return None
    return LeadSummary(
        brief=LeadBrief(**json.loads(str(item.brief))),
        model=str(item.model),
        generated_at=str(item.generated_at),
        generated_by=str(item.generated_by),
        fresh=item.cache_key == current_key,
    )


def _availability(tenant_id: str, plan: Plan) -> AiAvailability:
    if not api_key():
        return AiAvailability(
            summaries=False,
            reason="Summaries are not set up on this Convertly installation (no OpenAI API key).",
            reason_code="ai_not_configured",
        )
    try:
        usage.check_budget(tenant_id, plan.limits.ai_tokens_per_month)
    except ConvertlyError as error:
        return AiAvailability(summaries=False, reason=error.message, reason_code=error.code)
    return AiAvailability(summaries=True)


def _stored_summary(tenant_id: str, lead_id: str) -> SummaryItem | None:
    try:
        return SummaryItem.get(keys.lead_ai(tenant_id, lead_id), keys.SUMMARY_SK, consistent_read=True)
    except SummaryItem.DoesNotExist:
        return None


def insights(principal: Principal, lead_id: str) -> LeadInsights:
    tenant_id = principal.tenant_id
    plan = access.require_ai(tenant_id, "AI insights", asks_model=False)
    lead = leads.visible_lead(principal, lead_id)
    record = get_record(tenant_id, lead_id)
    history = [
        ScoreChange(
            at=h.at,
            score=int(h.score),
            previous=None if h.previous is None else int(h.previous),
            cause=h.cause,
        )
        for h in ScoreHistoryItem.query(
            keys.lead_ai(tenant_id, lead_id),
            ScoreHistoryItem.SK.startswith(keys.HISTORY_PREFIX),
            scan_index_forward=False,
            limit=HISTORY,
        )
    ]
    stored = _stored_summary(tenant_id, lead_id)
    return LeadInsights(
        lead_id=lead_id,
        score=_score(record) if record is not None and record.status != "deleted" else None,
        history=history,
        summary=_summary(stored, summary.cache_key(lead, record)),
        ai=_availability(tenant_id, plan),
    )


def lead_summary(principal: Principal, lead_id: str, *, regenerate: bool) -> LeadSummary:
    """The lead's brief: the stored one while it is current, else (or when asked) a new one."""
    tenant_id = principal.tenant_id
    plan = access.require_ai(tenant_id, "AI summaries", asks_model=False)
    lead = leads.visible_lead(principal, lead_id)
    record = get_record(tenant_id, lead_id)
    current = summary.cache_key(lead, record)
    stored = _stored_summary(tenant_id, lead_id)
    if not regenerate and stored is not None and stored.brief and stored.cache_key == current:
        result = _summary(stored, current)
        assert result is not None
        return result
    access.require_model(tenant_id, plan)
    written = summary.write(tenant_id, lead, record, principal.user_id)
    result = _summary(written, current)
    assert result is not None
    return result


# Leads ranked by score ------------------------------------------------------------------------------


def scored_leads(
    principal: Principal,
    *,
    stage_id: str | None,
    owner_id: str | None,
    min_score: int | None,
    max_score: int | None,
    ascending: bool,
    cursor: str | None,
    limit: int,
) -> ScoredLeadPage:
    tenant_id = principal.tenant_id
    access.require_ai(tenant_id, "Sorting by AI score", asks_model=False)
    if not principal.can(Permission.LEADS_READ_ALL):
        if owner_id not in (None, principal.user_id):
            raise ForbiddenError("You can only list leads assigned to you", code="forbidden_owner")
        owner_id = principal.user_id
    filters: list[Condition] = []
    index: Any
    if stage_id:
        index, hash_key = Item.gsi3, keys.stage_scores_index(tenant_id, stage_id)
        names = ("GSI3PK", "GSI3SK")
        if owner_id:
            filters.append(LeadScoreItem.owner_id == owner_id)
    elif owner_id:
        index, hash_key, names = Item.gsi2, keys.owner_scores_index(tenant_id, owner_id), ("GSI2PK", "GSI2SK")
    else:
        index, hash_key, names = Item.gsi1, keys.scores_index(tenant_id), ("GSI1PK", "GSI1SK")
    low, high = min_score if min_score is not None else 0, max_score if max_score is not None else 100
    sort_key = getattr(Item, names[1])
    range_condition = sort_key.between(f"{low:03d}#", f"{high:03d}#~")
    records, next_cursor = query_page(
        index,
        hash_key,
        limit=limit,
        cursor=cursor,
        range_condition=range_condition,
        filter_condition=filters[0] if filters else None,
        forward=ascending,
        index_keys=names,
    )
    found = leads.batch_get_leads(tenant_id, [str(r.lead_id) for r in records])
    items = []
    for record in records:
        lead = found.get(record.lead_id)
        if lead is None or lead.deleted_at:
            continue
        reasons = _reasons(record.reasons)
        items.append(
            ScoredLead(
                lead=leads.to_lead(lead), score=int(record.score), top_reason=reasons[0] if reasons else None
            )
        )
    return ScoredLeadPage(items=items, next_cursor=next_cursor)


# Settings > AI --------------------------------------------------------------------------------------


def _quality(item: ScoreModelItem | None) -> ModelQuality | None:
    if item is None:
        return None
    quality: dict[str, Any] = json.loads(str(item.quality or "{}"))
    return ModelQuality(
        kind=cast(Any, item.kind),
        trained_at=item.trained_at,
        leads=int(item.leads or 0),
        auc=quality.get("auc"),
        calibration_error=quality.get("calibration_error"),
        baseline_auc=quality.get("baseline_auc"),
        train=int(quality.get("train") or 0),
        holdout=int(quality.get("holdout") or 0),
        won=int(quality.get("won") or 0),
        lost=int(quality.get("lost") or 0),
        bins=list(quality.get("bins") or []),
        training_requested_at=item.requested_at,
    )


def _model_item(tenant_id: str) -> ScoreModelItem | None:
    try:
        return ScoreModelItem.get(keys.tenant_ai(tenant_id), keys.MODEL_SK, consistent_read=True)
    except ScoreModelItem.DoesNotExist:
        return None


def ai_settings(principal: Principal) -> AiSettings:
    tenant_id = principal.tenant_id
    plan = billing.plan_of(tenant_id)
    switch = access.switch_of(tenant_id)
    spent = usage.of_month(tenant_id)
    settings = get_settings()
    return AiSettings(
        enabled=switch is None or bool(switch.enabled),
        plan_includes_ai=plan.has(billing.Feature.AI),
        configured=bool(api_key()),
        summary_model=settings.ai_summary_model,
        questions_model=settings.ai_questions_model,
        usage=AiUsage(
            month=spent.month,
            tokens=spent.tokens,
            budget=plan.limits.ai_tokens_per_month,
            requests=spent.requests,
        ),
        model=_quality(_model_item(tenant_id)),
        updated_at=switch.updated_at if switch else None,
        updated_by=switch.updated_by if switch else None,
    )


def update_ai_settings(principal: Principal, body: AiSettingsUpdate) -> AiSettings:
    billing.require_feature(principal.tenant_id, billing.Feature.AI, "AI")
    AiSettingsItem(
        keys.tenant_ai(principal.tenant_id),
        keys.SETTINGS_SK,
        enabled=body.enabled,
        updated_at=iso(),
        updated_by=principal.user_id,
    ).save()
    return ai_settings(principal)


def request_training(principal: Principal) -> TrainingAccepted:
    """Ask for the tenant's training now (the ai_training consumer); a second ask while one waits
    adds a message the consumer answers by training again, which is harmless."""
    tenant_id = principal.tenant_id
    access.require_ai(tenant_id, "Training the score model", asks_model=False)
    at = iso()
    event = DomainEvent(
        detail_type=TRAINING_REQUESTED,
        tenant_id=tenant_id,
        actor_id=principal.user_id,
        data={"requested_by": principal.user_id},
    )
    outbox_item(event).save()
    model = _model_item(tenant_id)
    if model is not None:
        model.update(actions=[ScoreModelItem.requested_at.set(at)])
    return TrainingAccepted(requested_at=at)
