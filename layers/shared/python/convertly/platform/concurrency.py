"""A few independent calls at once (the board's column queries), each in a copy of the caller's
context, so tracing and anything else kept in context variables follows the call into its thread."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
A = TypeVar("A")
B = TypeVar("B")

MAX_WORKERS = 8


def in_parallel(calls: Sequence[Callable[[], T]], max_workers: int = MAX_WORKERS) -> list[T]:
    """Each call's result, in order; the first exception raised is raised here."""
    if len(calls) <= 1:
        return [call() for call in calls]
    with ThreadPoolExecutor(max_workers=min(max_workers, len(calls))) as pool:
        futures = [pool.submit(contextvars.copy_context().run, call) for call in calls]
        return [future.result() for future in futures]


def both(first: Callable[[], A], second: Callable[[], B]) -> tuple[A, B]:
    """Two calls of different result types at once."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        one = pool.submit(contextvars.copy_context().run, first)
        two = pool.submit(contextvars.copy_context().run, second)
        return one.result(), two.result()
