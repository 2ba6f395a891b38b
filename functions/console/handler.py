"""The platform console: tenants, their health, suspension, trials, the platform's users and audit log."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.accounts import service as accounts
from convertly.accounts.service import Team, TeamMember, UserOut, ViewAs, ViewAsRequest
from convertly.audit import service as audit
from convertly.audit.service import AuditPage, Category
from convertly.console.domain import (
    PlatformInvite,
    PlatformRoleChange,
    Suspension,
    TenantDetail,
    TenantList,
    TrialExtension,
)
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly import resources
    from convertly.console import use_cases as console
else:
    resources = deferred("convertly.resources")
    console = deferred("convertly.console.use_cases")

app = create_resolver(route_table("console"))


@app.get("/platform/tenants")
def list_tenants(
    status: Annotated[str | None, Query(pattern="^(active|suspended)$")] = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> TenantList:
    return console.list_tenants(status=status, q=q, cursor=cursor, limit=limit)


def _detail(tenant_id: str) -> TenantDetail:
    dead_letter_queues = [(spec.function, spec.dead_letter_queue) for spec in resources.CONSUMERS]
    return console.tenant_detail(tenant_id, dead_letter_queues)


@app.get("/platform/tenants/<tenant_id>")
def get_tenant(tenant_id: str) -> TenantDetail:
    return _detail(tenant_id)


@app.post("/platform/tenants/<tenant_id>/suspend")
def suspend(tenant_id: str, body: Suspension) -> TenantDetail:
    console.suspend(principal_of(app), tenant_id, body.reason)
    return _detail(tenant_id)


@app.post("/platform/tenants/<tenant_id>/reactivate")
def reactivate(tenant_id: str) -> TenantDetail:
    console.reactivate(principal_of(app), tenant_id)
    return _detail(tenant_id)


@app.post("/platform/tenants/<tenant_id>/trial")
def extend_trial(tenant_id: str, body: TrialExtension) -> TenantDetail:
    console.extend_trial(principal_of(app), tenant_id, body.days)
    return _detail(tenant_id)


@app.post("/platform/tenants/<tenant_id>/impersonate", status_code=201)
def view_as_admin(tenant_id: str, body: ViewAsRequest) -> ViewAs:
    console.require_tenant(tenant_id)
    user_id = body.user_id or accounts.first_admin(tenant_id)
    return accounts.start_view(principal_of(app), tenant_id, user_id)


@app.get("/platform/audit")
def platform_audit(
    date_from: Annotated[date | None, Query()] = None,
    date_to: Annotated[date | None, Query()] = None,
    category: Annotated[Category | None, Query()] = None,
    actor_id: Annotated[str | None, Query(max_length=64)] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> AuditPage:
    return audit.page(
        console.PLATFORM_TENANT,
        date_from=date_from,
        date_to=date_to,
        category=category,
        actor_id=actor_id,
        cursor=cursor,
        limit=limit,
    )


@app.get("/platform/users")
def platform_users() -> Team:
    return accounts.team_view(principal_of(app))


@app.post("/platform/users", status_code=201)
def invite_platform_user(body: PlatformInvite) -> UserOut:
    return accounts.invite_member(principal_of(app), body.email, body.name, console.platform_role(body.role))


@app.put("/platform/users/<user_id>/role")
def change_platform_role(user_id: str, body: PlatformRoleChange) -> TeamMember:
    return accounts.change_member_role(principal_of(app), user_id, console.platform_role(body.role))


@app.post("/platform/users/<user_id>/deactivate")
def deactivate_platform_user(user_id: str) -> TeamMember:
    return accounts.deactivate_member(principal_of(app), user_id)


@app.post("/platform/users/<user_id>/reactivate")
def reactivate_platform_user(user_id: str) -> TeamMember:
    return accounts.reactivate_member(principal_of(app), user_id)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
