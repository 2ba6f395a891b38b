"""The automation capability's AWS resources: the API, the consumer that starts and runs workflows,
and the tick that wakes waiting enrolments."""

from __future__ import annotations

from convertly.automation.events import DETAIL_TYPES, WEBHOOK_DETAIL_TYPES
from convertly.platform.specs import ConsumerSpec, FunctionSpec, RuleSpec, ScheduleSpec

CONSUMERS: tuple[ConsumerSpec, ...] = (
    ConsumerSpec(
        function="automation_runner",
        queue="convertly-automation",
        dead_letter_queue="convertly-automation-dlq",
        rule=RuleSpec(name="convertly-automation", detail_types=DETAIL_TYPES),
        visibility_timeout_seconds=360,
        batch_size=10,
    ),
    # Outbound webhooks: a delivery per message; a failed attempt comes back after its backoff (the
    # message's visibility), and after the last one the message waits in the DLQ.
    ConsumerSpec(
        function="webhook_sender",
        queue="convertly-webhooks",
        dead_letter_queue="convertly-webhooks-dlq",
        rule=RuleSpec(name="convertly-webhooks", detail_types=WEBHOOK_DETAIL_TYPES),
        max_receive_count=6,  # convertly.automation.webhook_delivery.MAX_ATTEMPTS
        visibility_timeout_seconds=360,
        batch_size=10,
    ),
)

SCHEDULES: tuple[ScheduleSpec, ...] = (ScheduleSpec(function="automation_tick", rate_minutes=1),)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        "automation",
        "Workflows, enrolments, test runs, manual actions, webhook deliveries and secrets",
        "readwrite",
        timeout_seconds=29,
        secrets_key="encrypt_decrypt",  # the webhook signing secrets: made, shown and rotated here
    ),
    FunctionSpec(
        "automation_runner",
        "Starts workflows from lead and contact events and runs their steps",
        "readwrite",
        timeout_seconds=60,
        unsubscribe_secret=True,  # an email step to the contact carries its unsubscribe link
    ),
    FunctionSpec(
        "automation_tick",
        "Every minute: wakes the enrolments whose wait is over",
        "readwrite",
        publishes_events=True,
        timeout_seconds=60,
    ),
    FunctionSpec(
        "webhook_sender",
        "Posts workflows' outbound webhooks, signed, with retries and a delivery log",
        "readwrite",
        timeout_seconds=60,
        secrets_key="encrypt_decrypt",  # the account's signing secret is made on first use
    ),
    FunctionSpec(
        "workflow_hooks",
        "Inbound signed webhooks: verifies the signature and enrols the contact in the workflow",
        "readwrite",
        timeout_seconds=15,
        secrets_key="decrypt",
    ),
)
