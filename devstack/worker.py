"""A background thread that polls until stopped: the shape every event-source runner shares."""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod

from devstack import wakeups


class PollingWorker(ABC):
    """Calls `poll_once()` in a loop; when it found nothing to do, waits for its `wake_key` to be
    notified (devstack/wakeups.py) or else sleeps `idle_seconds`."""

    def __init__(self, name: str, idle_seconds: float, wake_key: str | None = None) -> None:
        self.name = name
        self.idle_seconds = idle_seconds
        self.wake_key = wake_key
        self.log = logging.getLogger(f"devstack.{name}")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.idle = False  # its last round found nothing to do

    @abstractmethod
    def poll_once(self) -> bool:
        """Do one round of work; True when there may be more to do right away."""

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()

    def request_stop(self) -> None:
        """Ask the loop to end after the current round; `stop()` also waits for it."""
        self._stop.set()
        wakeups.wake_all()

    def stop(self, timeout: float = 10.0) -> None:
        self.request_stop()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def _run(self) -> None:
        while not self._stop.is_set():
            seen = wakeups.count(self.wake_key) if self.wake_key else 0
            try:
                busy = self.poll_once()
            except Exception:
                # A runner must outlive a bad poll (moto restarting, a malformed record): log, back off.
                self.log.exception("poll failed")
                busy = False
            self.idle = not busy
            if busy:
                continue
            if self.wake_key and wakeups.installed():
                wakeups.wait(self.wake_key, seen, wakeups.IDLE_MAX_SECONDS, self._stop)
            else:
                self._stop.wait(self.idle_seconds)
