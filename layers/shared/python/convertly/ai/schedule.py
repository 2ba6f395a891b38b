"""The daily training: one ScoreTrainingRequested per tenant whose plan has AI and whose switch is on,
so the ai_training consumer trains the tenants one message each, side by side, each within its own
function timeout (a tenant's training never waits for another's)."""

from __future__ import annotations

from dataclasses import dataclass, field

from convertly.accounts import service as accounts
from convertly.ai.access import enabled
from convertly.ai.events import TRAINING_REQUESTED
from convertly.billing import service as billing
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.publisher import EventBridgePublisher, EventPublisher


@dataclass
class ScheduleReport:
    requested: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)


def request_all(
    publisher: EventPublisher | None = None, tenant_ids: list[str] | None = None
) -> ScheduleReport:
    report = ScheduleReport()
    events = []
    for tenant_id in tenant_ids if tenant_ids is not None else accounts.tenant_ids():
        if not billing.plan_of(tenant_id).has(billing.Feature.AI) or not enabled(tenant_id):
            report.skipped += 1
            continue
        events.append(DomainEvent(detail_type=TRAINING_REQUESTED, tenant_id=tenant_id, actor_id="system"))
    if events:
        report.failed = (publisher or EventBridgePublisher()).publish(events)
    report.requested = len(events) - len(report.failed)
    return report
