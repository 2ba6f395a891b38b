"""Each Lambda handler imports only its own capability, the platform, the registries and other
capabilities' service modules: a handler is thin, and its capability is where its logic lives."""

from __future__ import annotations

import ast
import importlib
import tomllib
from pathlib import Path

import pytest

from convertly.resources import FUNCTIONS

ROOT = Path(__file__).resolve().parents[2]
_PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
_CONTRACTS = _PYPROJECT["tool"]["importlinter"]["contracts"]
CAPABILITIES = next(c for c in _CONTRACTS if c["type"] == "capability_boundaries")["capabilities"]
ANYONE = ("platform", "manifest", "resources", "permissions")


def _capability_of(function: str) -> str:
    """The capability whose resources.py declares the function (the platform declares its own)."""
    for capability in (*CAPABILITIES, "platform"):
        module = importlib.import_module(f"convertly.{capability}.resources")
        if any(spec.name == function for spec in module.FUNCTIONS):
            return capability
    raise AssertionError(f"no capability declares {function}")


def _convertly_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("convertly"):
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def _allowed(imported: str, own: str) -> bool:
    parts = imported.split(".")
    if parts[1] in ANYONE or parts[1] == own:
        return True
    return len(parts) > 2 and parts[2] == "service"


@pytest.mark.parametrize("function", [spec.name for spec in FUNCTIONS])
def test_a_handler_imports_its_capability_and_only_the_services_of_others(function: str) -> None:
    # Given the function's handler and the capability that declares it
    own = _capability_of(function)
    handler = ROOT / "functions" / function / "handler.py"
    # When its imports from the shared layer are read
    imports = _convertly_imports(handler)
    # Then each is its own capability, the platform, a registry or another capability's service
    assert imports, f"{function} imports nothing from the shared layer"
    assert [name for name in imports if not _allowed(name, own)] == []


def test_the_rule_refuses_another_capabilitys_internals() -> None:
    assert not _allowed("convertly.leads.domain.leads.StageChange", "pipelines")
    assert _allowed("convertly.leads.service.StageChange", "pipelines")
    assert _allowed("convertly.pipelines.use_cases.load_pipeline", "pipelines")
