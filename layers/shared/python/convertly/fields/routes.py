"""The fields capability's HTTP routes: custom values, custom field definitions and tags."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U = AuthKind.USER
P = Permission
F = "fields"

ROUTES: tuple[Route, ...] = (
    Route("GET", "/custom-values", F, U, P.CONTACTS_READ, "List the custom values"),
    Route("POST", "/custom-values", F, U, P.CONTACTS_MANAGE, "Create a custom value"),
    Route("PATCH", "/custom-values/{value_id}", F, U, P.CONTACTS_MANAGE, "Update a custom value"),
    Route(
        "DELETE",
        "/custom-values/{value_id}",
        F,
        U,
        P.CONTACTS_MANAGE,
        "Delete a custom value",
        audit="deleted a custom value",
    ),
    Route(
        "GET", "/custom-fields/{object_type}", F, U, P.CONTACTS_READ, "The custom fields of an object type"
    ),
    Route(
        "PUT",
        "/custom-fields/{object_type}",
        F,
        U,
        P.CONTACTS_MANAGE,
        "Save the custom fields, in order",
        audit="changed the custom fields",
    ),
    Route("GET", "/tags", F, U, P.CONTACTS_READ, "List the tags with their counts"),
    Route("POST", "/tags", F, U, P.CONTACTS_MANAGE, "Create a tag"),
    Route(
        "PATCH", "/tags/{tag_id}", F, U, P.CONTACTS_MANAGE, "Rename or recolor a tag", audit="renamed a tag"
    ),
    Route(
        "POST",
        "/tags/{tag_id}/merge",
        F,
        U,
        P.CONTACTS_MANAGE,
        "Merge a tag into another",
        audit="merged tags",
    ),
    Route(
        "DELETE",
        "/tags/{tag_id}",
        F,
        U,
        P.CONTACTS_MANAGE,
        "Delete a tag from every record",
        audit="deleted a tag",
    ),
)
