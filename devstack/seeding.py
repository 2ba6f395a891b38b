"""Runs the demo seed (devstack/seed.py) on a fresh stack and keeps its logins for later starts."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

log = logging.getLogger("devstack.seed")


@dataclass(frozen=True)
class Login:
    role: str
    email: str
    password: str
    tenant: str


@dataclass(frozen=True)
class Demo:
    """What the banner shows of the demo data: the logins and the published demo form."""

    logins: list[Login] = field(default_factory=list)
    form_id: str | None = None


def run_seed(lead_count: int = 200) -> Demo:
    """Seed the demo data; a failing seed leaves an empty (but working) stack."""
    # Imported here, not at the top: the seed imports the data models, which read the functions'
    # settings when imported, and those are exported only once the stack's resources exist.
    from devstack.seed import seed_demo

    try:
        return seed_demo(lead_count)
    except Exception:
        log.exception("seeding failed: the stack runs without (complete) demo data; `make reset` to retry")
        return Demo()


def save_demo(path: Path, demo: Demo) -> None:
    path.write_text(json.dumps(asdict(demo), indent=2))


def load_demo(path: Path) -> Demo:
    if not path.exists():
        return Demo()
    saved = json.loads(path.read_text())
    if isinstance(saved, list):  # the logins alone, as older local state has them
        return Demo([Login(**entry) for entry in saved])
    return Demo([Login(**entry) for entry in saved.get("logins", [])], saved.get("form_id"))
