"""Lead CRUD capability: create, get, list and search, update, soft delete, restore, notes, timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.leads.domain.leads import (
    Lead,
    LeadCreate,
    LeadDetail,
    LeadFilters,
    LeadPage,
    LeadSort,
    LeadUpdate,
    Note,
    NoteCreate,
    NoteUpdate,
    SortOrder,
)
from convertly.leads.domain.timeline import Timeline
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import MetricUnit, instrumented, metrics
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.leads import timeline
    from convertly.leads import use_cases as leads
else:
    timeline = deferred("convertly.leads.timeline")
    leads = deferred("convertly.leads.use_cases")

app = create_resolver(route_table("leads"))


@app.post("/leads", status_code=201)
def create_lead(body: LeadCreate) -> Lead:
    lead = leads.create_lead(principal_of(app), body)
    metrics.add_metric(name="LeadsCreated", unit=MetricUnit.Count, value=1)
    return lead


SORT_HELP = (
    "created (the default), updated (last updated), value or name (as the list shows it: the name, "
    "else the email, else the phone). Each is one index: a page reads the page. With a stage, owner "
    "or source filter (a Sales user's list is always filtered to their leads), a sort other than "
    "created reads the tenant's leads in that order and keeps the matching ones, so its reads grow "
    "as the filter gets more selective; a page reads at most 1000 leads, and may come back short, "
    "even empty, with a next_cursor to go on. A created range filters on the creation date. Deleted "
    "leads list by created only. A search (q) answers in match order, whatever the sort."
)


@app.get("/leads")
def list_leads(
    stage_id: Annotated[str | None, Query(max_length=64)] = None,
    owner_id: Annotated[str | None, Query(max_length=64)] = None,
    source: Annotated[str | None, Query(max_length=40)] = None,
    created_from: Annotated[str | None, Query(max_length=40)] = None,
    created_to: Annotated[str | None, Query(max_length=40)] = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    deleted: Annotated[bool, Query()] = False,
    sort: Annotated[LeadSort, Query(description=SORT_HELP)] = "created",
    order: Annotated[
        SortOrder | None,
        Query(description="asc or desc; by default newest, highest value or A to Z first"),
    ] = None,
    cursor: Annotated[
        str | None, Query(max_length=2048, description="a next_cursor of this list in this sort and order")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> LeadPage:
    filters = LeadFilters(
        stage_id=stage_id,
        owner_id=owner_id,
        source=source,
        created_from=created_from,
        created_to=created_to,
        q=q,
        deleted=deleted,
        sort=sort,
        order=order,
    )
    return leads.list_leads(principal_of(app), filters, cursor, limit)


@app.get("/leads/<lead_id>")
def get_lead(lead_id: str) -> LeadDetail:
    return leads.get_lead(principal_of(app), lead_id)


@app.patch("/leads/<lead_id>")
def update_lead(lead_id: str, body: LeadUpdate) -> Lead:
    return leads.update_lead(principal_of(app), lead_id, body)


@app.delete("/leads/<lead_id>")
def delete_lead(lead_id: str) -> Lead:
    return leads.delete_lead(principal_of(app), lead_id)


@app.post("/leads/<lead_id>/restore")
def restore_lead(lead_id: str) -> Lead:
    return leads.restore_lead(principal_of(app), lead_id)


@app.post("/leads/<lead_id>/notes", status_code=201)
def add_note(lead_id: str, body: NoteCreate) -> Note:
    return leads.add_note(principal_of(app), lead_id, body)


@app.patch("/leads/<lead_id>/notes/<note_id>")
def update_note(lead_id: str, note_id: str, body: NoteUpdate) -> Note:
    return leads.update_note(principal_of(app), lead_id, note_id, body)


@app.get("/leads/<lead_id>/timeline")
def lead_timeline(lead_id: str) -> Timeline:
    return timeline.lead_timeline(principal_of(app), lead_id)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
