"""Media library shapes: what the API takes and answers."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from convertly.platform.domain import DomainModel

FileName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Kind = Literal["image", "pdf", "document", "spreadsheet", "presentation", "text"]


class UploadRequest(DomainModel):
    """A file about to be uploaded: its name (its type is read from the extension) and size."""

    file_name: FileName
    size_bytes: int = Field(ge=0, description="The file's size: at most 10 MB")


class UploadForm(DomainModel):
    """A presigned POST: send the file as the last part of a multipart form with these fields."""

    url: str
    fields: dict[str, str]
    max_bytes: int
    expires_at: str


class MediaUpload(DomainModel):
    """Where the file goes; once S3 took it, `POST /media/{media_id}/complete` adds it to the library."""

    media_id: str
    name: str
    content_type: str
    upload: UploadForm


class MediaFile(DomainModel):
    media_id: str
    name: str
    content_type: str
    kind: Kind
    size_bytes: int
    created_at: str
    created_by: str
    created_by_name: str | None
    updated_at: str


class MediaPage(DomainModel):
    items: list[MediaFile]
    next_cursor: str | None


class MediaRename(DomainModel):
    name: FileName = Field(description="The new name; the file's extension is kept")


class MediaLink(DomainModel):
    """A link to the file, valid 10 minutes: a download, or (`inline`) for the browser to show it."""

    url: str
    expires_at: str
