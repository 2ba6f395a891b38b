"""Pipelines capability: pipelines and their stages and the pipeline settings (the settings screen),
and the Kanban board."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.manifest import route_table
from convertly.pipelines.domain.board import MAX_PAGE, PAGE, Board, CardPage
from convertly.pipelines.domain.pipelines import (
    Pipeline,
    PipelineCreate,
    PipelineList,
    PipelineUpdate,
    Stage,
    StageCreate,
    StageOrder,
    StageUpdate,
)
from convertly.pipelines.domain.settings import PipelineSettings, PipelineSettingsUpdate
from convertly.pipelines.domain.stage_moves import StageDeletion
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import MetricUnit, instrumented, metrics
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.pipelines import board, settings, stage_deletion
    from convertly.pipelines import use_cases as pipelines
else:
    board = deferred("convertly.pipelines.board")
    settings = deferred("convertly.pipelines.settings")
    stage_deletion = deferred("convertly.pipelines.stage_deletion")
    pipelines = deferred("convertly.pipelines.use_cases")

app = create_resolver(route_table("pipelines"))


@app.get("/pipelines")
def list_pipelines() -> PipelineList:
    return PipelineList(items=pipelines.list_pipelines(principal_of(app)))


@app.post("/pipelines", status_code=201)
def create_pipeline(body: PipelineCreate) -> Pipeline:
    return pipelines.create_pipeline(principal_of(app), body)


@app.get("/pipelines/<pipeline_id>")
def get_pipeline(pipeline_id: str) -> Pipeline:
    return pipelines.get_pipeline(principal_of(app), pipeline_id)


@app.patch("/pipelines/<pipeline_id>")
def update_pipeline(pipeline_id: str, body: PipelineUpdate) -> Pipeline:
    return pipelines.update_pipeline(principal_of(app), pipeline_id, body)


@app.delete(
    "/pipelines/<pipeline_id>",
    status_code=204,
    responses={204: {"description": "The pipeline is deleted", "content": {}}},
)
def delete_pipeline(pipeline_id: str) -> Response[Any]:
    pipelines.delete_pipeline(principal_of(app), pipeline_id)
    return Response(status_code=204)


@app.post("/pipelines/<pipeline_id>/stages", status_code=201)
def add_stage(pipeline_id: str, body: StageCreate) -> Stage:
    return pipelines.add_stage(principal_of(app), pipeline_id, body)


@app.patch("/pipelines/<pipeline_id>/stages/<stage_id>")
def update_stage(pipeline_id: str, stage_id: str, body: StageUpdate) -> Stage:
    return pipelines.update_stage(principal_of(app), pipeline_id, stage_id, body)


@app.delete(
    "/pipelines/<pipeline_id>/stages/<stage_id>",
    responses={
        200: {"description": "The stage is deleted (it held no leads, or few enough to move at once)"},
        202: {"description": "Its leads are moving: the stage reads status `deleting` until empty"},
    },
)
def delete_stage(
    pipeline_id: str, stage_id: str, move_to: Annotated[str | None, Query(max_length=64)] = None
) -> tuple[StageDeletion, int]:
    """200 when the stage is gone; 202 while its leads are still moving (the stage then reads
    `status: deleting` and disappears when empty)."""
    result = stage_deletion.delete_stage(principal_of(app), pipeline_id, stage_id, move_to)
    metrics.add_metric(name="StageLeadsMoved", unit=MetricUnit.Count, value=result.moved)
    return result, 200 if result.status == "deleted" else 202


@app.put("/pipelines/<pipeline_id>/stage-order")
def reorder_stages(pipeline_id: str, body: StageOrder) -> Pipeline:
    return pipelines.reorder_stages(principal_of(app), pipeline_id, body)


@app.get("/pipelines/<pipeline_id>/board")
def get_board(
    pipeline_id: str,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE,
    owner_id: Annotated[str | None, Query(max_length=64)] = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> Board:
    return board.get_board(principal_of(app), pipeline_id, limit=limit, owner_id=owner_id, q=q)


@app.get("/pipelines/<pipeline_id>/stages/<stage_id>/leads")
def column_page(
    pipeline_id: str,
    stage_id: str,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE,
    owner_id: Annotated[str | None, Query(max_length=64)] = None,
) -> CardPage:
    return board.column_page(
        principal_of(app), pipeline_id, stage_id, cursor=cursor, limit=limit, owner_id=owner_id
    )


@app.get("/settings/pipelines")
def get_pipeline_settings() -> PipelineSettings:
    return settings.get_pipeline_settings(principal_of(app))


@app.put("/settings/pipelines")
def save_pipeline_settings(body: PipelineSettingsUpdate) -> PipelineSettings:
    return settings.save_pipeline_settings(principal_of(app), body)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
