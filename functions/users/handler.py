"""Team capability: the tenant's users, invitations, roles, deactivation and deletion."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.accounts.domain import (
    InvitationResults,
    Invitations,
    Reassignment,
    ReassignRequest,
    RoleChange,
    SupportAccess,
    SupportAccessChange,
    Team,
    TeamMember,
    User,
    UserInvite,
    UserList,
    ViewAs,
)
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.accounts import impersonation, team
    from convertly.accounts import reassign as reassign_work
    from convertly.accounts import use_cases as accounts
else:
    impersonation = deferred("convertly.accounts.impersonation")
    team = deferred("convertly.accounts.team")
    reassign_work = deferred("convertly.accounts.reassign")
    accounts = deferred("convertly.accounts.use_cases")

app = create_resolver(route_table("users"))


@app.get("/users")
def list_users() -> UserList:
    return UserList(items=accounts.list_users(principal_of(app)))


@app.post("/users", status_code=201)
def invite_user(body: UserInvite) -> User:
    return team.invite(principal_of(app), body)


@app.get("/team")
def list_team(
    status: Annotated[str | None, Query(pattern="^(invited|active|deactivated)$")] = None,
    role: Annotated[str | None, Query(pattern="^(Admin|Manager|Sales|Staff)$")] = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> Team:
    return team.team(principal_of(app), status=status, role=role, q=q)


@app.post("/team/invitations", status_code=201)
def invite_people(body: Invitations) -> InvitationResults:
    return team.invite_many(principal_of(app), body)


@app.get("/team/<user_id>")
def get_member(user_id: str) -> TeamMember:
    return team.member(principal_of(app), user_id)


@app.delete(
    "/team/<user_id>", status_code=204, responses={204: {"description": "The user is deleted", "content": {}}}
)
def delete_member(user_id: str) -> Response[Any]:
    team.delete_user(principal_of(app), user_id)
    return Response(status_code=204)


@app.post("/team/<user_id>/invitation")
def resend_invitation(user_id: str) -> TeamMember:
    return team.resend_invitation(principal_of(app), user_id)


@app.delete(
    "/team/<user_id>/invitation",
    status_code=204,
    responses={204: {"description": "The invitation is revoked", "content": {}}},
)
def revoke_invitation(user_id: str) -> Response[Any]:
    team.revoke_invitation(principal_of(app), user_id)
    return Response(status_code=204)


@app.put("/team/<user_id>/role")
def change_role(user_id: str, body: RoleChange) -> TeamMember:
    return team.change_role(principal_of(app), user_id, body.role)


@app.post("/team/<user_id>/deactivate")
def deactivate(user_id: str) -> TeamMember:
    return team.deactivate(principal_of(app), user_id)


@app.post("/team/<user_id>/reactivate")
def reactivate(user_id: str) -> TeamMember:
    return team.reactivate(principal_of(app), user_id)


@app.post("/team/<user_id>/reassign", status_code=202)
def reassign(user_id: str, body: ReassignRequest) -> Reassignment:
    return reassign_work.request_reassignment(principal_of(app), user_id, body)


@app.get("/reassignments/<job_id>")
def reassignment(job_id: str) -> Reassignment:
    return reassign_work.get_reassignment(principal_of(app), job_id)


@app.post("/team/<user_id>/impersonate", status_code=201)
def view_as(user_id: str) -> ViewAs:
    principal = principal_of(app)
    return impersonation.start(principal, principal.tenant_id, user_id)


@app.get("/settings/support-access")
def get_support_access() -> SupportAccess:
    return impersonation.support_access(principal_of(app).tenant_id)


@app.put("/settings/support-access")
def put_support_access(body: SupportAccessChange) -> SupportAccess:
    return impersonation.grant_support_access(principal_of(app), body.hours)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
