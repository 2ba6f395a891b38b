"""Reminder run (EventBridge schedule, every minute): notifies and emails what fell due or overdue
since the last run, and sends queued email. Exactly once per item, kind and due time, however runs
overlap, repeat or crash (convertly.work.reminders)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.platform.observability import MetricUnit, instrumented, logger, metrics
from convertly.work.reminders import run_reminders

# Stop taking new work with this much of the invocation left; what is left is found next minute.
_RESERVE_MS = 10_000


@instrumented()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    report = run_reminders(out_of_time=lambda: context.get_remaining_time_in_millis() < _RESERVE_MS)
    metrics.add_metric(name="RemindersSent", unit=MetricUnit.Count, value=report.reminded)
    metrics.add_metric(name="ReminderMailsSent", unit=MetricUnit.Count, value=report.mails.get("sent", 0))
    logger.info("reminder run", extra={"report": asdict(report)})
    return asdict(report)
