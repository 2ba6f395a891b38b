"""The e2e session: a local stack per worker, isolated state, free ports, the seeded demo.

Every test under tests/e2e is marked `e2e`. Under `-n` each e2e file runs whole on one worker, after
the other tests (tests/conftest.py), and each worker that runs one starts a stack of its own from the
run's one seeded demo (tests/e2e/seeded.py). `stack` yields ready.json (api_url, web_url, logins, user
pool ids, moto_url, ...). The stack's output goes to test-artifacts/devstack-<worker>.log. The browser
tests (browser/) drive the web app it serves.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devstack.process import StackProcess
from devstack.settings import REPO_ROOT
from tests.e2e.seeded import E2E_ENV, SEED_TIMEOUT_S, use_seeded_state

_E2E_DIR = Path(__file__).parent


def pytest_itemcollected(item: pytest.Item) -> None:
    if _E2E_DIR in Path(str(item.fspath)).parents:
        item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    artifacts = REPO_ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with (artifacts / f"devstack-{worker}.log").open("w") as log:
        state_dir = tmp_path_factory.mktemp("devstack")
        restored = use_seeded_state(state_dir)
        process = StackProcess(state_dir, env=E2E_ENV, log=log)
        try:
            # A stack that seeds is ready once the seed's events have settled; a restored one at once
            yield process.start(timeout=120.0 if restored else SEED_TIMEOUT_S)
        finally:
            process.stop()
