"""The media capability's HTTP routes: the media library (whoever sends email reads it; Admins and
Managers upload, rename and delete)."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U, P = AuthKind.USER, Permission
_FILE = "/media/{media_id}"

ROUTES: tuple[Route, ...] = (
    Route("GET", "/media", "media", U, P.MEDIA_READ, "The media library, newest first, by name"),
    Route("POST", "/media/uploads", "media", U, P.MEDIA_MANAGE, "The form a file is uploaded to S3 with"),
    Route(
        "POST", f"{_FILE}/complete", "media", U, P.MEDIA_MANAGE, "Add an uploaded file to the media library"
    ),
    Route("GET", _FILE, "media", U, P.MEDIA_READ, "A file of the media library"),
    Route("PATCH", _FILE, "media", U, P.MEDIA_MANAGE, "Rename a file"),
    Route("DELETE", _FILE, "media", U, P.MEDIA_MANAGE, "Delete a file", audit="deleted a media file"),
    Route("GET", f"{_FILE}/link", "media", U, P.MEDIA_READ, "A 10-minute link to view or download a file"),
)
