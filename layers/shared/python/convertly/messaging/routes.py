"""The messaging capability's HTTP routes: templates (Admin and Manager write them; whoever sends
reads them) and a one-off email to a contact."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U, P = AuthKind.USER, Permission
_T = "/message-templates/{template_id}"

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
        "Email a contact (from a template or written there)",
        audit="emailed a contact",
    ),
)
