"""What a route is: method, path, the function that serves it, its auth kind and the permission it
needs. Each capability lists its own routes (`<capability>/routes.py`); `convertly.manifest` collects
them into the one route table CDK, the local gateway and the OpenAPI document read."""

from __future__ import annotations

from collections.abc import Iterable
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
    # A write a suspended tenant's users may still make: their own sign-in (log out, password).
    during_suspension: bool = False
    # What a successful call does, for the tenant's audit log ("changed the email settings"): the API
    # records it as an `AuditedAction` event. Settings changes and exports; records of the tenant's
    # data have their own events.
    audit: str | None = None
    # While viewing as someone (impersonation): "rules" (reads; writes only with support access),
    # "never" (one's own sign-in, handing out access: refused), "always" (ending the view itself).
    impersonation: str = "rules"

    @property
    def roles(self) -> tuple[Role, ...]:
        return roles_with(self.permission) if self.permission else ()


class RouteTable:
    """Routes looked up by method and API Gateway resource template (such as /leads/{lead_id})."""

    def __init__(self, routes: Iterable[Route]):
        self._routes = {(route.method, route.path): route for route in routes}

    def find(self, method: str, resource: str) -> Route | None:
        return self._routes.get((method.upper(), resource))


# The platform's own routes: the API documentation.
DOCS_ROUTES: tuple[Route, ...] = (
    Route("GET", "/openapi.json", "docs", AuthKind.PUBLIC, summary="The OpenAPI document"),
    Route("GET", "/docs", "docs", AuthKind.PUBLIC, summary="Swagger UI"),
)
