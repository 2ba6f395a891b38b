"""The e2e session: one local stack in a child process, isolated state, free ports, seeded demo.

Every test under tests/e2e is marked `e2e` and put in the xdist group "e2e", so under `-n` with
`--dist loadgroup` (pyproject's addopts) they all run on one worker and a run starts one stack.
`stack` yields ready.json (api_url, web_url, logins, user pool ids, moto_url, ...). The stack's
output goes to test-artifacts/devstack.log. The browser tests (browser/) drive the web app the stack
serves.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devstack.process import StackProcess
from devstack.settings import REPO_ROOT

_E2E_DIR = Path(__file__).parent


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _E2E_DIR in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group("e2e"))


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    artifacts = REPO_ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    with (artifacts / "devstack.log").open("w") as log:
        process = StackProcess(tmp_path_factory.mktemp("devstack"), log=log)
        try:
            yield process.start(timeout=120)
        finally:
            process.stop()
