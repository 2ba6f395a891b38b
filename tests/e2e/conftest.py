"""The e2e session: a local stack in a child process, isolated state, free ports, seeded demo.

Every test under tests/e2e is marked `e2e`. Under `-n` they run in two groups, each on one worker
with a stack of its own (tests/conftest.py says which tests are in which). `stack` yields ready.json
(api_url, web_url, logins, user pool ids, moto_url, ...). The stack's output goes to
test-artifacts/devstack-<worker>.log. The browser tests (browser/) drive the web app it serves.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
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
        # each stack seeds its own.
        quiet = {
            "DEVSTACK_SNAPSHOT_SECONDS": "3600",
            "DEVSTACK_SCHEDULE_SECONDS": "5",
            "DEVSTACK_DEMO_LEADS": "110",
            # Retries after a twentieth of their delay (conversions' 30 s backoff: 1.5 s; mail's
            # minute: 3 s) and a shorter platform timeout, for the chaos run (test_chaos_over_http.py)
            "RETRY_DELAY_SCALE": "0.05",
            "ADS_HTTP_TIMEOUT_SECONDS": str(E2E_ADS_TIMEOUT_SECONDS),
        }
        process = StackProcess(tmp_path_factory.mktemp("devstack"), env=quiet, log=log)
        try:
            yield process.start(timeout=420)  # a fresh stack is ready once the seed has settled
        finally:
            process.stop()
