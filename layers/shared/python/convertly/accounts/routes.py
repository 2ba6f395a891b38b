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
    Route("POST", "/auth/password/new", "auth", PUB, summary="Choose one's password at the first sign-in"),
    Route("POST", "/auth/logout", "auth", U, P.PROFILE_WRITE, "Log out: revoke this session", True),
    Route("GET", "/me", "auth", U, P.PROFILE_READ, "The signed-in user, tenant and permissions"),
    Route("PATCH", "/me", "auth", U, P.PROFILE_WRITE, "Change one's profile"),
    Route("POST", "/me/password", "auth", U, P.PROFILE_WRITE, "Change one's password", True),
    Route(
        "POST", "/me/sign-out-everywhere", "auth", U, P.PROFILE_WRITE, "End every session of one's own", True
    ),
    # team
    Route("GET", "/users", "users", U, P.USERS_READ, "List the tenant's users"),
    Route("POST", "/users", "users", U, P.USERS_MANAGE, "Invite a user with a role"),
    Route("GET", "/team", "users", U, P.TEAM_READ, "The team: status, last sign-in, open leads, seats"),
    Route("POST", "/team/invitations", "users", U, P.USERS_MANAGE, "Invite several people at once"),
    Route("GET", "/team/{user_id}", "users", U, P.TEAM_READ, "One member of the team"),
    Route("DELETE", "/team/{user_id}", "users", U, P.USERS_MANAGE, "Delete a deactivated user"),
    Route("POST", "/team/{user_id}/invitation", "users", U, P.USERS_MANAGE, "Send the invitation again"),
    Route("DELETE", "/team/{user_id}/invitation", "users", U, P.USERS_MANAGE, "Revoke the invitation"),
    Route("PUT", "/team/{user_id}/role", "users", U, P.USERS_MANAGE, "Change a user's role"),
    Route("POST", "/team/{user_id}/deactivate", "users", U, P.USERS_MANAGE, "Deactivate a user"),
    Route("POST", "/team/{user_id}/reactivate", "users", U, P.USERS_MANAGE, "Reactivate a user"),
    Route(
        "POST",
        "/team/{user_id}/reassign",
        "users",
        U,
        P.USERS_MANAGE,
        "Reassign a user's open work, round robin",
    ),
    Route("GET", "/reassignments/{job_id}", "users", U, P.TEAM_READ, "A reassignment's progress"),
)
