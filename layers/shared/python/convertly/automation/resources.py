"""The automation capability's AWS resources: the API, the consumer that starts and runs workflows,
and the tick that wakes waiting enrolments."""

from __future__ import annotations

from convertly.automation.events import DETAIL_TYPES
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
)

SCHEDULES: tuple[ScheduleSpec, ...] = (ScheduleSpec(function="automation_tick", rate_minutes=1),)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        "automation", "Workflows, enrolments, test runs, manual actions", "readwrite", timeout_seconds=29
    ),
    FunctionSpec(
        "automation_runner",
        "Starts workflows from lead and contact events and runs their steps",
        "readwrite",
        timeout_seconds=60,
    ),
    FunctionSpec(
        "automation_tick",
        "Every minute: wakes the enrolments whose wait is over",
        "readwrite",
        publishes_events=True,
        timeout_seconds=60,
    ),
)
