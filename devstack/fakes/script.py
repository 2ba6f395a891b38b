"""Faults on cue for a running fake: what `POST /__script` takes, and what the fake does with it.

Three forms, each a JSON object:

- `{"status": 429, "times": 3, "retry_after": 2}`: the next `times` requests answer `status` (with
  Retry-After when given) instead of being served.
- `{"stall_seconds": 30, "times": 1}`: the next `times` requests wait that long before answering (a
  client with a shorter timeout gives up). `"then": "fail"` (the default) answers 500 after the wait;
  `"then": "serve"` serves the request first, so the platform keeps what the client never heard about,
  the case that only the platforms' deduplication (order_id, event_id) makes safe.
- `{"error_rate": 0.3, "statuses": [500, 503, 429], "seed": 7, "for_seconds": 120}`: for that long, a
  random share of requests fail with one of the statuses; the same seed fails the same requests of a
  run in the same order. Optional `retry_after` on the 429s.

Scripted answers queue in the order they were posted and go before the error rate. `GET /__script`
says what is left and what was failed so far; `DELETE /__script` clears it. The mail sink takes the
same forms (SMTP codes, no stalls). Each fake serves this only to the loopback interface, and only in
the local stack: nothing here is part of what CDK deploys.
"""

from __future__ import annotations

import random
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

MAX_TIMES = 10_000
MAX_STALL_SECONDS = 600.0
MAX_WINDOW_SECONDS = 24 * 3600.0


class ScriptError(ValueError):
    """A script the fake cannot follow: `fields` names what is wrong, in words."""

    def __init__(self, message: str, fields: dict[str, str]) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields

    def body(self) -> dict[str, Any]:
        return {"error": {"code": "invalid_script", "message": self.message, "fields": self.fields}}


@dataclass(frozen=True)
class Fault:
    """One scripted answer: a status (after `stall_seconds`), or the request served after the stall."""

    status: int
    stall_seconds: float = 0.0
    serve: bool = False  # a stall that serves the request and answers late
    retry_after: int | None = None
    body: Any = None  # the answer's body; None: the fake's own error for the status

    def describe(self) -> dict[str, Any]:
        if self.stall_seconds:
            return {"stall_seconds": self.stall_seconds, "then": "serve" if self.serve else "fail"}
        found: dict[str, Any] = {"status": self.status}
        if self.retry_after is not None:
            found["retry_after"] = self.retry_after
        return found


@dataclass
class _Queued:
    fault: Fault
    left: int


@dataclass
class _Rate:
    error_rate: float
    statuses: list[int]
    seed: int | None
    until: float  # time.monotonic() at which it ends
    for_seconds: float
    retry_after: int | None
    rng: random.Random
    seen: int = 0
    failed: int = 0

    def describe(self) -> dict[str, Any]:
        return {
            "error_rate": self.error_rate,
            "statuses": self.statuses,
            "seed": self.seed,
            "for_seconds": self.for_seconds,
            "seconds_left": round(max(0.0, self.until - time.monotonic()), 1),
            "retry_after": self.retry_after,
            "requests_seen": self.seen,
            "failed": self.failed,
        }


@dataclass
class Script:
    """A fake's faults. `statuses` is the range a status may take (HTTP or SMTP codes)."""

    allow_stall: bool = True
    lowest: int = 400
    highest: int = 599
    _queue: deque[_Queued] = field(default_factory=deque)
    _rate: _Rate | None = None
    _failed: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # What a test in the same process calls ----------------------------------------------------------

    def add(self, fault: Fault, times: int = 1) -> None:
        with self._lock:
            self._queue.append(_Queued(fault, times))

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()
            self._rate = None
            self._failed = 0

    def next(self) -> Fault | None:
        """The fault for the request now being served, or None to serve it."""
        with self._lock:
            while self._queue and self._queue[0].left <= 0:
                self._queue.popleft()
            if self._queue:
                queued = self._queue[0]
                queued.left -= 1
                self._failed += 1
                return queued.fault
            rate = self._rate
            if rate is None:
                return None
            if time.monotonic() >= rate.until:
                return None
            rate.seen += 1
            # Two draws per request whatever the outcome, so a seed fails the same requests every run
            failing, pick = rate.rng.random() < rate.error_rate, rate.rng.randrange(len(rate.statuses))
            if not failing:
                return None
            rate.failed += 1
            self._failed += 1
            status = rate.statuses[pick]
            return Fault(status, retry_after=rate.retry_after if status == 429 else None)

    # What `/__script` takes and shows ---------------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        with self._lock:
            return {
                "queued": [
                    {**queued.fault.describe(), "times_left": queued.left}
                    for queued in self._queue
                    if queued.left > 0
                ],
                "rate": self._rate.describe() if self._rate else None,
                "failed": self._failed,
            }

    def load(self, body: Any) -> dict[str, Any]:
        """Take one script (the forms above); ScriptError when it cannot be followed."""
        if not isinstance(body, dict) or not body:
            raise ScriptError(
                "Send a JSON object: {status, times}, {stall_seconds, times} or {error_rate, statuses}",
                {"body": "a JSON object"},
            )
        forms = [key for key in ("status", "stall_seconds", "error_rate") if key in body]
        if len(forms) != 1:
            raise ScriptError(
                "Give exactly one of status, stall_seconds or error_rate",
                {key: "only one of these" for key in forms} or {"status": "missing"},
            )
        known = _KNOWN[forms[0]]
        unknown = sorted(set(body) - known)
        if unknown:
            raise ScriptError(
                f"Unknown field{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}",
                {key: f"not part of a {forms[0]} script" for key in unknown},
            )
        if forms[0] == "error_rate":
            self._load_rate(body)
        else:
            fault, times = self._fault(body, forms[0])
            self.add(fault, times)
        return self.describe()

    def _fault(self, body: dict[str, Any], form: str) -> tuple[Fault, int]:
        times = _integer(body, "times", 1, 1, MAX_TIMES) or 1
        if form == "status":
            retry_after = _integer(body, "retry_after", None, 0, 86_400)
            return Fault(self._status(body["status"], "status"), retry_after=retry_after), times
        if not self.allow_stall:
            raise ScriptError("This fake refuses; it does not stall", {"stall_seconds": "not supported here"})
        seconds = _number(body, "stall_seconds", 0.001, MAX_STALL_SECONDS)
        then = body.get("then", "fail")
        if then not in ("fail", "serve"):
            raise ScriptError("then is fail or serve", {"then": 'either "fail" or "serve"'})
        return Fault(500, stall_seconds=seconds, serve=then == "serve"), times

    def _load_rate(self, body: dict[str, Any]) -> None:
        rate = _number(body, "error_rate", 0.0, 1.0)
        statuses = body.get("statuses", [500])
        if not isinstance(statuses, list) or not statuses:
            raise ScriptError("statuses is a list of status codes", {"statuses": "a non-empty list"})
        checked = [self._status(status, "statuses") for status in statuses]
        seed = _integer(body, "seed", None, -(2**63), 2**63 - 1)
        window = _number(body, "for_seconds", 0.001, MAX_WINDOW_SECONDS, default=60.0)
        retry_after = _integer(body, "retry_after", None, 0, 86_400)
        with self._lock:
            self._rate = _Rate(
                error_rate=rate,
                statuses=checked,
                seed=seed,
                until=time.monotonic() + window,
                for_seconds=window,
                retry_after=retry_after,
                rng=random.Random(seed),
            )

    def _status(self, value: Any, name: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not self.lowest <= value <= self.highest:
            raise ScriptError(
                f"{name} takes status codes from {self.lowest} to {self.highest}",
                {name: f"a whole number from {self.lowest} to {self.highest}"},
            )
        return value


_KNOWN = {
    "status": {"status", "times", "retry_after"},
    "stall_seconds": {"stall_seconds", "times", "then"},
    "error_rate": {"error_rate", "statuses", "seed", "for_seconds", "retry_after"},
}


def _integer(body: dict[str, Any], name: str, default: int | None, low: int, high: int) -> int | None:
    value = body.get(name, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ScriptError(f"{name} is a whole number from {low} to {high}", {name: f"from {low} to {high}"})
    return value


def _number(body: dict[str, Any], name: str, low: float, high: float, default: float | None = None) -> float:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ScriptError(f"{name} is a number from {low:g} to {high:g}", {name: f"from {low:g} to {high:g}"})
    return float(value)
