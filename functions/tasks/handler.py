"""Tasks capability: create, read, edit, delete, bulk complete, and the task queue with filters
(assignee, status, priority, lead, due range, overdue) and sort."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import MetricUnit, instrumented, metrics
from convertly.platform.snapstart import deferred
from convertly.work.domain.tasks import (
    MAX_PAGE,
    BulkComplete,
    BulkCompleteResult,
    Task,
    TaskCreate,
    TaskFilters,
    TaskPage,
    TaskPriority,
    TaskSort,
    TaskStatus,
    TaskUpdate,
)

if TYPE_CHECKING:
    from convertly.work import tasks
else:
    tasks = deferred("convertly.work.tasks")

app = create_resolver(route_table("tasks"))


@app.post("/tasks", status_code=201)
def create_task(body: TaskCreate) -> Task:
    task = tasks.create_task(principal_of(app), body)
    metrics.add_metric(name="TasksCreated", unit=MetricUnit.Count, value=1)
    return task


@app.get("/tasks")
def list_tasks(
    assignee_id: Annotated[str | None, Query(max_length=64)] = None,
    status: Annotated[TaskStatus | None, Query()] = None,
    priority: Annotated[TaskPriority | None, Query()] = None,
    lead_id: Annotated[str | None, Query(max_length=64)] = None,
    due_from: Annotated[str | None, Query(max_length=40)] = None,
    due_to: Annotated[str | None, Query(max_length=40)] = None,
    overdue: Annotated[bool, Query()] = False,
    sort: Annotated[TaskSort, Query()] = "due_at",
    tz: Annotated[str | None, Query(max_length=64)] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 25,
) -> TaskPage:
    filters = TaskFilters(
        assignee_id=assignee_id,
        status=status,
        priority=priority,
        lead_id=lead_id,
        due_from=due_from,
        due_to=due_to,
        overdue=overdue,
        sort=sort,
        tz=tz,
    )
    return tasks.list_tasks(principal_of(app), filters, cursor, limit)


@app.post("/tasks/bulk-complete")
def bulk_complete(body: BulkComplete) -> BulkCompleteResult:
    return tasks.bulk_complete(principal_of(app), body.task_ids)


@app.get("/tasks/<task_id>")
def get_task(task_id: str) -> Task:
    return tasks.get_task(principal_of(app), task_id)


@app.patch("/tasks/<task_id>")
def update_task(task_id: str, body: TaskUpdate) -> Task:
    return tasks.update_task(principal_of(app), task_id, body)


@app.delete("/tasks/<task_id>")
def delete_task(task_id: str) -> Task:
    return tasks.delete_task(principal_of(app), task_id)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
