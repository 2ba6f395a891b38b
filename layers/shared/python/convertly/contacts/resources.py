"""The contacts capability's AWS resources: the contacts and companies API."""

from __future__ import annotations

from convertly.platform.specs import FunctionSpec

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec("contacts", "Contacts and companies: CRUD, search, restore", "readwrite"),
)
