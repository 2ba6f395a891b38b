"""Affiliate release (EventBridge, hourly): commissions whose hold has ended become payable
(convertly.affiliates.payouts.release_due)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.affiliates import service as affiliates
from convertly.platform.observability import instrumented, logger


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    released = affiliates.release_due()
    logger.info("affiliate commissions released", extra={"released": released})
    return {"released": released}
