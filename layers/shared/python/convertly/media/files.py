"""What the media library takes (a file's type is read from its name's extension, and the upload
form fixes that Content-Type), the size limit, and where a file lives in the uploads bucket."""

from __future__ import annotations

import re
import unicodedata

MAX_BYTES = 10 * 1024 * 1024
MAX_NAME = 200

# Extension -> (Content-Type, kind). No SVG or HTML: a preview opens the file from the bucket's origin,
# where a script in it would run.
TYPES: dict[str, tuple[str, str]] = {
    ".png": ("image/png", "image"),
    ".jpg": ("image/jpeg", "image"),
    ".jpeg": ("image/jpeg", "image"),
    ".gif": ("image/gif", "image"),
    ".webp": ("image/webp", "image"),
    ".pdf": ("application/pdf", "pdf"),
    ".doc": ("application/msword", "document"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document"),
    ".odt": ("application/vnd.oasis.opendocument.text", "document"),
    ".rtf": ("application/rtf", "document"),
    ".xls": ("application/vnd.ms-excel", "spreadsheet"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "spreadsheet"),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", "spreadsheet"),
    ".ppt": ("application/vnd.ms-powerpoint", "presentation"),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "presentation"),
    ".odp": ("application/vnd.oasis.opendocument.presentation", "presentation"),
    ".txt": ("text/plain", "text"),
    ".csv": ("text/csv", "text"),
}
ACCEPTED = "images (PNG, JPEG, GIF, WebP), PDFs, Word, Excel, PowerPoint or OpenDocument files, text or CSV"
KINDS = {content_type: kind for content_type, kind in TYPES.values()}


def extension_of(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def type_of(name: str) -> tuple[str, str] | None:
    """(Content-Type, kind) of a file by its name, or None for a type the library does not take."""
    return TYPES.get(extension_of(name))


def kind_of(content_type: str) -> str:
    return KINDS.get(content_type, "document")


def safe_name(name: str) -> str:
    """The name as an S3 key segment: ASCII letters, digits, dash and underscore, at most 100
    characters, its extension kept (`Brochure (v2) é.pdf` -> `Brochure-v2-e.pdf`)."""
    extension = extension_of(name)
    extension = extension if extension.isascii() else ""
    stem = name[: len(name) - len(extension)] if extension else name
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_")[: 100 - len(extension)] or "file"
    return f"{stem}{extension}"


def object_key(tenant_id: str, media_id: str, name: str) -> str:
    """Where a file's bytes live in the uploads bucket: under the tenant's prefix, never expiring."""
    return f"tenants/{tenant_id}/media/{media_id}/{safe_name(name)}"


def display_name(name: str) -> str:
    """The name people see and an attachment carries: no path separators or control characters."""
    cleaned = "".join("-" if c in "/\\" else c for c in name if c.isprintable())
    return cleaned.strip()[:MAX_NAME] or "file"


def with_extension(new_name: str, old_name: str) -> str:
    """A new name keeps the file's extension (mail apps open an attachment by it)."""
    extension = extension_of(old_name)
    if extension and extension_of(new_name) != extension:
        return f"{new_name}{extension}"
    return new_name


def megabytes(size: int) -> str:
    """12582912 -> "12 MB", 1572864 -> "1.5 MB"."""
    value = size / 1024 / 1024
    return f"{value:.1f} MB".replace(".0 MB", " MB") if value < 10 else f"{round(value)} MB"
