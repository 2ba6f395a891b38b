"""The analytics capability's AWS resources: the reports API, the consumer that keeps the cells and
the rebuild."""

from __future__ import annotations

from convertly.analytics.events import LEAD_EVENTS, TASK_EVENTS, TENANT_EVENTS
from convertly.platform.specs import ConsumerSpec, FunctionSpec, RuleSpec

CONSUMERS: tuple[ConsumerSpec, ...] = (
    ConsumerSpec(
        function="analytics_cells",
        queue="convertly-analytics-cells",
        dead_letter_queue="convertly-analytics-cells-dlq",
        # A batch names a lead several times (created, moved, noted): each is refreshed once a batch.
        batch_size=50,
        max_batching_window_seconds=2,
        rule=RuleSpec(
            name="convertly-analytics-cells", detail_types=(*LEAD_EVENTS, *TASK_EVENTS, *TENANT_EVENTS)
        ),
    ),
)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec("analytics", "The dashboard and reports, read from the analytics cells", "readwrite"),
    FunctionSpec(
        "analytics_cells",
        "Keeps the analytics cells current from domain events",
        "readwrite",
        timeout_seconds=30,
    ),
    # Run by hand (or `make rebuild-analytics` locally): recomputes every cell of the tenants it is given.
    FunctionSpec(
        "analytics_rebuild",
        "Recomputes a tenant's analytics cells from its leads and tasks",
        "readwrite",
        lists_tenants=True,
        timeout_seconds=900,
        run_by_hand=True,
    ),
)
