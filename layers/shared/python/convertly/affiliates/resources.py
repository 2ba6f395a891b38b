"""The affiliate program's AWS resources: its API function (public, portal and console routes) and
the hourly run that ends commissions' holds."""

from __future__ import annotations

from convertly.platform.specs import FunctionSpec, ScheduleSpec

SCHEDULES: tuple[ScheduleSpec, ...] = (ScheduleSpec(function="affiliate_release", rate_minutes=60),)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        "affiliates",
        "The affiliate program: applications, referral clicks, the partner portal and its console",
        "readwrite",
        cognito_admin=True,  # approval creates the partner's sign-in
        secrets_key="encrypt_decrypt",  # payout details: sealed when set, opened for a batch's export
        uploads="readwrite",  # marketing assets: upload forms, download links, deletion
        uploads_prefix="affiliates/",
        timeout_seconds=29,
    ),
    FunctionSpec(
        "affiliate_release",
        "Hourly: commissions whose hold has ended become payable",
        "readwrite",
        timeout_seconds=300,
    ),
)
