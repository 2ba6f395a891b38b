"""Imports API: the upload form, the file as read, starting with a mapping, progress, the problems
file, cancel, undo, the list of imports and saved mappings (the run: functions/import_runner)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.imports.domain import (
    Import,
    ImportCreate,
    ImportCreated,
    ImportPage,
    ImportStart,
    ImportStatus,
    ImportTemplateList,
    ProblemsFile,
    TargetList,
)
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.imports import use_cases as imports
else:
    imports = deferred("convertly.imports.use_cases")

app = create_resolver(route_table("imports"))


@app.post("/imports", status_code=201)
def create_import(body: ImportCreate) -> ImportCreated:
    return imports.create_import(principal_of(app), body)


@app.get("/imports")
def list_imports(
    status: Annotated[ImportStatus | None, Query()] = None,
    user_id: Annotated[str | None, Query(max_length=64)] = None,
    date_from: Annotated[date | None, Query()] = None,
    date_to: Annotated[date | None, Query()] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> ImportPage:
    return imports.list_imports(
        principal_of(app),
        status=status,
        user_id=user_id,
        date_from=date_from,
        date_to=date_to,
        cursor=cursor,
        limit=limit,
    )


@app.get("/imports/targets")
def list_targets() -> TargetList:
    return imports.target_list(principal_of(app))


@app.get("/imports/<import_id>")
def get_import(import_id: str) -> Import:
    return imports.get_import(principal_of(app), import_id)


@app.post("/imports/<import_id>/start", status_code=202)
def start_import(import_id: str, body: ImportStart) -> Import:
    return imports.start_import(principal_of(app), import_id, body)


@app.post("/imports/<import_id>/cancel")
def cancel_import(import_id: str) -> Import:
    return imports.cancel_import(principal_of(app), import_id)


@app.post("/imports/<import_id>/undo", status_code=202)
def undo_import(import_id: str) -> Import:
    return imports.undo_import(principal_of(app), import_id)


@app.get("/imports/<import_id>/problems")
def problems_file(import_id: str) -> ProblemsFile:
    return imports.problems_file(principal_of(app), import_id)


@app.get("/import-templates")
def list_templates() -> ImportTemplateList:
    return imports.list_templates(principal_of(app))


@app.delete(
    "/import-templates/<template_id>",
    status_code=204,
    responses={204: {"description": "The saved mapping is deleted", "content": {}}},
)
def delete_template(template_id: str) -> Response[Any]:
    imports.delete_template(principal_of(app), template_id)
    return Response(status_code=204)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
