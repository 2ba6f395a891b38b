"""Analytics capability: the dashboard, the reports and their CSV exports, all read from cells."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.analytics import export
from convertly.analytics.domain import (
    AgentReport,
    ConversionsHealth,
    Dashboard,
    DashboardLayout,
    DashboardLayoutUpdate,
    FunnelReport,
    GroupBy,
    Interval,
    RevenueOverTime,
    RevenueReport,
    VelocityReport,
)
from convertly.analytics.models import Model
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.analytics import access, dashboard, reports
    from convertly.analytics import filters as report_filters
    from convertly.analytics.filters import Filters
else:
    access = deferred("convertly.analytics.access")
    dashboard = deferred("convertly.analytics.dashboard")
    reports = deferred("convertly.analytics.reports")
    report_filters = deferred("convertly.analytics.filters")

app = create_resolver(route_table("analytics"))

DateParam = Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD, the tenant's time zone")]
IdParam = Annotated[str | None, Query(max_length=64)]
SourceParam = Annotated[str | None, Query(max_length=32, description="a lead source, e.g. google_ads")]
ModelParam = Annotated[Model, Query(description="the attribution model")]
Report = Literal["revenue", "funnel", "velocity", "revenue-over-time", "agents", "conversions"]


def _filters(
    date_from: str | None,
    date_to: str | None,
    pipeline_id: str | None,
    owner_id: str | None,
    source: str | None,
) -> Filters:
    return report_filters.resolve(principal_of(app), date_from, date_to, pipeline_id, owner_id, source)


@app.get("/analytics/dashboard")
def get_dashboard(model: ModelParam = Model.LAST_NON_DIRECT) -> Dashboard:
    return dashboard.dashboard(principal_of(app), model)


@app.put("/analytics/dashboard/layout")
def put_layout(body: DashboardLayoutUpdate) -> DashboardLayout:
    return dashboard.save_layout(principal_of(app), body)


@app.get("/analytics/revenue")
def get_revenue(
    date_from: DateParam = None,
    date_to: DateParam = None,
    pipeline_id: IdParam = None,
    owner_id: IdParam = None,
    source: SourceParam = None,
    model: ModelParam = Model.LAST_NON_DIRECT,
    group_by: Annotated[GroupBy, Query()] = "campaign",
) -> RevenueReport:
    return reports.revenue(_filters(date_from, date_to, pipeline_id, owner_id, source), model, group_by)


@app.get("/analytics/funnel")
def get_funnel(
    date_from: DateParam = None,
    date_to: DateParam = None,
    pipeline_id: IdParam = None,
    owner_id: IdParam = None,
    source: SourceParam = None,
) -> FunnelReport:
    return reports.funnel(_filters(date_from, date_to, pipeline_id, owner_id, source))


@app.get("/analytics/velocity")
def get_velocity(
    date_from: DateParam = None,
    date_to: DateParam = None,
    pipeline_id: IdParam = None,
    owner_id: IdParam = None,
    source: SourceParam = None,
) -> VelocityReport:
    return reports.velocity(_filters(date_from, date_to, pipeline_id, owner_id, source))


@app.get("/analytics/revenue-over-time")
def get_revenue_over_time(
    date_from: DateParam = None,
    date_to: DateParam = None,
    pipeline_id: IdParam = None,
    owner_id: IdParam = None,
    source: SourceParam = None,
    interval: Annotated[Interval, Query()] = "day",
    model: ModelParam = Model.LAST_NON_DIRECT,
) -> RevenueOverTime:
    return reports.over_time(_filters(date_from, date_to, pipeline_id, owner_id, source), interval, model)


@app.get("/analytics/agents")
def get_agents(
    date_from: DateParam = None,
    date_to: DateParam = None,
    pipeline_id: IdParam = None,
    owner_id: IdParam = None,
    source: SourceParam = None,
) -> AgentReport:
    filters = _filters(date_from, date_to, pipeline_id, owner_id, source)
    return reports.agents(filters, access.team_of(filters.tenant_id))


@app.get("/analytics/conversions")
def get_conversions(
    date_from: DateParam = None,
    date_to: DateParam = None,
    pipeline_id: IdParam = None,
    owner_id: IdParam = None,
    source: SourceParam = None,
) -> ConversionsHealth:
    filters = _filters(date_from, date_to, pipeline_id, owner_id, source)
    access.require_conversions_health(principal_of(app))
    return reports.conversions(filters)


@app.get("/analytics/export/<report>")
def get_export(
    report: Report,
    date_from: DateParam = None,
    date_to: DateParam = None,
    pipeline_id: IdParam = None,
    owner_id: IdParam = None,
    source: SourceParam = None,
    model: ModelParam = Model.LAST_NON_DIRECT,
    group_by: Annotated[GroupBy, Query()] = "campaign",
    interval: Annotated[Interval, Query()] = "day",
) -> Response[str]:
    """The report as CSV, with the same filters as its page."""
    filters = _filters(date_from, date_to, pipeline_id, owner_id, source)
    body = _csv(report, filters, model, group_by, interval)
    name = f"{report}-{filters.first.isoformat()}-{filters.last.isoformat()}.csv"
    return Response(
        status_code=200,
        content_type="text/csv; charset=utf-8",
        body=body,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _csv(report: Report, filters: Filters, model: Model, group_by: GroupBy, interval: Interval) -> str:
    if report == "revenue":
        return export.revenue_csv(reports.revenue(filters, model, group_by))
    if report == "funnel":
        return export.funnel_csv(reports.funnel(filters))
    if report == "velocity":
        return export.velocity_csv(reports.velocity(filters))
    if report == "revenue-over-time":
        return export.over_time_csv(reports.over_time(filters, interval, model))
    if report == "agents":
        return export.agents_csv(reports.agents(filters, access.team_of(filters.tenant_id)))
    access.require_conversions_health(principal_of(app))
    return export.conversions_csv(reports.conversions(filters))


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
