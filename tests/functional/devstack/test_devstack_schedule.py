"""Schedules fire at their rate (moto's never do), and `tick` fires one now."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from convertly.platform.specs import ScheduleSpec
from devstack.commands import tick
from devstack.scheduler import ScheduleRunner
from devstack.settings import DevstackSettings

SPEC = ScheduleSpec(function="send_reminders", rate_minutes=5)


class FakeHandler:
    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, int]:
        self.events.append(event)
        return {"sent": len(self.events)}


def test_tick_invokes_the_handler_with_a_scheduled_event_now() -> None:
    handler = FakeHandler()

    result = ScheduleRunner(SPEC, handler).tick()

    assert result == {"sent": 1}
    (event,) = handler.events
    assert event["detail-type"] == "Scheduled Event"
    assert event["source"] == "aws.events"
    assert event["resources"] == [
        "arn:aws:events:us-east-1:123456789012:rule/convertly-send_reminders-schedule"
    ]
    assert event["detail"] == {}


def test_the_runner_fires_every_interval_and_not_at_start() -> None:
    # Given a runner ticking every 0.3 s (the spec says 5 minutes)
    handler = FakeHandler()
    runner = ScheduleRunner(SPEC, handler, interval_seconds=0.3)

    # When it runs for a little over a second
    runner.start()
    time.sleep(0.15)
    fired_at_start = len(handler.events)
    time.sleep(1.0)
    runner.stop()

    # Then nothing fired at once, and about three ticks came after
    assert fired_at_start == 0
    assert 2 <= len(handler.events) <= 4


def test_the_runner_survives_a_failing_handler() -> None:
    calls: list[int] = []

    def failing(event: dict[str, Any], context: Any) -> None:
        calls.append(1)
        raise RuntimeError("smtp down")

    runner = ScheduleRunner(SPEC, failing, interval_seconds=0.1)
    runner.start()
    time.sleep(0.45)
    runner.stop()

    assert len(calls) >= 2


def test_tick_command_refuses_a_function_without_a_schedule(tmp_path: Path) -> None:
    assert tick(DevstackSettings(state_dir=tmp_path), "leads") == 1
