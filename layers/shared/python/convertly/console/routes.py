"""The platform console's HTTP routes: Convertly's own staff (the Developer roles) only."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U, P = AuthKind.USER, Permission
_TENANT = "/platform/tenants/{tenant_id}"
_USER = "/platform/users/{user_id}"

ROUTES: tuple[Route, ...] = (
    Route("GET", "/platform/tenants", "console", U, P.PLATFORM_READ, "Every tenant: plan, status, usage"),
    Route("GET", _TENANT, "console", U, P.PLATFORM_READ, "One tenant: billing, usage, users, health"),
    Route("POST", f"{_TENANT}/suspend", "console", U, P.PLATFORM_OPERATE, "Suspend a tenant"),
    Route("POST", f"{_TENANT}/reactivate", "console", U, P.PLATFORM_OPERATE, "Reactivate a tenant"),
    Route("POST", f"{_TENANT}/trial", "console", U, P.PLATFORM_OPERATE, "Extend a tenant's free trial"),
    Route(
        "POST",
        f"{_TENANT}/impersonate",
        "console",
        U,
        P.PLATFORM_MANAGE,
        "View as a tenant's Admin (support)",
        impersonation="never",
    ),
    Route("GET", "/platform/audit", "console", U, P.PLATFORM_READ, "The platform's audit log"),
    Route("GET", "/platform/users", "console", U, P.PLATFORM_READ, "The platform's users"),
    Route("POST", "/platform/users", "console", U, P.PLATFORM_MANAGE, "Invite a platform user"),
    Route("PUT", f"{_USER}/role", "console", U, P.PLATFORM_MANAGE, "Change a platform user's role"),
    Route("POST", f"{_USER}/deactivate", "console", U, P.PLATFORM_MANAGE, "Deactivate a platform user"),
    Route("POST", f"{_USER}/reactivate", "console", U, P.PLATFORM_MANAGE, "Reactivate a platform user"),
)
