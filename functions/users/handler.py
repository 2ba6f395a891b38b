"""Team capability: list the tenant's users and invite new ones."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.api import create_resolver, principal_of
from convertly.domain.accounts import UserInvite
from convertly.observability import instrumented
from convertly.services import accounts

app = create_resolver()


@app.get("/users")
def list_users() -> dict[str, Any]:
    return {"items": [user.model_dump() for user in accounts.list_users(principal_of(app))]}


@app.post("/users", status_code=201)
def invite_user(body: UserInvite) -> dict[str, Any]:
    return accounts.invite_user(principal_of(app), body).model_dump()


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
