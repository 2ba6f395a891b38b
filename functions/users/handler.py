"""Team capability: list the tenant's users and invite new ones."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.accounts import use_cases as accounts
from convertly.accounts.domain import User, UserInvite, UserList
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented

app = create_resolver(route_table("users"))


@app.get("/users")
def list_users() -> UserList:
    return UserList(items=accounts.list_users(principal_of(app)))


@app.post("/users", status_code=201)
def invite_user(body: UserInvite) -> User:
    return accounts.invite_user(principal_of(app), body)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
