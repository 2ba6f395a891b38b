"""Keys of the media capability's items; every partition key starts with the tenant."""

from __future__ import annotations

MEDIA_PREFIX = "MEDIA#"
UPLOAD_PREFIX = "UPLOAD#"


def media(tenant_id: str) -> str:
    """The tenant's media library, one partition: its files newest first (ids are time-ordered) and
    the uploads on their way in."""
    return f"T#{tenant_id}#MEDIA"


def media_sk(media_id: str) -> str:
    return f"{MEDIA_PREFIX}{media_id}"


def upload_sk(media_id: str) -> str:
    return f"{UPLOAD_PREFIX}{media_id}"
