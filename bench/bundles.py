"""What each function's Lambda bundle holds: the packages of the locks it ships (the shared layer's, the
AI layer's for a function that asks the model, its own), and their unzipped size as `make layer` builds
them (build/layer, build/ai-layer, build/functions/<name>), against Lambda's 250 MB for a function and
its layers together.

`not_in_bundle` lists the venv's top-level modules whose distribution no lock of the function pins: the
import benchmark hides them, so a handler is timed with what it would find on Lambda.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
LAMBDA_LIMIT_MB = 250.0
SHARED_BUILD = ROOT / "build" / "layer"
AI_BUILD = ROOT / "build" / "ai-layer"
FUNCTIONS_BUILD = ROOT / "build" / "functions"
# Our own code: never hidden, whatever the venv calls its distribution
OWN = frozenset({"convertly", "functions", "bench", "devstack", "app", "tests"})


@cache
def lock_module() -> ModuleType:
    """infra/cdk/lock.py (a script, not a package): what the locks pin and how names compare."""
    spec = importlib.util.spec_from_file_location("convertly_lock", ROOT / "infra" / "cdk" / "lock.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["convertly_lock"] = module
    spec.loader.exec_module(module)
    return module


def _asks_the_model(function: str) -> bool:
    from convertly.resources import FUNCTIONS

    return any(spec.name == function and spec.openai_key for spec in FUNCTIONS)


def locks_of(function: str) -> list[Path]:
    """The locks whose packages the function's bundle holds."""
    found = [ROOT / "requirements.lock"]
    if _asks_the_model(function):
        found.append(ROOT / "layers" / "ai" / "requirements.lock")
    own = ROOT / "functions" / function / "requirements.lock"
    if own.exists():
        found.append(own)
    return found


@cache
def _distributions() -> dict[str, list[str]]:
    return dict(importlib.metadata.packages_distributions())


def not_in_bundle(function: str) -> frozenset[str]:
    lock = lock_module()
    pinned = {name for path in locks_of(function) for name in lock.pins(path)}
    return frozenset(
        module
        for module, distributions in _distributions().items()
        if module not in OWN and not any(lock.normal(name) in pinned for name in distributions)
    )


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1_000_000


@dataclass(frozen=True)
class BundleSize:
    function: str
    own_mb: float  # the function's directory, or its build with its own packages
    layers_mb: float  # the layers it carries
    layers: tuple[str, ...]

    @property
    def total_mb(self) -> float:
        return self.own_mb + self.layers_mb

    @property
    def share_of_limit(self) -> float:
        return self.total_mb / LAMBDA_LIMIT_MB


def sizes(functions: list[str]) -> list[BundleSize] | None:
    """Each zip function's unzipped size, from `make layer`'s builds; None when they are missing."""
    if not SHARED_BUILD.is_dir() or not AI_BUILD.is_dir():
        return None
    shared, ai = _size_mb(SHARED_BUILD), _size_mb(AI_BUILD)
    found = []
    for name in functions:
        if (ROOT / "functions" / name / "Dockerfile").exists():
            continue  # a container image: its own size, up to 10 GB
        built = FUNCTIONS_BUILD / name
        own = _size_mb(built if built.is_dir() else ROOT / "functions" / name)
        layers = ("shared", "ai") if _asks_the_model(name) else ("shared",)
        found.append(BundleSize(name, own, shared + (ai if "ai" in layers else 0.0), layers))
    return found
