"""The locks the Lambda bundles install from (infra/cdk/lock.py, `make lock`) agree with what the
requirements ask for, and are made for the functions' Python."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.bundles import lock_module
from convertly_infra.constants import LAMBDA_PYTHON_VERSION, RUNTIME

REPO_ROOT = Path(__file__).resolve().parents[2]


lock = lock_module()
REQUIREMENTS = [REPO_ROOT / "requirements.txt", *lock.beyond_layer_requirements(REPO_ROOT)]


def test_the_locks_are_for_the_runtime_the_functions_run_on() -> None:
    # The build scripts and the locks read the version from constants.py, which names the runtime
    assert lock.lambda_python_version() == LAMBDA_PYTHON_VERSION
    assert RUNTIME.name == f"python{LAMBDA_PYTHON_VERSION}"
    args = lock.pip_target_args(LAMBDA_PYTHON_VERSION)
    assert args[args.index("--python-version") + 1] == LAMBDA_PYTHON_VERSION
    assert "--only-binary=:all:" in args and args[args.index("--implementation") + 1] == "cp"
    for path in [REPO_ROOT / "requirements.lock", *(lock.lock_path(p) for p in REQUIREMENTS[1:])]:
        assert f"CPython {LAMBDA_PYTHON_VERSION}," in path.read_text(), path


@pytest.mark.parametrize("requirements", REQUIREMENTS, ids=lambda path: str(path.relative_to(REPO_ROOT)))
def test_each_lock_pins_every_requirement_at_its_version(requirements: Path) -> None:
    asked = lock.pins(requirements)
    locked = lock.pins(lock.lock_path(requirements))
    layer = lock.pins(REPO_ROOT / "requirements.lock")
    # A function's lock leaves out what the layer holds; between them every requirement is pinned as asked
    assert asked, requirements
    assert {name: (locked | layer).get(name) for name in asked} == asked
    if requirements.parent != REPO_ROOT:
        assert not set(locked) & set(layer), "a lock beyond the shared layer repeats one of its packages"
