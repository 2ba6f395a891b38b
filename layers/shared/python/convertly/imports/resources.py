"""The imports capability's AWS resources: the API function and the runner, whose queue takes the
uploads bucket's notifications (a file arrived) and the run's own events (the next chunk)."""

from __future__ import annotations

from convertly.platform.specs import ConsumerSpec, FunctionSpec, RuleSpec

CONSUMERS: tuple[ConsumerSpec, ...] = (
    ConsumerSpec(
        function="import_runner",
        queue="convertly-imports",
        dead_letter_queue="convertly-imports-dlq",
        rule=RuleSpec(
            name="convertly-imports",
            detail_types=("ImportStarted", "ImportContinued", "ImportUndoRequested", "ImportUndoContinued"),
        ),
        visibility_timeout_seconds=1800,
        batch_size=1,
        uploads=True,
    ),
)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        "imports", "Imports: upload forms, mapping, progress, undo, templates", "readwrite", uploads="presign"
    ),
    FunctionSpec(
        "import_runner",
        "Reads an uploaded spreadsheet and writes its rows a chunk per message",
        "readwrite",
        memory_mb=256,
        timeout_seconds=300,
        uploads="readwrite",
    ),
)
