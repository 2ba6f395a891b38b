"""Tenant partitioning: every partition key and every GSI partition key starts with the tenant."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

import convertly
from convertly.platform.clock import new_id


def _keys_modules() -> list[ModuleType]:
    """Every capability's `keys` module, and the platform's: found by walking the package, so a new
    capability's keys are checked without a line here."""
    found = [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(convertly.__path__, "convertly.")
        if info.name.rsplit(".", 1)[-1] == "keys"
    ]
    return sorted(found, key=lambda module: module.__name__)


def test_every_capability_keeps_its_keys_in_a_keys_module() -> None:
    names = {module.__name__ for module in _keys_modules()}
    assert {"convertly.platform.store.keys", "convertly.leads.keys", "convertly.work.keys"} <= names
    assert len(names) >= 10


def test_every_partition_key_builder_starts_with_the_tenant() -> None:
    builders = [
        f
        for module in _keys_modules()
        for _, f in inspect.getmembers(module, inspect.isfunction)
        if f.__module__ == module.__name__ and "tenant_id" in inspect.signature(f).parameters
    ]
    assert len(builders) >= 25
    for builder in builders:
        args = {name: f"arg-{name}" for name in inspect.signature(builder).parameters}
        args["tenant_id"] = "acme"
        assert builder(**args).startswith("T#acme"), f"{builder.__module__}.{builder.__name__}"


def test_ids_sort_by_creation_time() -> None:
    ids = [new_id() for _ in range(50)]
    assert len(set(ids)) == 50 and all(len(i) == 26 for i in ids)
