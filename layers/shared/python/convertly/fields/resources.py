"""The fields capability's AWS resources: the custom fields, custom values and tags API."""

from __future__ import annotations

from convertly.platform.specs import FunctionSpec

FUNCTIONS: tuple[FunctionSpec, ...] = (
    # A tag's rename, merge or delete rewrites every record carrying it within the request: the
    # timeout is API Gateway's own; a request cut short is finished by sending it again.
    FunctionSpec("fields", "Custom fields, custom values and tags", "readwrite", timeout_seconds=29),
)
