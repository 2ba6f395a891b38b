"""Runs the demo seed (devstack/seed.py) on a fresh stack and keeps its logins for later starts."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from pathlib import Path

from devstack.seed import Login, seed_demo

log = logging.getLogger("devstack.seed")


def run_seed() -> list[Login]:
    """Seed the demo data; a failing seed leaves an empty (but working) stack."""
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
