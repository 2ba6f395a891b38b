"""Runs the demo seed (devstack/seed.py) on a fresh stack and keeps its logins for later starts."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger("devstack.seed")


@dataclass(frozen=True)
class Login:
    role: str
    email: str
    password: str
    tenant: str


def run_seed() -> list[Login]:
    """Seed the demo data; a failing seed leaves an empty (but working) stack."""
    # Imported here, not at the top: the seed imports the data models, which read the functions'
    # settings when imported, and those are exported only once the stack's resources exist.
    from devstack.seed import seed_demo

    try:
        return seed_demo()
    except Exception:
        log.exception("seeding failed: the stack runs without (complete) demo data; `make reset` to retry")
        return []


def save_logins(path: Path, logins: list[Login]) -> None:
    path.write_text(json.dumps([asdict(login) for login in logins], indent=2))


def load_logins(path: Path) -> list[Login]:
    if not path.exists():
        return []
    return [Login(**entry) for entry in json.loads(path.read_text())]
