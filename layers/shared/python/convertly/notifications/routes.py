"""The notifications capability's HTTP routes: the bell, email settings and notification preferences."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U = AuthKind.USER
P = Permission
_NOTIFICATION = "/notifications/{notification_id}"
_PREFERENCES = "/me/notification-preferences"

ROUTES: tuple[Route, ...] = (
    # in-app notifications: the bell
    Route("GET", "/notifications", "notifications", U, P.NOTIFICATIONS_READ, "List your notifications"),
    Route("GET", "/notifications/unread-count", "notifications", U, P.NOTIFICATIONS_READ, "Unread count"),
    Route("POST", f"{_NOTIFICATION}/read", "notifications", U, P.NOTIFICATIONS_READ, "Mark one read"),
    Route("POST", "/notifications/read-all", "notifications", U, P.NOTIFICATIONS_READ, "Mark all read"),
    Route("GET", "/settings/email", "settings", U, P.EMAIL_SETTINGS_MANAGE, "The tenant's email settings"),
    Route(
        "PUT",
        "/settings/email",
        "settings",
        U,
        P.EMAIL_SETTINGS_MANAGE,
        "Set the tenant's SMTP server",
        audit="changed the email settings",
    ),
    Route(
        "DELETE",
        "/settings/email",
        "settings",
        U,
        P.EMAIL_SETTINGS_MANAGE,
        "Back to the default",
        audit="removed the email settings",
    ),
    Route("POST", "/settings/email/test", "settings", U, P.EMAIL_SETTINGS_MANAGE, "Send a test email"),
    Route("GET", _PREFERENCES, "settings", U, P.NOTIFICATIONS_READ, "Your notification preferences"),
    Route("PUT", _PREFERENCES, "settings", U, P.NOTIFICATIONS_READ, "Change your notification preferences"),
)
