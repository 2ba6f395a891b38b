"""The media capability's AWS resources: the media library's API, which signs upload forms and links
and reads, writes and deletes the files under the uploads bucket's `tenants/` prefix."""

from __future__ import annotations

from convertly.platform.specs import FunctionSpec

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        "media",
        "Media library: upload forms, files, renames, deletes, links",
        "readwrite",
        uploads="readwrite",
        uploads_prefix="tenants/",
    ),
)
