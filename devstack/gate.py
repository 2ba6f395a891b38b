"""A shared/exclusive lock: moto requests share it, a snapshot takes it alone.

moto's backends are plain Python objects mutated by request threads; pickling them while a request
runs can fail ("dictionary changed size") or capture half a change (an item without its stream
record). Holding the gate exclusively while pickling gives a consistent snapshot.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any


class Gate:
    """Many holders in shared mode, or one in exclusive mode; a waiting exclusive holder goes first."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._shared = 0
        self._exclusive = False
        self._waiting_exclusive = 0

    @contextmanager
    def shared(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._exclusive and not self._waiting_exclusive)
            self._shared += 1
        try:
            yield
        finally:
            with self._cond:
                self._shared -= 1
                self._cond.notify_all()

    @contextmanager
    def exclusive(self, timeout: float | None = None) -> Iterator[None]:
        """Raises TimeoutError if shared holders (say an SQS long poll) keep it longer than `timeout`."""
        with self._cond:
            self._waiting_exclusive += 1
            acquired = self._cond.wait_for(lambda: not self._exclusive and self._shared == 0, timeout)
            self._waiting_exclusive -= 1
            if not acquired:
                self._cond.notify_all()
                raise TimeoutError("moto requests still running")
            self._exclusive = True
        try:
            yield
        finally:
            with self._cond:
                self._exclusive = False
                self._cond.notify_all()


WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

# DynamoDB applies a conditional write atomically; moto checks the condition and then writes, and two
# request threads can both pass the check (two senders both taking one lease). The writes take turns.
DYNAMODB_WRITES = frozenset(
    f"DynamoDB_20120810.{action}"
    for action in ("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem")
)
_dynamodb_writes = threading.Lock()


@contextmanager
def _in_turn(environ: dict[str, Any]) -> Iterator[None]:
    if environ.get("HTTP_X_AMZ_TARGET") in DYNAMODB_WRITES:
        with _dynamodb_writes:
            yield
    else:
        yield


def gated(app: WsgiApp, gate: Gate) -> WsgiApp:
    """Wrap a WSGI app so every request holds the gate in shared mode while it runs, and DynamoDB's
    writes one at a time."""

    def wrapper(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        with gate.shared(), _in_turn(environ):
            result = app(environ, start_response)
            try:
                # Materialise the body inside the gate: it may be built lazily from live objects.
                return list(result)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()

    return wrapper
