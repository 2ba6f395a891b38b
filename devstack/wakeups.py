"""Wakes the local event runners when moto takes something in for them, so an idle runner waits
instead of asking moto every half second.

The stack runs moto in its own process, so `install()` wraps the two places where work arrives: a
message added to an SQS queue (`sqs:<queue name>`) and a record added to a table's stream
(`stream:<table name>`). A runner notes the count of its key before it polls, and when it found
nothing waits for the count to move (or for `IDLE_MAX_SECONDS`: a message that becomes visible again
after its visibility timeout or its delay arrives without an add). Without `install()` (moto in
another process) runners poll at their own pace. Before an SQS runner asks moto over HTTP, it looks
at the queue in this process (`sqs_ready`): an idle stack's dozen and a half queues then cost no
requests at all (their receives every two seconds took a tenth of a core).
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from moto.dynamodb.models.table import StreamShard
from moto.sqs.models import Queue, sqs_backends

IDLE_MAX_SECONDS = 1.0

_changed = threading.Condition()
_counts: Counter[str] = Counter()
_installed = False


def installed() -> bool:
    return _installed


def count(key: str) -> int:
    with _changed:
        return _counts[key]


def notify(key: str) -> None:
    with _changed:
        _counts[key] += 1
        _changed.notify_all()


def wake_all() -> None:
    """Every waiting runner looks again (one is stopping)."""
    with _changed:
        _changed.notify_all()


def wait(key: str, seen: int, timeout: float, stop: threading.Event) -> None:
    """Until `key` has moved on from `seen`, `stop` is set, or `timeout` passes."""
    with _changed:
        _changed.wait_for(lambda: _counts[key] != seen or stop.is_set(), timeout)


def sqs_ready(queue_arn: str) -> bool:
    """Whether the queue holds a message a receive would return now (visible, not delayed); True when
    moto is not in this process or has no such queue, so the runner asks moto itself."""
    if not _installed:
        return True
    _, _, _, region, account, name = queue_arn.split(":", 5)
    try:
        queue = sqs_backends[account][region].queues[name]
    except KeyError:
        return True
    return bool(queue.messages)


def install() -> None:
    """Wrap moto's SQS and stream adds (idempotent)."""
    global _installed
    if _installed:
        return
    add_message = Queue.add_message
    add_record = StreamShard.add

    def queue_add(self: Queue, message: Any) -> None:
        add_message(self, message)
        notify(f"sqs:{self.name}")

    def stream_add(self: StreamShard, old: Any, new: Any) -> None:
        add_record(self, old, new)
        notify(f"stream:{self.table.name}")

    Queue.add_message = queue_add  # type: ignore[method-assign]
    StreamShard.add = stream_add  # type: ignore[method-assign]
    _installed = True
