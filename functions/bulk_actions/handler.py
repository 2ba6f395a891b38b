"""Bulk actions API: start one on selected or filtered leads or contacts, follow its progress, list
them (the Bulk actions page), download an export (the run: functions/bulk_runner)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.bulk.domain import (
    BulkAction,
    BulkActionCreate,
    BulkActionPage,
    BulkActionType,
    BulkDownload,
    BulkObject,
    BulkStatus,
)
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.bulk import use_cases as bulk
else:
    bulk = deferred("convertly.bulk.use_cases")

app = create_resolver(route_table("bulk_actions"))


@app.post(
    "/bulk-actions",
    status_code=201,
    responses={
        200: {"description": "This request key ran before: its bulk action as it stands"},
        201: {"description": "Done: up to 100 selected records change in the request"},
        202: {"description": "Queued: more records, or a filter, change in the background"},
    },
)
def start_bulk_action(body: BulkActionCreate) -> Response[BulkAction]:
    action, status = bulk.start_bulk_action(principal_of(app), body)
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=action)


@app.get("/bulk-actions")
def list_bulk_actions(
    action: Annotated[BulkActionType | None, Query()] = None,
    object: Annotated[BulkObject | None, Query()] = None,
    status: Annotated[BulkStatus | None, Query()] = None,
    user_id: Annotated[str | None, Query(max_length=64)] = None,
    date_from: Annotated[date | None, Query()] = None,
    date_to: Annotated[date | None, Query()] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> BulkActionPage:
    return bulk.list_bulk_actions(
        principal_of(app),
        action=action,
        object_name=object,
        status=status,
        user_id=user_id,
        date_from=date_from,
        date_to=date_to,
        cursor=cursor,
        limit=limit,
    )


@app.get("/bulk-actions/<bulk_id>")
def get_bulk_action(bulk_id: str) -> BulkAction:
    return bulk.get_bulk_action(principal_of(app), bulk_id)


@app.get("/bulk-actions/<bulk_id>/download")
def download(bulk_id: str) -> BulkDownload:
    return bulk.download(principal_of(app), bulk_id)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
