"""The messaging capability's HTTP routes: templates (Admin and Manager write them; whoever sends
reads them), a one-off email or text to a contact, and Settings > SMS (Admin)."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U, P = AuthKind.USER, Permission
_T = "/message-templates/{template_id}"
_UNSUBSCRIBE = "/unsubscribe/{token}"

ROUTES: tuple[Route, ...] = (
    Route(
        "GET", "/message-templates", "messaging", U, P.TEMPLATES_READ, "Email and SMS templates, by search"
    ),
    Route("POST", "/message-templates", "messaging", U, P.TEMPLATES_MANAGE, "Create a template"),
    Route(
        "POST",
        "/message-templates/preview",
        "messaging",
        U,
        P.TEMPLATES_READ,
        "A template filled in for a contact (422 names an unknown merge field)",
    ),
    Route("GET", _T, "messaging", U, P.TEMPLATES_READ, "A template"),
    Route("PATCH", _T, "messaging", U, P.TEMPLATES_MANAGE, "Edit a template"),
    Route("DELETE", _T, "messaging", U, P.TEMPLATES_MANAGE, "Delete a template", audit="deleted a template"),
    Route("POST", f"{_T}/clone", "messaging", U, P.TEMPLATES_MANAGE, "Copy a template"),
    Route(
        "POST",
        "/contacts/{contact_id}/messages",
        "messaging",
        U,
        P.MESSAGES_SEND,
        "Email or text a contact (from a template or written there)",
        audit="messaged a contact",
    ),
    # Settings > SMS: the tenant's Twilio account (Admin); whether texts can be sent (whoever sends).
    Route("GET", "/settings/sms", "messaging", U, P.SMS_SETTINGS_MANAGE, "The tenant's SMS settings"),
    Route(
        "PUT",
        "/settings/sms",
        "messaging",
        U,
        P.SMS_SETTINGS_MANAGE,
        "Connect a Twilio account (checked with Twilio first)",
        audit="changed the SMS settings",
    ),
    Route(
        "DELETE",
        "/settings/sms",
        "messaging",
        U,
        P.SMS_SETTINGS_MANAGE,
        "Disconnect Twilio",
        audit="disconnected SMS",
    ),
    Route("POST", "/settings/sms/test", "messaging", U, P.SMS_SETTINGS_MANAGE, "Send a test text"),
    Route("GET", "/settings/sms/status", "messaging", U, P.MESSAGES_SEND, "Whether texts can be sent"),
    # An email's unsubscribe link (public: its signed token is the permission). GET says whose it is
    # (an HTML page, or JSON for the web app's page); POST unsubscribes, also as a mail app's one-click.
    Route("GET", _UNSUBSCRIBE, "unsubscribe", AuthKind.PUBLIC, summary="Whose unsubscribe link this is"),
    Route("POST", _UNSUBSCRIBE, "unsubscribe", AuthKind.PUBLIC, summary="Unsubscribe a contact from email"),
)
