"""The messaging capability's AWS resources: the templates and messages API."""

from __future__ import annotations

from convertly.platform.specs import FunctionSpec

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec("messaging", "Email and SMS templates, previews, one-off emails to contacts", "readwrite"),
)
