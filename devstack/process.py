"""The stack as a child process, for tests and tools: start, wait for ready.json, stop cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

from devstack.settings import REPO_ROOT


class StackProcess:
    """`python -m devstack run` with its own state directory; ports default to free ones."""

    def __init__(
        self, state_dir: Path, env: dict[str, str] | None = None, log: IO[str] | None = None
    ) -> None:
        self.state_dir = state_dir
        self.env = {
            **os.environ,
            "DEVSTACK_STATE_DIR": str(state_dir),
            "DEVSTACK_MOTO_PORT": "0",
            "DEVSTACK_API_PORT": "0",
            "DEVSTACK_WEB_PORT": "0",
            "DEVSTACK_STRIPE_PORT": "0",
            "DEVSTACK_AD_FAKES_PORT": "0",
            "DEVSTACK_SMTP_PORT": "0",
            "DEVSTACK_MAIL_PORT": "0",
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        self.log = log
        self.process: subprocess.Popen[str] | None = None

    @property
    def ready_path(self) -> Path:
        return self.state_dir / "ready.json"

    def start(self, timeout: float = 120.0) -> dict[str, Any]:
        """Start and block until the stack reports ready; returns ready.json's content."""
        self.ready_path.unlink(missing_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "devstack", "run"],
            cwd=REPO_ROOT,
            env=self.env,
            stdout=self.log or subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.ready_path.exists():
                ready: dict[str, Any] = json.loads(self.ready_path.read_text())
                return ready
            if self.process.poll() is not None:
                raise RuntimeError(f"the stack exited with {self.process.returncode} before it was ready")
            time.sleep(0.1)
        self.stop()
        raise TimeoutError(f"the stack was not ready within {timeout:.0f} s")

    def stop(self, timeout: float = 90.0) -> int | None:
        """SIGINT (the stack saves its state and exits), then SIGKILL if it does not."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()
