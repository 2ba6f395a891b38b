"""Contacts backfill, invoked by hand: `{"tenant_ids": [...]}` or `{}` for every tenant. It works
until a minute before its timeout, then answers with each tenant's counts and the tenants not done;
invoke it again with those (or with `{}`) until `pending` is empty. Safe to run twice."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.accounts import service as accounts
from convertly.contacts.backfill import backfill
from convertly.platform.observability import instrumented, logger

MARGIN_MS = 60_000


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    tenant_ids = [str(t) for t in event.get("tenant_ids") or []] or accounts.tenant_ids()
    seconds = max(0.0, (context.get_remaining_time_in_millis() - MARGIN_MS) / 1000)
    reports = backfill(tenant_ids, seconds=seconds)
    for report in reports:
        logger.info("Contacts backfill", extra=asdict(report))
    return {
        "reports": [asdict(report) for report in reports],
        "pending": [report.tenant_id for report in reports if not report.done],
    }
