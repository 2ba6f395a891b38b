"""Roles and the one permission table. Every route names a permission; roles grant permissions."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "Admin"
    MANAGER = "Manager"
    SALES = "Sales"
    STAFF = "Staff"
    AFFILIATE = "Affiliate"
    DEVELOPER = "Developer"
    DEVELOPER_ADMIN = "DeveloperAdmin"  # Cognito group names allow no spaces
    DEVELOPER_STAFF = "DeveloperStaff"


class Permission(StrEnum):
    PROFILE_READ = "profile:read"  # every signed-in user: who am I
    LEADS_READ = "leads:read"
    LEADS_READ_ALL = "leads:read_all"  # without it a user sees only leads assigned to them
    LEADS_WRITE = "leads:write"
    LEADS_DELETE = "leads:delete"
    NOTES_WRITE = "notes:write"
    PIPELINES_READ = "pipelines:read"
    USERS_READ = "users:read"
    USERS_MANAGE = "users:manage"
    AFFILIATE_PORTAL = "affiliate:portal"
    PLATFORM_READ = "platform:read"
    PLATFORM_MANAGE = "platform:manage"


P = Permission
_TENANT_READ = {P.PROFILE_READ, P.LEADS_READ, P.PIPELINES_READ, P.USERS_READ}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(
        _TENANT_READ | {P.LEADS_READ_ALL, P.LEADS_WRITE, P.LEADS_DELETE, P.NOTES_WRITE, P.USERS_MANAGE}
    ),
    Role.MANAGER: frozenset(_TENANT_READ | {P.LEADS_READ_ALL, P.LEADS_WRITE, P.LEADS_DELETE, P.NOTES_WRITE}),
    Role.SALES: frozenset(_TENANT_READ | {P.LEADS_WRITE, P.NOTES_WRITE}),
    Role.STAFF: frozenset(_TENANT_READ | {P.LEADS_READ_ALL}),
    Role.AFFILIATE: frozenset({P.PROFILE_READ, P.AFFILIATE_PORTAL}),
    Role.DEVELOPER: frozenset({P.PROFILE_READ, P.PLATFORM_READ}),
    Role.DEVELOPER_ADMIN: frozenset({P.PROFILE_READ, P.PLATFORM_READ, P.PLATFORM_MANAGE}),
    Role.DEVELOPER_STAFF: frozenset({P.PROFILE_READ, P.PLATFORM_READ}),
}

# Roles that belong to a customer's CRM (as opposed to the affiliate portal or the platform console).
TENANT_ROLES = (Role.ADMIN, Role.MANAGER, Role.SALES, Role.STAFF)
PLATFORM_ROLES = (Role.DEVELOPER, Role.DEVELOPER_ADMIN, Role.DEVELOPER_STAFF)


def has_permission(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS[role]


def roles_with(permission: Permission) -> tuple[Role, ...]:
    """Every role granted `permission`, in the table's order."""
    return tuple(role for role, granted in PERMISSIONS.items() if permission in granted)


def portal_for(role: Role) -> str:
    """Where the web app sends a user of this role after login."""
    if role is Role.AFFILIATE:
        return "/affiliate/dashboard"
    if role in PLATFORM_ROLES:
        return "/platform"
    return "/dashboard"
