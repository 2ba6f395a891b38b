"""What other capabilities may ask of media: the library's files by id (the attachments of an email
template), and the limits an email's attachments keep to.

The one door into media from elsewhere (import-linter checks it)."""

from __future__ import annotations

from collections.abc import Iterable

from convertly.media.domain import MediaFile
from convertly.media.files import MAX_BYTES, megabytes
from convertly.media.items import MediaItem
from convertly.media.store import batch_get_media
from convertly.media.use_cases import to_file

__all__ = ["MAX_BYTES", "MediaFile", "StoredFile", "files_by_id", "megabytes", "to_file"]

StoredFile = MediaItem


def files_by_id(tenant_id: str, media_ids: Iterable[str]) -> dict[str, StoredFile]:
    """The tenant's files among `media_ids`, read consistently; a deleted (or another tenant's) id is
    simply missing."""
    return batch_get_media(tenant_id, media_ids)
