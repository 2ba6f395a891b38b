"""Lead sorts backfill, invoked by hand after the release that brought the list's sorts: `{}` for
every tenant, `{"tenant_ids": [...]}`, or `{"pending": {...}}` as a previous run answered. It works
until a minute before its timeout, then answers with each tenant's counts and, in `pending`, where
each tenant not done stopped; invoke it again with that until `pending` is empty. Safe to run twice."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.accounts import service as accounts
from convertly.leads.sort_backfill import backfill
from convertly.platform.observability import instrumented, logger

MARGIN_MS = 60_000


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    pending = {str(t): (str(c) if c else None) for t, c in (event.get("pending") or {}).items()}
    tenant_ids = list(pending) or [str(t) for t in event.get("tenant_ids") or []] or accounts.tenant_ids()
    cursors = {tenant_id: cursor for tenant_id, cursor in pending.items() if cursor}
    seconds = max(0.0, (context.get_remaining_time_in_millis() - MARGIN_MS) / 1000)
    reports = backfill(tenant_ids, cursors=cursors, seconds=seconds)
    for report in reports:
        logger.info("Lead sorts backfill", extra=asdict(report))
    return {
        "reports": [asdict(report) for report in reports],
        "pending": {report.tenant_id: report.cursor for report in reports if not report.done},
    }
