"""The pipelines capability's AWS resources: pipelines, the stage change and the stage deletion consumer."""

from __future__ import annotations

from convertly.platform.specs import ConsumerSpec, FunctionSpec, RuleSpec

CONSUMERS: tuple[ConsumerSpec, ...] = (
    ConsumerSpec(
        function="stage_deletion",
        queue="convertly-stage-deletion",
        dead_letter_queue="convertly-stage-deletion-dlq",
        rule=RuleSpec(name="convertly-stage-deletion", detail_types=("StageDeletionStarted",)),
        visibility_timeout_seconds=6 * 300,
        batch_size=1,
        max_batching_window_seconds=0,
    ),
)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec("pipelines", "Pipelines and stages: settings and the Kanban board", "readwrite"),
    # Pipeline: stage moves, in-app notifications, and the lead moves of a stage being deleted.
    FunctionSpec("stage_change", "Moves a lead to another stage: history, counters, event", "readwrite"),
    FunctionSpec(
        "stage_deletion",
        "Moves the leads of a stage being deleted in batches, then deletes it",
        "readwrite",
        timeout_seconds=300,
    ),
)
