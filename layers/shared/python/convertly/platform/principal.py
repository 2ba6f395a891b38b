"""Who is making a request: built only from a verified token."""

from __future__ import annotations

from dataclasses import dataclass

from convertly.permissions import Permission, Role, has_permission


@dataclass(frozen=True)
class Impersonator:
    """Who is viewing as the principal: a tenant Admin, or a Convertly Developer Admin for support."""

    user_id: str
    tenant_id: str
    role: str
    name: str
    session_id: str
    secret: str = ""  # the view-as token's secret, checked against its session by the access check


@dataclass(frozen=True)
class Principal:
    user_id: str
    tenant_id: str
    role: Role
    email: str
    name: str
    issued_at: int = 0  # the token's `iat` (epoch seconds)
    session_id: str = ""  # the sign-in the token belongs to (Cognito's `origin_jti`)
    impersonator: Impersonator | None = None  # set while someone views as this user

    def can(self, permission: Permission) -> bool:
        return has_permission(self.role, permission)


def system_principal(tenant_id: str, name: str = "Convertly") -> Principal:
    """The platform itself acting in a tenant (a tag renamed everywhere, a list rebuilt): it may see
    every record; its changes are logged as the platform's."""
    return Principal(user_id="system", tenant_id=tenant_id, role=Role.ADMIN, email="", name=name)
