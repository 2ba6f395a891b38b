"""The audit capability's HTTP routes: the tenant's audit log for Admins."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U, P = AuthKind.USER, Permission

ROUTES: tuple[Route, ...] = (
    Route("GET", "/audit", "audit", U, P.AUDIT_READ, "The audit log: who did what, filtered, newest first"),
    Route(
        "GET",
        "/audit/export",
        "audit",
        U,
        P.AUDIT_READ,
        "The filtered audit log as CSV",
        audit="exported the audit log",
    ),
)
