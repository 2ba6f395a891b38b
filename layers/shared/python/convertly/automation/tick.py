"""The automation tick: every minute, the waiting enrolments whose time came, across all tenants.

1. Discover. For each hour from the checkpoint to now, one Query per shard of the wake index (GSI6
   `WAKE#<hour>#<shard>`, key range up to now) returns exactly the enrolments due: an enrolment
   leaves the index when it resumes, so what a tick reads grows with what is due, never with what
   waits (bench/automation.py).
2. Wake. One `EnrolmentWakeDue` event per enrolment (PutEvents, ten a call) reaches the automation
   consumer through its queue; the consumer resumes it only if it still waits for that time, so a
   wake sent twice (an overlapping tick, a redelivery) runs nothing twice.
3. Checkpoint. Moved to the last hour that ended at least SETTLE ago, so a write still settling into
   the index is read by the next tick; an enrolment woken but not yet resumed is read (and woken)
   again only while its hour is not settled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from convertly.automation import keys
from convertly.automation.events import WAKE_DUE
from convertly.automation.items import AutomationCheckpointItem, EnrolmentItem, TriggerTimerItem
from convertly.automation.timers import due_event
from convertly.platform.clock import iso
from convertly.platform.clock import now as clock_now
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.publisher import EventBridgePublisher, EventPublisher
from convertly.platform.store import due
from convertly.platform.store import keys as platform_keys

SETTLE = timedelta(minutes=2)
FIRST_LOOKBACK = timedelta(hours=1)
MAX_HOURS_PER_TICK = 48


@dataclass
class TickReport:
    hours_read: int = 0
    queries: int = 0
    woken: int = 0
    failed: list[str] = field(default_factory=list)
    checkpoint: str | None = None


def _checkpoint() -> str | None:
    try:
        item = AutomationCheckpointItem.get(
            keys.AUTOMATION_PLATFORM, keys.TICK_CHECKPOINT_SK, consistent_read=True
        )
    except AutomationCheckpointItem.DoesNotExist:
        return None
    return str(item.through)


def hours_to_read(now: datetime) -> list[str]:
    through = _checkpoint()
    start = due.start_of(through) + timedelta(hours=1) if through else now - FIRST_LOOKBACK
    last = due.hour_of(iso(now))
    first = min(due.hour_of(iso(start)), last)
    return due.hours(first, min(last, due.hour_of(iso(start + timedelta(hours=MAX_HOURS_PER_TICK - 1)))))


def tick(now: datetime | None = None, publisher: EventPublisher | None = None) -> TickReport:
    now = now or clock_now()
    publisher = publisher or EventBridgePublisher()
    report = TickReport()
    wakes: list[DomainEvent] = []
    hours = hours_to_read(now)
    for hour in hours:
        for shard in range(platform_keys.DUE_SHARDS):
            report.queries += 1
            for item in due.waking(hour, shard, now):
                if isinstance(item, EnrolmentItem):
                    wakes.append(
                        DomainEvent(
                            detail_type=WAKE_DUE,
                            tenant_id=str(item.tenant_id),
                            subject_id=str(item.enrolment_id),
                            data={"enrolment_id": str(item.enrolment_id), "wake_at": item.wake_at},
                        )
                    )
                elif isinstance(item, TriggerTimerItem):
                    wakes.append(due_event(item))
        report.hours_read += 1
    report.failed = publisher.publish(wakes) if wakes else []
    report.woken = len(wakes) - len(report.failed)
    settled = due.hour_of(iso(now - SETTLE - timedelta(hours=1)))
    last_read = hours[-1] if hours else None
    through = min(settled, last_read) if last_read else settled
    if not report.failed and (_checkpoint() or "") < through:
        AutomationCheckpointItem(
            keys.AUTOMATION_PLATFORM, keys.TICK_CHECKPOINT_SK, through=through, updated_at=iso(now)
        ).save()
        report.checkpoint = through
    return report
