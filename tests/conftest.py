"""Environment for every test: a fake AWS account and region, and moto's endpoint for functional tests;
and, under pytest-xdist, which worker runs which tests, in what order, and the e2e tests' one seed.

The endpoint is fixed here, before any Convertly module reads its settings, because the PynamoDB
models bind their host at import time. Under pytest-xdist every worker is a process of its own with
its own moto server and state (tests/functional/conftest.py starts it), so each worker picks its own
free port: the port the controller picked reaches the workers through the environment they inherit.
"""

from __future__ import annotations

import os
import socket
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

import pytest


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


# Under pytest-xdist (`make test`) each worker takes the next unit of the run's order as it finishes
# one: the CDK tests (tests/infra) first, as one unit (they share one synth of the app); the unit,
# functional and architecture tests each on its own; each e2e file whole, against its worker's local
# stack, which starts from the run's one seeded demo (the controller seeds it in the background as the
# run starts: tests/e2e/seeded.py). An e2e test mostly waits (on the browser, on the stack's consumers)
# and a functional test mostly computes, so the order mixes them: the first share of the functional
# tests while the seed is made, then the e2e files (the longest first) spread evenly among the rest, and
# functional tests again at the end, where their small units even out the workers' last minutes.
E2E_DIR = PurePosixPath("tests", "e2e")
_SEEDER = pytest.StashKey[Any]()  # the run's tests.e2e.seeded.Seeder
# The e2e files that take minutes, started first among the e2e files
LONG_E2E_FILES = ("test_fuzz_api.py", "test_partner_program.py", "test_chaos_over_http.py", "test_ai.py")
# Where in the run (0 to 1, by the functional tests' order) the e2e files start and end
E2E_FROM, E2E_TO = 0.15, 0.85


def test_group(nodeid: str) -> str | None:
    """The unit a test runs in with others on one worker (None: on its own)."""
    path = PurePosixPath(nodeid.split("::", 1)[0])
    if path.parts[:2] == ("tests", "infra"):
        return "infra"
    if path.parts[:2] == E2E_DIR.parts:
        return f"e2e:{path}"
    return None


def _longest_first(path: PurePosixPath) -> int:
    return LONG_E2E_FILES.index(path.name) if path.name in LONG_E2E_FILES else len(LONG_E2E_FILES)


def run_order(nodeids: list[str]) -> list[str]:
    """The run's order (see above); each file's tests keep their own order."""
    paths = {nodeid: PurePosixPath(nodeid.split("::", 1)[0]) for nodeid in nodeids}
    infra = [n for n in nodeids if paths[n].parts[:2] == ("tests", "infra")]
    e2e = [n for n in nodeids if paths[n].parts[:2] == E2E_DIR.parts]
    others = [n for n in nodeids if n not in set(infra) | set(e2e)]
    files = sorted(
        dict.fromkeys(paths[n] for n in e2e),
        key=lambda path: (
            LONG_E2E_FILES.index(path.name) if path.name in LONG_E2E_FILES else len(LONG_E2E_FILES)
        ),
    )
    # Each test's place between 0 and 1: the others by their index, each e2e file at its share of the span
    place = {n: i / max(len(others), 1) for i, n in enumerate(others)}
    at = {path: E2E_FROM + (E2E_TO - E2E_FROM) * i / max(len(files), 1) for i, path in enumerate(files)}
    place.update({n: at[paths[n]] for n in e2e})
    index = {n: i for i, n in enumerate(nodeids)}
    return infra + sorted(others + e2e, key=lambda n: (place[n], index[n]))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # An xdist worker (its options say "no" dist of its own) reports this order to the controller
    if hasattr(config, "workerinput"):
        position = {nodeid: i for i, nodeid in enumerate(run_order([item.nodeid for item in items]))}
        items.sort(key=lambda item: position[item.nodeid])


def _runs_e2e(config: pytest.Config) -> bool:
    """Whether the run's paths include any e2e test (the whole suite, tests/e2e or a file in it)."""
    root = Path(str(config.rootpath))
    e2e = root / str(E2E_DIR)
    for arg in config.args or [str(root / "tests")]:
        path = (root / arg.split("::", 1)[0]).resolve()
        if path == e2e or e2e in path.parents or path in e2e.parents:
            return True
    return False


def pytest_sessionstart(session: pytest.Session) -> None:
    """The controller of an xdist run with e2e tests seeds the run's demo in the background."""
    config = session.config
    controller = not hasattr(config, "workerinput") and bool(config.getoption("numprocesses", None))
    if not controller or config.getvalue("dist") != "loadgroup" or config.option.collectonly:
        return
    if not _runs_e2e(config):
        return
    from tests.e2e.seeded import SEEDED_DIR_ENV, Seeder

    shared = Path(tempfile.mkdtemp(prefix="convertly-e2e-seed-"))
    os.environ[SEEDED_DIR_ENV] = str(shared)  # the workers, started after this hook, inherit it
    config.stash[_SEEDER] = Seeder(shared).start()


def pytest_sessionfinish(session: pytest.Session) -> None:
    seeder = session.config.stash.get(_SEEDER, None)
    if seeder is not None:
        seeder.stop()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`--dist loadgroup` (pyproject.toml): units by test_group, in run_order (not by their sizes)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    config.option.loadscopereorder = False

    class StackGroups(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return test_group(nodeid) or nodeid

    return StackGroups(config, log)
