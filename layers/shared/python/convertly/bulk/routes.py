"""The bulk capability's HTTP routes: bulk actions on leads and contacts, and their log."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U, P = AuthKind.USER, Permission

ROUTES: tuple[Route, ...] = (
    Route(
        "POST", "/bulk-actions", "bulk_actions", U, P.BULK_ACTIONS, "Change, delete or export many records"
    ),
    Route(
        "GET", "/bulk-actions", "bulk_actions", U, P.BULK_ACTIONS, "Bulk actions, newest first, with filters"
    ),
    Route(
        "GET", "/bulk-actions/{bulk_id}", "bulk_actions", U, P.BULK_ACTIONS, "A bulk action and its progress"
    ),
    Route(
        "GET",
        "/bulk-actions/{bulk_id}/download",
        "bulk_actions",
        U,
        P.BULK_ACTIONS,
        "A link to an export's file",
        audit="downloaded an export",
    ),
)
