"""The capture capability's HTTP routes: the form builder and the public form routes."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U, PUB = AuthKind.USER, AuthKind.PUBLIC
P = Permission
_FORM = "/forms/{form_id}"
_PUBLIC_FORM = "/f/{form_id}"

ROUTES: tuple[Route, ...] = (
    # forms: the builder (user routes) and the public side embedded forms post to (no token; the
    # function answers CORS itself, per form, from the form's allowed domains)
    Route("POST", "/forms", "forms", U, P.FORMS_MANAGE, "Create a form (a draft)"),
    Route("GET", "/forms", "forms", U, P.FORMS_READ, "List the tenant's forms"),
    Route("GET", _FORM, "forms", U, P.FORMS_READ, "Get a form"),
    Route("PATCH", _FORM, "forms", U, P.FORMS_MANAGE, "Edit a form (optimistic concurrency)"),
    Route(
        "DELETE",
        _FORM,
        "forms",
        U,
        P.FORMS_MANAGE,
        "Delete a form (its submissions and leads stay)",
        audit="deleted a form",
    ),
    Route("POST", f"{_FORM}/publish", "forms", U, P.FORMS_MANAGE, "Publish a form", audit="published a form"),
    Route(
        "POST",
        f"{_FORM}/unpublish",
        "forms",
        U,
        P.FORMS_MANAGE,
        "Unpublish a form",
        audit="unpublished a form",
    ),
    Route("POST", f"{_FORM}/duplicate", "forms", U, P.FORMS_MANAGE, "Copy a form as a new draft"),
    Route("GET", f"{_FORM}/submissions", "forms", U, P.FORM_SUBMISSIONS_READ, "A form's submissions"),
    Route("GET", _PUBLIC_FORM, "form_submit", PUB, summary="The hosted form page (works without JS)"),
    Route("POST", _PUBLIC_FORM, "form_submit", PUB, summary="Submit a form (JSON or form-encoded)"),
    Route("OPTIONS", _PUBLIC_FORM, "form_submit", PUB, summary="CORS preflight for the form's sites"),
    Route("GET", f"{_PUBLIC_FORM}/definition", "form_submit", PUB, summary="A published form's definition"),
    Route("OPTIONS", f"{_PUBLIC_FORM}/definition", "form_submit", PUB, summary="CORS preflight"),
)
