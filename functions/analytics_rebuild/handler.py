"""Analytics rebuild, invoked by hand: `{"tenant_ids": [...]}` or `{}` for every tenant; `{"check":
true}` only compares the live cells with a rebuild and says how many differ. Safe to run twice."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.accounts import service as accounts
from convertly.analytics.rebuild import check, rebuild
from convertly.platform.observability import instrumented, logger


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    tenant_ids = [str(t) for t in event.get("tenant_ids") or []] or accounts.tenant_ids()
    if event.get("check"):
        drift = {tenant_id: len(check(tenant_id).drift) for tenant_id in tenant_ids}
        logger.info("Analytics check", extra={"drift": drift})
        return {"drift": drift}
    reports = [asdict(rebuild(tenant_id)) for tenant_id in tenant_ids]
    for report in reports:
        logger.info("Analytics rebuild", extra=report)
    return {"reports": reports}
