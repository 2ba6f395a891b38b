"""The accounts capability's HTTP routes: sign-up, login, token refresh, password reset, the
profile, the team."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

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
)
