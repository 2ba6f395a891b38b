"""The bulk capability's AWS resources: the API function and the runner (a chunk per message)."""

from __future__ import annotations

from convertly.platform.specs import ConsumerSpec, FunctionSpec, RuleSpec

CONSUMERS: tuple[ConsumerSpec, ...] = (
    ConsumerSpec(
        function="bulk_runner",
        queue="convertly-bulk-actions",
        dead_letter_queue="convertly-bulk-actions-dlq",
        rule=RuleSpec(
            name="convertly-bulk-actions", detail_types=("BulkActionRequested", "BulkActionContinued")
        ),
        visibility_timeout_seconds=720,
        batch_size=1,
    ),
)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        "bulk_actions",
        "Bulk actions: start (up to 100 selected records at once), progress, log, export links",
        "readwrite",
        timeout_seconds=29,
        uploads="presign",
        uploads_prefix="exports/",
    ),
    FunctionSpec(
        "bulk_runner",
        "Resolves a bulk action's records and applies it a chunk per message",
        "readwrite",
        timeout_seconds=120,
        uploads="readwrite",
        uploads_prefix="exports/",
    ),
)
