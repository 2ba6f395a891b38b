"""The console's AWS resources: one API function."""

from __future__ import annotations

from convertly.platform.specs import FunctionSpec

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        "console",
        "The platform console: tenants, their health, suspension, trials, platform users",
        "readwrite",
        cognito_admin=True,
        stripe=True,
        inspects_queues=True,
        timeout_seconds=29,
    ),
)
