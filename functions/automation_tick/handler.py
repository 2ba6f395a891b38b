"""Automation tick (EventBridge schedule, every minute): wakes the enrolments whose wait is over
(convertly.automation.tick); what it reads grows with what is due, not with what waits."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.automation.tick import tick
from convertly.platform.observability import MetricUnit, instrumented, logger, metrics


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    report = tick()
    metrics.add_metric(name="EnrolmentsWoken", unit=MetricUnit.Count, value=report.woken)
    logger.info("automation tick", extra={"report": asdict(report)})
    return asdict(report)
