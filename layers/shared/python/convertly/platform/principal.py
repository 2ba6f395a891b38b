"""Who is making a request: built only from a verified token."""

from __future__ import annotations

from dataclasses import dataclass

from convertly.permissions import Permission, Role, has_permission


@dataclass(frozen=True)
class Principal:
    user_id: str
    tenant_id: str
    role: Role
    email: str
    name: str

    def can(self, permission: Permission) -> bool:
        return has_permission(self.role, permission)
