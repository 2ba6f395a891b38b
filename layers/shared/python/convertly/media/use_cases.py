"""Media library use cases: an upload form for a file, completing the upload (the object checked in
the bucket, then recorded), the library newest first with a name search, renaming, deleting (the
object too), and short-lived links to a file."""

from __future__ import annotations

from datetime import timedelta

from pynamodb.exceptions import DeleteError, UpdateError

from convertly.media import files, keys
from convertly.media import store as repo
from convertly.media.domain import (
    MediaFile,
    MediaLink,
    MediaPage,
    MediaRename,
    MediaUpload,
    UploadForm,
    UploadRequest,
)
from convertly.media.items import MediaItem, MediaUploadItem
from convertly.platform import uploads
from convertly.platform.clock import iso, new_id, now
from convertly.platform.errors import ConflictError, NotFoundError, ValidationError
from convertly.platform.principal import Principal
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

MAX_PAGE = 100
UPLOAD_KEEP = timedelta(days=1)


def to_file(item: MediaItem) -> MediaFile:
    return MediaFile(
        media_id=item.media_id,
        name=item.name,
        content_type=item.content_type,
        kind=files.kind_of(item.content_type),  # type: ignore[arg-type]
        size_bytes=int(item.size_bytes),
        created_at=item.created_at,
        created_by=item.created_by,
        created_by_name=item.created_by_name,
        updated_at=item.updated_at,
    )


def _not_found() -> NotFoundError:
    return NotFoundError("No such file in the media library", code="media_not_found")


def _found(tenant_id: str, media_id: str) -> MediaItem:
    item = repo.get_media(tenant_id, media_id)
    if item is None:
        raise _not_found()
    return item


def _too_large(size: int) -> ValidationError:
    return ValidationError(
        f"This file is {files.megabytes(size)}; a file in the media library is at most "
        f"{files.megabytes(files.MAX_BYTES)}",
        code="file_too_large",
        fields={"size_bytes": f"larger than {files.megabytes(files.MAX_BYTES)}"},
    )


def _unsupported(name: str) -> ValidationError:
    return ValidationError(
        f"“{name}” cannot go in the media library: upload {files.ACCEPTED}",
        code="unsupported_file",
        fields={"file_name": "not a file type the media library takes"},
    )


def start_upload(principal: Principal, request: UploadRequest) -> MediaUpload:
    """The form the browser posts the file to S3 with (its Content-Type fixed by the extension, its
    size capped by the policy), and the upload's record, which "complete" turns into the file."""
    found = files.type_of(request.file_name)
    if found is None:
        raise _unsupported(request.file_name)
    if request.size_bytes > files.MAX_BYTES:
        raise _too_large(request.size_bytes)
    if request.size_bytes == 0:
        raise ValidationError(
            "This file is empty", code="empty_file", fields={"size_bytes": "the file is empty"}
        )
    content_type, _ = found
    name = files.display_name(request.file_name)
    media_id, at = new_id(), now()
    upload = MediaUploadItem(
        keys.media(principal.tenant_id),
        keys.upload_sk(media_id),
        media_id=media_id,
        tenant_id=principal.tenant_id,
        name=name,
        object_key=files.object_key(principal.tenant_id, media_id, name),
        content_type=content_type,
        size_bytes=request.size_bytes,
        created_at=iso(at),
        created_by=principal.user_id,
        created_by_name=principal.name or principal.email or None,
        expires_at=at + UPLOAD_KEEP,
    )
    upload.save(condition=MediaUploadItem.PK.does_not_exist())
    form = uploads.presigned_post(upload.object_key, files.MAX_BYTES, content_type)
    return MediaUpload(
        media_id=media_id, name=upload.name, content_type=content_type, upload=UploadForm(**form)
    )


def complete_upload(principal: Principal, media_id: str) -> tuple[MediaFile, bool]:
    """The file, once its object is in the bucket as the form allowed (HeadObject: size and type);
    True when this call added it. A repeat answers the file again; an object that is not what was
    announced is deleted and refused."""
    tenant_id = principal.tenant_id
    existing = repo.get_media(tenant_id, media_id)
    if existing is not None:
        return to_file(existing), False
    upload = repo.get_upload(tenant_id, media_id)
    if upload is None:
        raise NotFoundError("No such upload: start it again", code="upload_not_found")
    stored = uploads.head(upload.object_key)
    if stored is None:
        raise ConflictError(
            "The file has not reached the library yet: upload it, then complete", code="upload_not_received"
        )
    if stored.size > files.MAX_BYTES or stored.content_type != upload.content_type:
        uploads.delete(upload.object_key)
        upload.delete()
        if stored.size > files.MAX_BYTES:
            raise _too_large(stored.size)
        raise _unsupported(upload.name)
    at = iso()
    item = MediaItem(
        keys.media(tenant_id),
        keys.media_sk(media_id),
        media_id=media_id,
        tenant_id=tenant_id,
        name=upload.name,
        name_key=upload.name.casefold(),
        object_key=upload.object_key,
        content_type=stored.content_type,
        size_bytes=stored.size,
        created_at=at,
        created_by=upload.created_by,
        created_by_name=upload.created_by_name,
        updated_at=at,
    )
    tx = Transaction()
    tx.put("media", item, condition=MediaItem.PK.does_not_exist())
    tx.delete("upload", upload, condition=MediaUploadItem.PK.exists())
    try:
        tx.commit()
    except TransactionCancelledError:
        # A concurrent complete (a double click) added it first.
        return to_file(_found(tenant_id, media_id)), False
    return to_file(item), True


def list_media(principal: Principal, q: str | None, cursor: str | None, limit: int) -> MediaPage:
    needle = (q or "").strip().casefold() or None
    items, next_cursor = repo.media_page(principal.tenant_id, max(1, min(limit, MAX_PAGE)), cursor, needle)
    return MediaPage(items=[to_file(item) for item in items], next_cursor=next_cursor)


def get_file(principal: Principal, media_id: str) -> MediaFile:
    return to_file(_found(principal.tenant_id, media_id))


def rename(principal: Principal, media_id: str, request: MediaRename) -> MediaFile:
    """A new name (the file's extension kept); the object keeps its key, the name is what a download
    and an attachment are called."""
    item = _found(principal.tenant_id, media_id)
    name = files.with_extension(files.display_name(request.name), item.name)[: files.MAX_NAME]
    at = iso()
    try:
        item.update(
            [
                MediaItem.name.set(name),
                MediaItem.name_key.set(name.casefold()),
                MediaItem.updated_at.set(at),
            ],
            condition=MediaItem.PK.exists(),
        )
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        raise _not_found() from error
    return to_file(item)


def delete(principal: Principal, media_id: str) -> None:
    """The file leaves the library, then its object the bucket (a failure in between leaves bytes no
    record names, never a record without its bytes). Templates that attach it show it missing."""
    item = _found(principal.tenant_id, media_id)
    try:
        item.delete(condition=MediaItem.PK.exists())
    except DeleteError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        raise _not_found() from error
    uploads.delete(item.object_key)


def link(principal: Principal, media_id: str, *, inline: bool) -> MediaLink:
    item = _found(principal.tenant_id, media_id)
    url = uploads.download_link(item.object_key, item.name, inline=inline)
    return MediaLink(url=url, expires_at=iso(now() + timedelta(seconds=uploads.LINK_SECONDS)))
