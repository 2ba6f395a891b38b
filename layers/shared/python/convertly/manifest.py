"""The route manifest: the one source of truth for every HTTP route.

CDK reads it to create API Gateway methods (with the Cognito authorizer on user routes), app.py reads
it to serve the same Lambda handlers locally, and the OpenAPI document is built from the handlers'
routers for exactly these routes. tests/infra proves the three agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from convertly.permissions import Permission, Role, roles_with


class AuthKind(StrEnum):
    PUBLIC = "public"  # no token: sign-up, login, embedded forms, docs
    USER = "user"  # a Cognito ID token; the tenant and role come only from it
    WEBHOOK = "webhook"  # no token; the handler verifies the caller's signature


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    function: str
    auth: AuthKind
    permission: Permission | None = None
    summary: str = ""

    @property
    def roles(self) -> tuple[Role, ...]:
        return roles_with(self.permission) if self.permission else ()


U, PUB = AuthKind.USER, AuthKind.PUBLIC
P = Permission

ROUTES: tuple[Route, ...] = (
    # auth: sign-up, login, token refresh, password reset, who am I
    Route("POST", "/auth/signup", "auth", PUB, summary="Sign up: creates a tenant and its Admin"),
    Route("POST", "/auth/login", "auth", PUB, summary="Log in with email and password"),
    Route("POST", "/auth/refresh", "auth", PUB, summary="Exchange a refresh token for new tokens"),
    Route("POST", "/auth/password/forgot", "auth", PUB, summary="Send a password reset code"),
    Route("POST", "/auth/password/confirm", "auth", PUB, summary="Set a new password with the reset code"),
    Route("GET", "/me", "auth", U, P.PROFILE_READ, "The signed-in user, tenant and permissions"),
    # team
    Route("GET", "/users", "users", U, P.USERS_READ, "List the tenant's users"),
    Route("POST", "/users", "users", U, P.USERS_MANAGE, "Invite a user with a role"),
    # pipelines (read side; editing arrives with the pipeline capability)
    Route("GET", "/pipelines", "pipelines", U, P.PIPELINES_READ, "List pipelines with their stages"),
    # leads
    Route("POST", "/leads", "leads", U, P.LEADS_WRITE, "Create a lead"),
    Route("GET", "/leads", "leads", U, P.LEADS_READ, "List and search leads"),
    Route("GET", "/leads/{lead_id}", "leads", U, P.LEADS_READ, "Get a lead with notes and stage history"),
    Route("PATCH", "/leads/{lead_id}", "leads", U, P.LEADS_WRITE, "Update a lead (optimistic concurrency)"),
    Route("DELETE", "/leads/{lead_id}", "leads", U, P.LEADS_DELETE, "Soft-delete a lead"),
    Route("POST", "/leads/{lead_id}/restore", "leads", U, P.LEADS_DELETE, "Restore a deleted lead"),
    Route("POST", "/leads/{lead_id}/notes", "leads", U, P.NOTES_WRITE, "Add a note to a lead"),
    Route("PATCH", "/leads/{lead_id}/notes/{note_id}", "leads", U, P.NOTES_WRITE, "Edit a note"),
    # API documentation
    Route("GET", "/openapi.json", "docs", PUB, summary="The OpenAPI document"),
    Route("GET", "/docs", "docs", PUB, summary="Swagger UI"),
)


def http_functions() -> tuple[str, ...]:
    """The HTTP capability functions, in manifest order."""
    return tuple(dict.fromkeys(route.function for route in ROUTES))


def routes_of(function: str) -> tuple[Route, ...]:
    return tuple(route for route in ROUTES if route.function == function)


def find_route(method: str, resource: str) -> Route | None:
    """The manifest entry for an API Gateway resource template such as /leads/{lead_id}."""
    for route in ROUTES:
        if route.method == method.upper() and route.path == resource:
            return route
    return None
