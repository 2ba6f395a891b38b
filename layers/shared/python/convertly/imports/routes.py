"""The imports capability's HTTP routes: spreadsheets of contacts and leads (Admin and Manager)."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U, P = AuthKind.USER, Permission
_IMPORT = "/imports/{import_id}"

ROUTES: tuple[Route, ...] = (
    Route(
        "POST", "/imports", "imports", U, P.IMPORTS_RUN, "A new import: the form its file is uploaded with"
    ),
    Route("GET", "/imports", "imports", U, P.IMPORTS_RUN, "The imports, newest first, by status, user, days"),
    Route("GET", "/imports/targets", "imports", U, P.IMPORTS_RUN, "The fields a column can be imported into"),
    Route("GET", _IMPORT, "imports", U, P.IMPORTS_RUN, "An import: the file as read, progress, counts"),
    Route(
        "POST",
        f"{_IMPORT}/start",
        "imports",
        U,
        P.IMPORTS_RUN,
        "Run an import with a mapping",
        audit="started an import",
    ),
    Route(
        "POST",
        f"{_IMPORT}/cancel",
        "imports",
        U,
        P.IMPORTS_RUN,
        "Stop an import after its current rows",
        audit="cancelled an import",
    ),
    Route(
        "POST",
        f"{_IMPORT}/undo",
        "imports",
        U,
        P.IMPORTS_RUN,
        "Delete what an import created (7 days)",
        audit="undid an import",
    ),
    Route("GET", f"{_IMPORT}/problems", "imports", U, P.IMPORTS_RUN, "A link to the failed and skipped rows"),
    Route("GET", "/import-templates", "imports", U, P.IMPORTS_RUN, "Saved import mappings"),
    Route("DELETE", "/import-templates/{template_id}", "imports", U, P.IMPORTS_RUN, "Delete a saved mapping"),
)
