"""Audit capability: the tenant's audit log for Admins, filtered and exported as CSV."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.audit.domain import AuditPage, Category
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.audit import use_cases as audit
else:
    audit = deferred("convertly.audit.use_cases")

app = create_resolver(route_table("audit"))

DateParam = Annotated[date | None, Query()]
ActorParam = Annotated[str | None, Query(max_length=64)]
CategoryParam = Annotated[Category | None, Query()]


@app.get("/audit")
def list_audit(
    date_from: DateParam = None,
    date_to: DateParam = None,
    category: CategoryParam = None,
    actor_id: ActorParam = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> AuditPage:
    return audit.page(
        principal_of(app).tenant_id,
        date_from=date_from,
        date_to=date_to,
        category=category,
        actor_id=actor_id,
        cursor=cursor,
        limit=limit,
    )


@app.get("/audit/export")
def export_audit(
    date_from: DateParam = None,
    date_to: DateParam = None,
    category: CategoryParam = None,
    actor_id: ActorParam = None,
) -> Response[str]:
    body = audit.export_csv(
        principal_of(app).tenant_id,
        date_from=date_from,
        date_to=date_to,
        category=category,
        actor_id=actor_id,
    )
    return Response(
        status_code=200,
        content_type="text/csv; charset=utf-8",
        body=body,
        headers={"Content-Disposition": 'attachment; filename="audit-log.csv"'},
    )


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
