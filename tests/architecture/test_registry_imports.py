"""The resource registry loads before any setting: devstack and CDK read it first, then set up the
environment the functions' settings come from. A capability's resources.py that reaches the store
would freeze the settings too early (the local stack would start without its own)."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_resource_registry_loads_no_settings_and_no_store() -> None:
    modules = ("convertly.platform.config", "convertly.platform.store.items")
    probe = f"import sys, convertly.resources; print(sorted(m for m in {modules!r} if m in sys.modules))"
    loaded = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"
