"""The e2e session: a local stack in a child process, isolated state, free ports, seeded demo.

Every test under tests/e2e is marked `e2e`. Under `-n` they run in two groups, each on one worker
with a stack of its own (tests/conftest.py says which tests are in which). `stack` yields ready.json
(api_url, web_url, logins, user pool ids, moto_url, ...). The stack's output goes to
test-artifacts/devstack-<worker>.log. The browser tests (browser/) drive the web app it serves.

One seed per run: the first worker's stack seeds the demo and, once ready, leaves a copy of its saved
state (moto's snapshot, localstripe's store, the logins) beside the workers' temporary directories; the
other worker's stack starts from that copy, as `make run` restarts from its state, instead of seeding
the same demo again (two seeds at once on two cores cost both groups about two minutes).
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import pytest

from devstack.process import StackProcess
from devstack.settings import REPO_ROOT

_E2E_DIR = Path(__file__).parent
# The platforms' timeout in the e2e stacks (8 s on AWS): the chaos run's stalls outlast it
E2E_ADS_TIMEOUT_SECONDS = 3


def pytest_itemcollected(item: pytest.Item) -> None:
    if _E2E_DIR in Path(str(item.fspath)).parents:
        item.add_marker(pytest.mark.e2e)


# What a stack's state directory holds once it is ready (devstack/settings.py), copied for the others
SEEDED_STATE = ("moto-state.pickle", "localstripe.pickle", "logins.json")


@contextmanager
def _seeded(shared: Path, state_dir: Path) -> Iterator[bool]:
    """Held while a stack starts: True when the seeded state is copied into `state_dir` (the stack
    restores it); False when this stack seeds, and its state is shared once it is ready."""
    shared.mkdir(parents=True, exist_ok=True)
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other worker waits here while the first one seeds
        seeded = all((shared / name).exists() for name in SEEDED_STATE)
        if seeded:
            for name in SEEDED_STATE:
                shutil.copyfile(shared / name, state_dir / name)
        yield seeded
        if not seeded:
            for name in SEEDED_STATE:
                if not (state_dir / name).exists():
                    return
            for name in SEEDED_STATE:
                shutil.copyfile(state_dir / name, shared / f"{name}.partial")
            for name in SEEDED_STATE:
                os.replace(shared / f"{name}.partial", shared / name)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    artifacts = REPO_ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with (artifacts / f"devstack-{worker}.log").open("w") as log:
        # No periodic snapshots: nothing here restarts the stack, and each one holds every request
        # while it pickles moto (tests/functional/devstack covers saving and restoring).
        # The scheduled functions (the reminder run, which sends queued mail) every 5 s, not a minute;
        # a demo of 110 leads (three pages of 50, and the 100 the paging test walks) rather than 200:
        # the run seeds it once (_seeded).
        quiet = {
            "DEVSTACK_SNAPSHOT_SECONDS": "3600",
            "DEVSTACK_SCHEDULE_SECONDS": "5",
            "DEVSTACK_DEMO_LEADS": "110",
            # Retries after a twentieth of their delay (conversions' 30 s backoff: 1.5 s; mail's
            # minute: 3 s) and a shorter platform timeout, for the chaos run (test_chaos_over_http.py)
            "RETRY_DELAY_SCALE": "0.05",
            "ADS_HTTP_TIMEOUT_SECONDS": str(E2E_ADS_TIMEOUT_SECONDS),
        }
        state_dir = tmp_path_factory.mktemp("devstack")
        process = StackProcess(state_dir, env=quiet, log=log)
        # Shared by the run's workers: pytest-xdist gives each a directory under the run's own base.
        # Without workers there is one stack, nothing to share (and that parent is every run's).
        seeding = (
            _seeded(tmp_path_factory.getbasetemp().parent / "e2e-seeded", state_dir)
            if worker != "main"
            else nullcontext(False)
        )
        try:
            with seeding:
                ready = process.start(timeout=420)  # a fresh stack is ready once the seed has settled
            yield ready
        finally:
            process.stop()
