"""AI API: a lead's insights (score, reasons, history, brief), its brief, the leads ranked by score,
pipeline questions in threads (the ai_answers consumer writes each answer; the page polls it), and
Settings > AI (the switch, the month's usage, the score model's quality, "train now")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.ai.domain import (
    AiSettings,
    AiSettingsUpdate,
    LeadInsights,
    LeadSummary,
    ScoredLeadPage,
    SummaryRequest,
    TrainingAccepted,
)
from convertly.ai.domain_threads import (
    QuestionAccepted,
    QuestionCreate,
    Thread,
    ThreadCreate,
    ThreadDetail,
    ThreadMessage,
    ThreadPage,
    ThreadUpdate,
)
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.ai import threads
    from convertly.ai import use_cases as ai
else:
    threads = deferred("convertly.ai.threads")
    ai = deferred("convertly.ai.use_cases")

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


CursorParam = Annotated[str | None, Query(max_length=2048)]


@app.get("/ai/threads")
def list_threads(cursor: CursorParam = None, limit: Annotated[int, Query(ge=1, le=100)] = 25) -> ThreadPage:
    return threads.list_threads(principal_of(app), cursor, limit)


@app.post("/ai/threads", status_code=201)
def create_thread(body: ThreadCreate) -> Thread:
    return threads.create_thread(principal_of(app), body)


@app.get("/ai/threads/<thread_id>")
def get_thread(thread_id: str, cursor: CursorParam = None) -> ThreadDetail:
    return threads.thread_detail(principal_of(app), thread_id, cursor)


@app.patch("/ai/threads/<thread_id>")
def rename_thread(thread_id: str, body: ThreadUpdate) -> Thread:
    return threads.rename_thread(principal_of(app), thread_id, body)


@app.delete(
    "/ai/threads/<thread_id>",
    status_code=204,
    responses={204: {"description": "The thread and its messages are deleted", "content": {}}},
)
def delete_thread(thread_id: str) -> Response[Any]:
    threads.delete_thread(principal_of(app), thread_id)
    return Response(status_code=204)


@app.post("/ai/threads/<thread_id>/messages", status_code=202)
def ask(thread_id: str, body: QuestionCreate) -> QuestionAccepted:
    return threads.ask(principal_of(app), thread_id, body)


@app.get("/ai/threads/<thread_id>/messages/<message_id>")
def get_message(thread_id: str, message_id: str) -> ThreadMessage:
    return threads.message(principal_of(app), thread_id, message_id)


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
