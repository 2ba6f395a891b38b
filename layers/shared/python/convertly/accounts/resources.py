"""The accounts capability's AWS resources: sign-up, login and the team."""

from __future__ import annotations

from convertly.platform.specs import ConsumerSpec, FunctionSpec, RuleSpec

CONSUMERS: tuple[ConsumerSpec, ...] = (
    # A departing user's open leads, follow-ups and tasks, moved a chunk per message.
    ConsumerSpec(
        function="reassignment",
        queue="convertly-reassignment",
        dead_letter_queue="convertly-reassignment-dlq",
        rule=RuleSpec(
            name="convertly-reassignment",
            detail_types=("ReassignmentRequested", "ReassignmentContinued"),
        ),
        visibility_timeout_seconds=720,
        batch_size=1,
    ),
)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        "auth", "Sign-up, login, token refresh, password reset, profile", "readwrite", cognito_admin=True
    ),
    FunctionSpec(
        "users",
        "Team: invitations, roles, deactivation, deletion, reassignment",
        "readwrite",
        cognito_admin=True,
    ),
    FunctionSpec(
        "reassignment",
        "Moves a user's open leads, follow-ups and tasks to others, a chunk per message",
        "readwrite",
        timeout_seconds=120,
    ),
)
