"""Follow-ups capability: schedule follow-ups on a lead, edit or reschedule them (PATCH due_at),
snooze, complete, reopen, delete; the lead's follow-ups and the follow-up queue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import MetricUnit, instrumented, metrics
from convertly.platform.snapstart import deferred
from convertly.work.domain.followups import (
    MAX_PAGE,
    FollowUp,
    FollowUpCreate,
    FollowUpPage,
    FollowUpQueueFilters,
    FollowUpUpdate,
    Snooze,
)

if TYPE_CHECKING:
    from convertly.work import followups
else:
    followups = deferred("convertly.work.followups")

app = create_resolver(route_table("followups"))
_ONE = "/leads/<lead_id>/followups/<followup_id>"


@app.post("/leads/<lead_id>/followups", status_code=201)
def create_followup(lead_id: str, body: FollowUpCreate) -> FollowUp:
    followup = followups.create_followup(principal_of(app), lead_id, body)
    metrics.add_metric(name="FollowUpsCreated", unit=MetricUnit.Count, value=1)
    return followup


@app.get("/leads/<lead_id>/followups")
def lead_followups(lead_id: str, tz: Annotated[str | None, Query(max_length=64)] = None) -> FollowUpPage:
    return followups.lead_followups(principal_of(app), lead_id, tz)


@app.patch(_ONE)
def update_followup(lead_id: str, followup_id: str, body: FollowUpUpdate) -> FollowUp:
    return followups.update_followup(principal_of(app), lead_id, followup_id, body)


@app.delete(_ONE)
def delete_followup(lead_id: str, followup_id: str) -> FollowUp:
    return followups.delete_followup(principal_of(app), lead_id, followup_id)


@app.post(f"{_ONE}/complete")
def complete_followup(lead_id: str, followup_id: str) -> FollowUp:
    return followups.complete_followup(principal_of(app), lead_id, followup_id)


@app.post(f"{_ONE}/reopen")
def reopen_followup(lead_id: str, followup_id: str) -> FollowUp:
    return followups.reopen_followup(principal_of(app), lead_id, followup_id)


@app.post(f"{_ONE}/snooze")
def snooze_followup(lead_id: str, followup_id: str, body: Snooze) -> FollowUp:
    return followups.snooze_followup(principal_of(app), lead_id, followup_id, body)


@app.get("/followups")
def followup_queue(
    scope: Annotated[Literal["mine", "team"], Query()] = "mine",
    assignee_id: Annotated[str | None, Query(max_length=64)] = None,
    status: Annotated[Literal["open", "done"], Query()] = "open",
    tz: Annotated[str | None, Query(max_length=64)] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 25,
) -> FollowUpPage:
    filters = FollowUpQueueFilters(scope=scope, assignee_id=assignee_id, status=status, tz=tz)
    return followups.followup_queue(principal_of(app), filters, cursor, limit)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
