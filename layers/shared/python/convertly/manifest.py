"""The route manifest: the one source of truth for every HTTP route.

It only lists: each capability declares its routes in `<capability>/routes.py`. CDK reads the table
to create API Gateway methods (with the Cognito authorizer on user routes), app.py reads it to serve
the same Lambda handlers locally, each API function admits requests by its own entries, and the
OpenAPI document is built from the handlers' routers for exactly these routes. tests/infra proves
the three agree.
"""

from __future__ import annotations

from convertly.accounts import routes as accounts
from convertly.affiliates import routes as affiliates
from convertly.ai import routes as ai
from convertly.analytics import routes as analytics
from convertly.audit import routes as audit
from convertly.automation import routes as automation
from convertly.billing import routes as billing
from convertly.bulk import routes as bulk
from convertly.capture import routes as capture
from convertly.console import routes as console
from convertly.contacts import routes as contacts
from convertly.conversions import routes as conversions
from convertly.fields import routes as fields
from convertly.imports import routes as imports
from convertly.leads import routes as leads
from convertly.media import routes as media
from convertly.messaging import routes as messaging
from convertly.notifications import routes as notifications
from convertly.pipelines import routes as pipelines
from convertly.platform.routes import DOCS_ROUTES, AuthKind, Route, RouteTable
from convertly.work import routes as work

__all__ = ["ROUTES", "AuthKind", "Route", "find_route", "http_functions", "route_table", "routes_of"]

ROUTES: tuple[Route, ...] = (
    *accounts.ROUTES,
    *pipelines.ROUTES,
    *leads.ROUTES,
    *contacts.ROUTES,
    *imports.ROUTES,
    *bulk.ROUTES,
    *fields.ROUTES,
    *capture.ROUTES,
    *notifications.ROUTES,
    *billing.ROUTES,
    *conversions.ROUTES,
    *work.ROUTES,
    *messaging.ROUTES,
    *media.ROUTES,
    *automation.ROUTES,
    *ai.ROUTES,
    *analytics.ROUTES,
    *audit.ROUTES,
    *console.ROUTES,
    *affiliates.ROUTES,
    *DOCS_ROUTES,
)

_TABLE = RouteTable(ROUTES)


def http_functions() -> tuple[str, ...]:
    """The HTTP capability functions, in manifest order."""
    return tuple(dict.fromkeys(route.function for route in ROUTES))


def routes_of(function: str) -> tuple[Route, ...]:
    return tuple(route for route in ROUTES if route.function == function)


def route_table(function: str) -> RouteTable:
    """The routes one API function serves, for its resolver's admission checks."""
    return RouteTable(routes_of(function))


def find_route(method: str, resource: str) -> Route | None:
    """The manifest entry for an API Gateway resource template such as /leads/{lead_id}."""
    return _TABLE.find(method, resource)
