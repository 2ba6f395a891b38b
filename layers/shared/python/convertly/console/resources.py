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
    # Run once after the release that brought the console: lists the tenants signed up before it.
    FunctionSpec(
        "directory_backfill",
        "Lists the tenants from before the platform console in its directory (safe to run again)",
        "readwrite",
        lists_tenants=True,
        timeout_seconds=300,
        run_by_hand=True,
    ),
)
