"""The contacts capability's HTTP routes: contacts and companies."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U = AuthKind.USER
P = Permission

ROUTES: tuple[Route, ...] = (
    Route("POST", "/contacts", "contacts", U, P.CONTACTS_WRITE, "Create a contact"),
    Route("GET", "/contacts", "contacts", U, P.CONTACTS_READ, "List and search contacts"),
    Route(
        "GET", "/contacts/duplicates", "contacts", U, P.CONTACTS_DELETE, "Contacts sharing an email or phone"
    ),
    Route("POST", "/contacts/merge", "contacts", U, P.CONTACTS_DELETE, "Merge a duplicate into a contact"),
    Route("GET", "/contacts/{contact_id}", "contacts", U, P.CONTACTS_READ, "Get a contact with its leads"),
    Route("PATCH", "/contacts/{contact_id}", "contacts", U, P.CONTACTS_WRITE, "Update a contact"),
    Route("DELETE", "/contacts/{contact_id}", "contacts", U, P.CONTACTS_DELETE, "Soft-delete a contact"),
    Route("POST", "/contacts/{contact_id}/restore", "contacts", U, P.CONTACTS_DELETE, "Restore a contact"),
    Route(
        "GET",
        "/contacts/{contact_id}/timeline",
        "contacts",
        U,
        P.CONTACTS_READ,
        "A contact's changes, oldest first",
    ),
    Route("POST", "/companies", "contacts", U, P.CONTACTS_WRITE, "Create a company"),
    Route("GET", "/companies", "contacts", U, P.CONTACTS_READ, "List and search companies"),
    Route(
        "GET", "/companies/{company_id}", "contacts", U, P.CONTACTS_READ, "Get a company with its contacts"
    ),
    Route("POST", "/companies/merge", "contacts", U, P.CONTACTS_DELETE, "Merge a duplicate into a company"),
    Route("PATCH", "/companies/{company_id}", "contacts", U, P.CONTACTS_WRITE, "Update a company"),
    Route("DELETE", "/companies/{company_id}", "contacts", U, P.CONTACTS_DELETE, "Soft-delete a company"),
    Route("POST", "/companies/{company_id}/restore", "contacts", U, P.CONTACTS_DELETE, "Restore a company"),
    Route(
        "GET",
        "/companies/{company_id}/timeline",
        "contacts",
        U,
        P.CONTACTS_READ,
        "A company's changes, oldest first",
    ),
    Route("GET", "/smart-lists", "contacts", U, P.CONTACTS_READ, "My smart lists and the team's"),
    Route("POST", "/smart-lists", "contacts", U, P.CONTACTS_READ, "Save a smart list"),
    Route("GET", "/smart-lists/{list_id}", "contacts", U, P.CONTACTS_READ, "A smart list"),
    Route("PATCH", "/smart-lists/{list_id}", "contacts", U, P.CONTACTS_READ, "Change a smart list"),
    Route("DELETE", "/smart-lists/{list_id}", "contacts", U, P.CONTACTS_READ, "Delete a smart list"),
    Route(
        "GET",
        "/smart-lists/{list_id}/contacts",
        "contacts",
        U,
        P.CONTACTS_READ,
        "A page of a list's contacts",
    ),
    Route(
        "PUT", "/smart-lists/{list_id}/columns", "contacts", U, P.CONTACTS_READ, "Choose my columns of a list"
    ),
    Route("GET", "/settings/contacts", "contacts", U, P.CONTACTS_READ, "The tenant's contact settings"),
    Route(
        "PUT",
        "/settings/contacts",
        "contacts",
        U,
        P.CONTACTS_MANAGE,
        "Save the contact settings",
        audit="changed the contact settings",
    ),
)
