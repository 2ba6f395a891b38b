"""Waiting for the running local stack's asynchronous effects: its consumers, relays and schedules act a
moment after the request that caused them, so a test reads again until the effect shows.

Every wait here reads every POLL_SECONDS until what it waits for shows or its timeout has passed; its
last read is at or just after the deadline, so a slow read never costs it the last look. The local mail
sink's messages are read here too, since most waits for an email are waits for the sink's next message.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# Often enough that a test goes on soon after the effect, rarely enough not to load the stack (one read
# of the API or the sink at a time, on a small machine).
POLL_SECONDS = 0.2


def read_until(read: Callable[[], T], done: Callable[[T], object], timeout: float = 90.0) -> T:
    """Call `read` until `done` holds for what it returns or `timeout` seconds have passed, and return
    the last value read either way: for a caller that asserts on it, so a failure shows what was seen."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if done(value) or time.monotonic() >= deadline:
            return value
        time.sleep(POLL_SECONDS)


def eventually(probe: Callable[[], T | None], what: str, timeout: float = 90.0) -> T:
    """What `probe` finds, once it finds something (anything but None) within `timeout` seconds."""
    found = read_until(probe, lambda value: value is not None, timeout)
    if found is None:
        raise AssertionError(f"timed out waiting for {what} ({timeout:g} s)")
    return found


def until(check: Callable[[], T], what: str, timeout: float = 90.0) -> T:
    """What `check` answers, once it answers something truthy (True, a non-empty list, ...) within
    `timeout` seconds."""
    answer = read_until(check, bool, timeout)
    if not answer:
        raise AssertionError(f"timed out waiting for {what} ({timeout:g} s)")
    return answer


def sink_messages(stack: dict[str, Any]) -> list[dict[str, Any]]:
    """The messages the stack's mail sink holds, newest first."""
    with urllib.request.urlopen(f"{stack['mail_url']}api/messages", timeout=30) as response:  # noqa: S310
        messages: list[dict[str, Any]] = json.loads(response.read())
    return messages


def mail_to(stack: dict[str, Any], address: str, timeout: float = 90.0) -> dict[str, Any]:
    """The newest message the mail sink holds for `address`, once there is one (the stack sends its
    queued mail every few seconds)."""
    return eventually(
        lambda: next((m for m in sink_messages(stack) if address in m["to"]), None),
        f"an email to {address}",
        timeout=timeout,
    )
