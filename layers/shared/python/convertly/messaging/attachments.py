"""An email template's attachments: files of the media library, up to 5 and 10 MB together, checked
when the template is saved; described with the template (a file deleted since shows as missing); and
handed to the mail outbox by reference when the template is sent, which a missing file refuses (an
email never goes without its files)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from convertly.media import service as media
from convertly.messaging.domain import TemplateAttachment
from convertly.notifications import service as notifications
from convertly.platform.errors import ValidationError

MAX_ATTACHMENTS = 5
MAX_TOTAL_BYTES = media.MAX_BYTES  # what one email carries, all its files together

Files = Mapping[str, media.StoredFile]


def ids_of(template: Any) -> list[str]:
    """The media ids a template attaches, in order."""
    return [str(media_id) for media_id in template.attachment_ids or []]


def files_of(tenant_id: str, attachment_ids: Iterable[str]) -> Files:
    """The files named that are still in the library (one BatchGetItem)."""
    wanted = list(dict.fromkeys(attachment_ids))
    return media.files_by_id(tenant_id, wanted) if wanted else {}


def checked(tenant_id: str, attachment_ids: Sequence[str], channel: str) -> list[str]:
    """The ids to store: each a file of the library, at most 5, 10 MB together. 422 names the file
    (or says that one was deleted) and what to do."""
    ids = list(dict.fromkeys(attachment_ids))
    if ids and channel != "email":
        raise ValidationError(
            "Only an email template carries attachments", fields={"attachment_ids": "only for email"}
        )
    if len(ids) > MAX_ATTACHMENTS:
        raise ValidationError(
            f"An email template attaches at most {MAX_ATTACHMENTS} files",
            code="too_many_attachments",
            fields={"attachment_ids": f"at most {MAX_ATTACHMENTS} files"},
        )
    found = files_of(tenant_id, ids)
    if any(media_id not in found for media_id in ids):
        raise ValidationError(
            "A file this template attaches is no longer in the media library: remove it, or attach another",
            code="attachment_missing",
            fields={"attachment_ids": "a file was deleted from the media library"},
        )
    total = sum(int(found[media_id].size_bytes) for media_id in ids)
    if total > MAX_TOTAL_BYTES:
        largest = max((found[media_id] for media_id in ids), key=lambda f: int(f.size_bytes))
        raise ValidationError(
            f"The attachments add up to {media.megabytes(total)}; an email carries at most "
            f"{media.megabytes(MAX_TOTAL_BYTES)}. The largest is “{largest.name}” "
            f"({media.megabytes(int(largest.size_bytes))}): remove it or another file",
            code="attachments_too_large",
            fields={"attachment_ids": f"“{largest.name}” makes them more than 10 MB together"},
        )
    return ids


def described(attachment_ids: Sequence[str] | None, files: Files) -> list[TemplateAttachment]:
    """The template's files as it shows them; one deleted from the library since is `missing`."""
    shown = []
    for media_id in attachment_ids or []:
        found = files.get(media_id)
        shown.append(
            TemplateAttachment(
                media_id=media_id,
                name=found.name if found else None,
                content_type=found.content_type if found else None,
                size_bytes=int(found.size_bytes) if found else None,
                missing=found is None,
            )
        )
    return shown


def present(tenant_id: str, attachment_ids: Sequence[str] | None) -> Files:
    """The files named, every one of them: a file deleted from the library refuses the email (422)."""
    ids = list(dict.fromkeys(attachment_ids or []))
    found = files_of(tenant_id, ids)
    if any(media_id not in found for media_id in ids):
        raise ValidationError(
            "A file this template attaches was deleted from the media library, so the email cannot be "
            "sent: remove it from the template (or attach another) first",
            code="attachment_missing",
            fields={"attachment_ids": "a file was deleted from the media library"},
        )
    return found


def for_mail(
    tenant_id: str, attachment_ids: Sequence[str] | None
) -> tuple[notifications.MailAttachment, ...]:
    """The files to attach, by reference (the mail outbox reads them from S3 when it sends)."""
    found = present(tenant_id, attachment_ids)
    return tuple(
        notifications.MailAttachment(
            object_key=found[m].object_key, file_name=found[m].name, content_type=found[m].content_type
        )
        for m in dict.fromkeys(attachment_ids or [])
    )
