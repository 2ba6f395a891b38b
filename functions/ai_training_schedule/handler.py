"""AI training schedule (EventBridge, daily): asks for the training of every tenant with AI, one
message per tenant (convertly.ai.schedule)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.ai.schedule import request_all
from convertly.platform.observability import instrumented, logger


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    report = request_all()
    logger.info("score model trainings requested", extra={"report": asdict(report)})
    return asdict(report)
