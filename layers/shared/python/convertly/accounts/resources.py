"""The accounts capability's AWS resources: sign-up, login and the team."""

from __future__ import annotations

from convertly.platform.specs import FunctionSpec

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        "auth", "Sign-up, login, token refresh, password reset, profile", "readwrite", cognito_admin=True
    ),
    FunctionSpec("users", "Team: list and invite users", "readwrite", cognito_admin=True),
)
