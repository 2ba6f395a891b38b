"""AI API: a lead's insights (score, reasons, history, brief), its brief, the leads ranked by score,
and Settings > AI (the switch, the month's usage, the score model's quality, "train now")."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.ai import use_cases as ai
from convertly.ai.domain import (
    AiSettings,
    AiSettingsUpdate,
    LeadInsights,
    LeadSummary,
    ScoredLeadPage,
    SummaryRequest,
    TrainingAccepted,
)
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented

app = create_resolver(route_table("ai"))


@app.get("/leads/<lead_id>/insights")
def insights(lead_id: str) -> LeadInsights:
    return ai.insights(principal_of(app), lead_id)


@app.get("/leads/<lead_id>/summary")
def summary(lead_id: str) -> LeadSummary:
    return ai.lead_summary(principal_of(app), lead_id, regenerate=False)


@app.post("/leads/<lead_id>/summary")
def regenerate(lead_id: str, body: SummaryRequest) -> LeadSummary:
    return ai.lead_summary(principal_of(app), lead_id, regenerate=body.regenerate)


@app.get("/ai/scores")
def scores(
    stage_id: Annotated[str | None, Query(max_length=64)] = None,
    owner_id: Annotated[str | None, Query(max_length=64)] = None,
    min_score: Annotated[int | None, Query(ge=0, le=100)] = None,
    max_score: Annotated[int | None, Query(ge=0, le=100)] = None,
    order: Annotated[str, Query(pattern="^(asc|desc)$")] = "desc",
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> ScoredLeadPage:
    return ai.scored_leads(
        principal_of(app),
        stage_id=stage_id,
        owner_id=owner_id,
        min_score=min_score,
        max_score=max_score,
        ascending=order == "asc",
        cursor=cursor,
        limit=limit,
    )


@app.get("/settings/ai")
def get_settings() -> AiSettings:
    return ai.ai_settings(principal_of(app))


@app.patch("/settings/ai")
def update_settings(body: AiSettingsUpdate) -> AiSettings:
    return ai.update_ai_settings(principal_of(app), body)


@app.post("/settings/ai/training", status_code=202)
def train_now() -> TrainingAccepted:
    return ai.request_training(principal_of(app))


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
