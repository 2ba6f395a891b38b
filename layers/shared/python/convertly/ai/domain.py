"""The AI capability's API shapes."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from convertly.platform.domain import DomainModel


class ScoreReason(DomainModel):
    text: str = Field(description="Why, in words, from the tenant's own history")
    effect: Literal["up", "down"] = Field(description="Whether it raises or lowers the probability")
    weight: float = Field(description="Its contribution to the log-odds")


class LeadScore(DomainModel):
    score: int = Field(ge=0, le=100, description="Win probability in percent")
    status: Literal["open", "won", "lost", "deleted"]
    reasons: list[ScoreReason]
    model_kind: Literal["prior", "learned"] = Field(
        description="learned: from the tenant's own won and lost leads; prior: stage and source rates while "
        "it has fewer than 50 closed leads"
    )
    model_trained_at: str | None = None
    scored_at: str | None = None
    closed_at: str | None = None


class ScoreChange(DomainModel):
    at: str
    score: int
    previous: int | None = None
    cause: str


class LeadBrief(DomainModel):
    who: str
    asked: str
    came_from: str
    happened: str
    next: str


class LeadSummary(DomainModel):
    brief: LeadBrief
    model: str
    generated_at: str
    generated_by: str
    fresh: bool = Field(description="False: the lead changed since; a view writes a new one")


class AiAvailability(DomainModel):
    summaries: bool = Field(description="Summaries and questions can be asked (a key, budget left)")
    reason: str | None = Field(default=None, description="Why not, in words")
    reason_code: str | None = None


class LeadInsights(DomainModel):
    lead_id: str
    score: LeadScore | None = Field(description="None until the scorer has seen the lead")
    history: list[ScoreChange]
    summary: LeadSummary | None
    ai: AiAvailability


class SummaryRequest(DomainModel):
    regenerate: bool = Field(default=True, description="Write a new one even if the cached one is current")


class ScoredLead(DomainModel):
    lead: Any = Field(description="The lead, as GET /leads lists it")
    score: int
    top_reason: ScoreReason | None = None


class ScoredLeadPage(DomainModel):
    items: list[ScoredLead]
    next_cursor: str | None = None


class ModelQuality(DomainModel):
    kind: Literal["prior", "learned"]
    trained_at: str | None
    leads: int = Field(description="Closed leads it learned from")
    auc: float | None = Field(description="ROC AUC on the latest fifth of the closed leads, held out")
    calibration_error: float | None = Field(description="Expected calibration error on the same leads")
    baseline_auc: float | None = Field(description="A source-only model's AUC on the same leads")
    train: int = 0
    holdout: int = 0
    won: int = 0
    lost: int = 0
    bins: list[dict[str, Any]] = Field(default_factory=list)
    training_requested_at: str | None = None


class AiUsage(DomainModel):
    month: str
    tokens: int
    budget: int
    requests: int


class AiSettings(DomainModel):
    enabled: bool
    plan_includes_ai: bool
    configured: bool = Field(description="This installation has an OpenAI API key")
    summary_model: str
    questions_model: str
    usage: AiUsage
    model: ModelQuality | None
    updated_at: str | None = None
    updated_by: str | None = None


class AiSettingsUpdate(DomainModel):
    enabled: bool


class TrainingAccepted(DomainModel):
    requested_at: str
