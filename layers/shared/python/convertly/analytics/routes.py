"""The analytics capability's HTTP routes: the dashboard and the reports."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U = AuthKind.USER
P = Permission

ROUTES: tuple[Route, ...] = (
    Route("GET", "/analytics/dashboard", "analytics", U, P.ANALYTICS_READ, "The dashboard's tiles"),
    Route(
        "PUT", "/analytics/dashboard/layout", "analytics", U, P.ANALYTICS_READ, "Reorder and hide my tiles"
    ),
    Route(
        "GET",
        "/analytics/revenue",
        "analytics",
        U,
        P.ANALYTICS_READ,
        "Revenue by source, campaign and ad under an attribution model",
    ),
    Route("GET", "/analytics/funnel", "analytics", U, P.ANALYTICS_READ, "A pipeline's conversion funnel"),
    Route(
        "GET", "/analytics/velocity", "analytics", U, P.ANALYTICS_READ, "Time in each stage; stalled leads"
    ),
    Route(
        "GET",
        "/analytics/revenue-over-time",
        "analytics",
        U,
        P.ANALYTICS_READ,
        "Won revenue by day, week or month, and the forecast",
    ),
    Route(
        "GET", "/analytics/agents", "analytics", U, P.ANALYTICS_READ, "Each user's leads, wins and response"
    ),
    Route(
        "GET",
        "/analytics/conversions",
        "analytics",
        U,
        P.ANALYTICS_READ_ALL,
        "Won revenue the ad platforms were told of, by outcome",
    ),
    Route(
        "GET",
        "/analytics/export/{report}",
        "analytics",
        U,
        P.ANALYTICS_READ,
        "A report as CSV",
        audit="exported a report",
    ),
)
