"""Environment for every test: a fake AWS account and region, and moto's endpoint for functional tests;
and, under pytest-xdist, which worker runs which tests.

The endpoint is fixed here, before any Convertly module reads its settings, because the PynamoDB
models bind their host at import time. Under pytest-xdist every worker is a process of its own with
its own moto server and state (tests/functional/conftest.py starts it), so each worker picks its own
free port: the port the controller picked reaches the workers through the environment they inherit.
"""

from __future__ import annotations

import os
import socket
from pathlib import PurePosixPath
from typing import Any

import pytest

from devstack import memory


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


if os.environ.get("PYTEST_XDIST_WORKER") or not os.environ.get("MOTO_TEST_PORT"):
    os.environ["MOTO_TEST_PORT"] = str(_free_port())
os.environ.update(
    {
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{os.environ['MOTO_TEST_PORT']}",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
        "POWERTOOLS_SERVICE_NAME": "convertly-test",
    }
)


# The tests against the running local stack (tests/e2e) share their worker's stack, which keeps a core
# busy with its consumers: they run in two groups, so a run starts two stacks (the second from the demo
# the first seeded: tests/e2e/conftest.py), each group on one worker, while the other tests spread over
# every worker. The browser tests from test_b* on make the second group; the API's own (the fuzzer's two
# to three minutes), the first browser tests, the billing journeys and the every-page check the first:
# the split that gives the two about the same time.
# The CDK tests (tests/infra) share one synth of the app, which takes half a minute: one group.
E2E_GROUPS = ("e2e-api", "e2e-browser")
FIRST_GROUP_BROWSER = frozenset({"test_every_page.py", "test_billing.py"})


def test_group(nodeid: str) -> str | None:
    path = PurePosixPath(nodeid.split("::", 1)[0])
    if path.parts[:2] == ("tests", "infra"):
        return "infra"
    if path.parts[:2] != ("tests", "e2e"):
        return None
    second = path.parent.name == "browser" and path.name >= "test_b" and path.name not in FIRST_GROUP_BROWSER
    return E2E_GROUPS[1] if second else E2E_GROUPS[0]


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`--dist loadgroup` (pyproject.toml), grouping the e2e and CDK tests by path (test_group)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class StackGroups(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return test_group(nodeid) or nodeid

    return StackGroups(config, log)


# Each worker holds a moto of its own, as the local stack does: the same collector settings
# (devstack/memory.py). What the collection imported is set aside before the first test.
def pytest_configure(config: pytest.Config) -> None:
    memory.tune()


def pytest_collection_finish(session: pytest.Session) -> None:
    memory.freeze_loaded()
