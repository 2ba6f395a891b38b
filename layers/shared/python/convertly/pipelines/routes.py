"""The pipelines capability's HTTP routes: pipelines and stages, the pipeline settings, the board, and
the stage change."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U = AuthKind.USER
P = Permission
_PIPELINE = "/pipelines/{pipeline_id}"
_STAGE = f"{_PIPELINE}/stages/{{stage_id}}"

ROUTES: tuple[Route, ...] = (
    # pipelines: settings (pipelines and stages) and the Kanban board
    Route("GET", "/pipelines", "pipelines", U, P.PIPELINES_READ, "List pipelines with their stages"),
    Route(
        "POST",
        "/pipelines",
        "pipelines",
        U,
        P.PIPELINES_MANAGE,
        "Create a pipeline",
        audit="added a pipeline",
    ),
    Route("GET", _PIPELINE, "pipelines", U, P.PIPELINES_READ, "Get a pipeline with its stages"),
    Route(
        "PATCH",
        _PIPELINE,
        "pipelines",
        U,
        P.PIPELINES_MANAGE,
        "Rename, make default, toggle charts",
        audit="changed a pipeline",
    ),
    Route(
        "DELETE",
        _PIPELINE,
        "pipelines",
        U,
        P.PIPELINES_MANAGE,
        "Delete a pipeline holding no leads",
        audit="deleted a pipeline",
    ),
    Route(
        "POST",
        f"{_PIPELINE}/stages",
        "pipelines",
        U,
        P.PIPELINES_MANAGE,
        "Add a stage",
        audit="added a stage",
    ),
    Route(
        "PATCH",
        _STAGE,
        "pipelines",
        U,
        P.PIPELINES_MANAGE,
        "Edit a stage (name, kind, win %, charts)",
        audit="changed a stage",
    ),
    Route(
        "DELETE",
        _STAGE,
        "pipelines",
        U,
        P.PIPELINES_MANAGE,
        "Delete a stage (move_to for its leads)",
        audit="deleted a stage",
    ),
    Route(
        "PUT",
        f"{_PIPELINE}/stage-order",
        "pipelines",
        U,
        P.PIPELINES_MANAGE,
        "Reorder the stages",
        audit="reordered the stages",
    ),
    Route("GET", f"{_PIPELINE}/board", "pipelines", U, P.LEADS_READ, "Kanban board: counters, first pages"),
    Route("GET", f"{_STAGE}/leads", "pipelines", U, P.LEADS_READ, "The next page of a board column"),
    # pipeline settings: lost reasons and zero-value wins (every user reads them: the move dialogs do)
    Route("GET", "/settings/pipelines", "pipelines", U, P.PIPELINES_READ, "Lost reasons, zero-value wins"),
    Route(
        "PUT",
        "/settings/pipelines",
        "pipelines",
        U,
        P.PIPELINES_MANAGE,
        "Save the pipeline settings",
        audit="changed the pipeline settings",
    ),
    # stage change: the board's drag and drop
    Route("POST", "/leads/{lead_id}/stage", "stage_change", U, P.LEADS_WRITE, "Move a lead to another stage"),
)
