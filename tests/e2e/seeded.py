"""One seeded demo per run, shared by every worker's local stack.

Under pytest-xdist the controller seeds a stack in the background as the run starts (`Seeder`), while
the workers run the unit, functional and CDK tests that come first (tests/conftest.py orders them so).
When it is ready and stopped, its saved state (moto's snapshot, localstripe's store, the logins) waits
in a directory the workers find through `SEEDED_DIR_ENV`. A worker that reaches its first e2e test
copies that state into its own stack's directory, and its stack starts from it as `make run` restarts
from its state: seconds instead of the seed's minute and a half. Without workers (`make e2e`) there is
one stack and it seeds itself.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

from devstack.process import StackProcess
from devstack.settings import REPO_ROOT

SEEDED_DIR_ENV = "CONVERTLY_E2E_SEEDED_DIR"
# What a stack's state directory holds once it has seeded (devstack/settings.py)
SEEDED_STATE = ("moto-state.pickle", "localstripe.pickle", "logins.json")
_DONE, _FAILED = "done", "failed"
SEED_TIMEOUT_S = 420.0
# The platforms' timeout in the e2e stacks (8 s on AWS): the chaos run's stalls outlast it
E2E_ADS_TIMEOUT_SECONDS = 3

# Every e2e stack's settings. No periodic snapshots: nothing here restarts the stack, and each one holds
# every request while it pickles moto (tests/functional/devstack covers saving and restoring). The
# scheduled functions (the reminder run, which sends queued mail) every 5 s, not a minute; a demo of 110
# leads (three pages of 50, and the 100 the paging test walks) rather than 200.
E2E_ENV = {
    "DEVSTACK_SNAPSHOT_SECONDS": "3600",
    "DEVSTACK_SCHEDULE_SECONDS": "5",
    "DEVSTACK_DEMO_LEADS": "110",
    # Retries after a twentieth of their delay (conversions' 30 s backoff: 1.5 s; mail's minute: 3 s) and
    # a shorter platform timeout, for the chaos run (test_chaos_over_http.py)
    "RETRY_DELAY_SCALE": "0.05",
    "ADS_HTTP_TIMEOUT_SECONDS": str(E2E_ADS_TIMEOUT_SECONDS),
}


class Seeder:
    """The controller's background seed: a stack started (it seeds and settles) and stopped (it saves)."""

    def __init__(self, shared: Path) -> None:
        self.shared = shared
        self._stack_dir = shared / "stack"
        self._thread = threading.Thread(target=self._run, name="e2e-seed", daemon=True)
        self._process: StackProcess | None = None

    def start(self) -> Seeder:
        self._stack_dir.mkdir(parents=True, exist_ok=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        artifacts = REPO_ROOT / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        try:
            with (artifacts / "devstack-seed.log").open("w") as log:
                self._process = StackProcess(self._stack_dir, env=E2E_ENV, log=log)
                try:
                    self._process.start(timeout=SEED_TIMEOUT_S)
                finally:
                    self._process.stop()  # SIGINT: the stack saves its state as it exits
            for name in SEEDED_STATE:
                shutil.copyfile(self._stack_dir / name, self.shared / name)
            (self.shared / _DONE).touch()
        except Exception as error:  # the workers then seed their own stacks
            (self.shared / _FAILED).write_text(f"{type(error).__name__}: {error}")

    def stop(self) -> None:
        """At the run's end: a seed still going (every e2e test deselected) is stopped."""
        if self._process is not None:
            self._process.stop()
        self._thread.join(timeout=120)
        shutil.rmtree(self.shared, ignore_errors=True)


def use_seeded_state(state_dir: Path) -> bool:
    """Before a worker's stack starts: True when the run's seeded state is now in `state_dir` (the stack
    restores it), False when there is none to use (no seeder, or it failed) and the stack seeds."""
    shared = os.environ.get(SEEDED_DIR_ENV)
    if not shared:
        return False
    directory = Path(shared)
    deadline = time.monotonic() + SEED_TIMEOUT_S + 120
    while not (directory / _DONE).exists():
        if (directory / _FAILED).exists() or time.monotonic() > deadline:
            return False
        time.sleep(0.5)
    for name in SEEDED_STATE:
        shutil.copyfile(directory / name, state_dir / name)
    return True
