"""Stage change capability: the board's drag and drop moves a lead to another stage of its pipeline.

One TransactWriteItems (lead and version, stage history, counters, LeadStageChanged in the outbox),
with no read first when the request says what the mover saw (`seen`); the outbox relay publishes the
event. A stale `version`, or a lead that differs from what was seen, is a 409 whose body carries the
current lead. A move to a won stage may set the lead's value; a move to a lost stage says why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.leads.service import StageChange
from convertly.manifest import route_table
from convertly.pipelines.domain.stage_moves import StageMove
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import MetricUnit, instrumented, metrics
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.pipelines import stage_change
else:
    stage_change = deferred("convertly.pipelines.stage_change")

app = create_resolver(route_table("stage_change"))


@app.post("/leads/<lead_id>/stage")
def move_lead(lead_id: str, body: StageChange) -> StageMove:
    result = stage_change.apply_stage_change(principal_of(app), lead_id, body)
    if result.written:
        metrics.add_metric(name="LeadStageChanges", unit=MetricUnit.Count, value=1)
    return result.move


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
