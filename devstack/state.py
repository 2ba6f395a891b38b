"""Small JSON files in the state directory: ready.json for tools and tests."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def write_json(path: Path, data: Any) -> None:
    """Write atomically, so a reader polling for the file never sees half of it."""
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(data, indent=2, default=str))
    os.replace(partial, path)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text()) if path.exists() else None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
