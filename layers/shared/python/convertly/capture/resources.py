"""The capture capability's AWS resources: the form builder, the public submit function and
round-robin assignment."""

from __future__ import annotations

from convertly.platform.specs import ConsumerSpec, FunctionSpec, RuleSpec

CONSUMERS: tuple[ConsumerSpec, ...] = (
    # Lead capture: a round-robin form's new leads get their owner here, off the submit path.
    ConsumerSpec(
        function="lead_assignment",
        queue="convertly-lead-assignment",
        dead_letter_queue="convertly-lead-assignment-dlq",
        rule=RuleSpec(
            name="convertly-lead-assignment",
            detail_types=("LeadCreated",),
            detail_filters=(("LeadCreated", {"data": {"form": {"assignment": ["round_robin"]}}}),),
        ),
    ),
)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    # Lead capture: the form builder, the public submit function, round-robin owners.
    FunctionSpec("forms", "Form builder: forms, publishing, submissions", "readwrite", secrets_key="encrypt"),
    FunctionSpec(
        "form_submit",
        "Public form posts: hosted page, definition, CORS, submissions",
        "readwrite",
        secrets_key="decrypt",
    ),
    FunctionSpec(
        "lead_assignment",
        "Gives round-robin forms' new leads their owner",
        "readwrite",
        timeout_seconds=30,
    ),
)
