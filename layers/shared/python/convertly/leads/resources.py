"""The leads capability's AWS resources: the lead API."""

from __future__ import annotations

from convertly.platform.specs import FunctionSpec

FUNCTIONS: tuple[FunctionSpec, ...] = (FunctionSpec("leads", "Lead CRUD, search, notes", "readwrite"),)
