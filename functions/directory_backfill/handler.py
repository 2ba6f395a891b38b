"""Directory backfill, invoked by hand once: `{}` for every tenant (learnt from the user pool) or
`{"tenant_ids": [...]}`. Lists each tenant from before the platform console in its directory; a
tenant listed already is left as it is, so it is safe to run again."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.accounts import service as accounts
from convertly.console.service import add_missing
from convertly.platform.observability import instrumented, logger

PLATFORM_TENANT = "platform"


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    tenant_ids = [str(t) for t in event.get("tenant_ids") or []] or accounts.tenant_ids()
    added = [tenant_id for tenant_id in tenant_ids if tenant_id != PLATFORM_TENANT and add_missing(tenant_id)]
    logger.info("Directory backfill", extra={"seen": len(tenant_ids), "added": len(added)})
    return {"seen": len(tenant_ids), "added": added}
