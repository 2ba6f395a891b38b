"""Fires each schedule's handler at its rate, since moto's schedule rules never fire."""

from __future__ import annotations

import time
from typing import Any

from convertly.platform.specs import ScheduleSpec
from devstack.functions import Handler, LazyHandler, lambda_context
from devstack.lambda_events import scheduled_event
from devstack.settings import REGION
from devstack.worker import PollingWorker


def rule_name(spec: ScheduleSpec) -> str:
    return f"convertly-{spec.function}-schedule"


class ScheduleRunner(PollingWorker):
    """Calls the handler with a "Scheduled Event" every `interval_seconds` (default: the spec's rate).

    As with an EventBridge rate schedule, the first event comes one interval after the start.
    """

    def __init__(
        self, spec: ScheduleSpec, handler: Handler | None = None, *, interval_seconds: float | None = None
    ) -> None:
        self.interval_seconds = interval_seconds or spec.rate_minutes * 60.0
        super().__init__(f"schedule.{spec.function}", idle_seconds=min(1.0, self.interval_seconds / 4))
        self.spec = spec
        self.handler = handler or LazyHandler(spec.function)
        self._due = time.monotonic() + self.interval_seconds

    def poll_once(self) -> bool:
        if time.monotonic() < self._due:
            return False
        # Schedule from now, not from the missed due time: a slow handler never causes a burst.
        self._due = time.monotonic() + self.interval_seconds
        try:
            self.tick()
        except Exception:
            self.log.exception("scheduled invocation failed")
        return False

    def tick(self) -> Any:
        """Invoke the handler once, now; returns what it returned."""
        self.log.info("tick")
        return self.handler(scheduled_event(rule_name(self.spec), REGION), lambda_context(self.spec.function))
