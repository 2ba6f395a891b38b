"""The leads capability's HTTP routes: lead CRUD, notes, search and the timeline."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U = AuthKind.USER
P = Permission

ROUTES: tuple[Route, ...] = (
    # leads
    Route("POST", "/leads", "leads", U, P.LEADS_WRITE, "Create a lead"),
    Route("GET", "/leads", "leads", U, P.LEADS_READ, "List leads by created, updated, value or name; search"),
    Route("GET", "/leads/{lead_id}", "leads", U, P.LEADS_READ, "Get a lead with notes and stage history"),
    Route("PATCH", "/leads/{lead_id}", "leads", U, P.LEADS_WRITE, "Update a lead (optimistic concurrency)"),
    Route("DELETE", "/leads/{lead_id}", "leads", U, P.LEADS_DELETE, "Soft-delete a lead"),
    Route("POST", "/leads/{lead_id}/restore", "leads", U, P.LEADS_DELETE, "Restore a deleted lead"),
    Route("POST", "/leads/{lead_id}/notes", "leads", U, P.NOTES_WRITE, "Add a note to a lead"),
    Route("PATCH", "/leads/{lead_id}/notes/{note_id}", "leads", U, P.NOTES_WRITE, "Edit a note"),
    Route("GET", "/leads/{lead_id}/timeline", "leads", U, P.LEADS_READ, "A lead's timeline, oldest first"),
)
