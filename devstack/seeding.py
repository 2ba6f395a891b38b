"""Runs the demo seed (devstack/seed.py) on a fresh stack and keeps its logins for later starts."""

from __future__ import annotations

import importlib
import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger("devstack.seed")


@dataclass(frozen=True)
class Login:
    role: str
    email: str
    password: str
    tenant: str


def _field(item: Any, *names: str) -> str:
    for name in names:
        value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        if value is not None:
            return str(getattr(value, "value", value))  # a Role enum prints as its value
    return ""


def to_login(item: Any) -> Login:
    return Login(
        role=_field(item, "role"),
        email=_field(item, "email"),
        password=_field(item, "password"),
        tenant=_field(item, "tenant", "tenant_name"),
    )


def run_seed() -> list[Login]:
    """Seed the demo data; an absent or failing seed leaves an empty (but working) stack."""
    try:
        module = importlib.import_module("devstack.seed")
    except ModuleNotFoundError as error:
        if error.name != "devstack.seed":
            raise
        log.warning("devstack/seed.py does not exist yet: no demo data (run `make reset` once it does)")
        return []
    try:
        return [to_login(item) for item in module.seed_demo()]
    except Exception:
        log.exception("seeding failed: the stack runs without (complete) demo data; `make reset` to retry")
        return []


def save_logins(path: Path, logins: list[Login]) -> None:
    path.write_text(json.dumps([asdict(login) for login in logins], indent=2))


def load_logins(path: Path) -> list[Login]:
    if not path.exists():
        return []
    return [Login(**entry) for entry in json.loads(path.read_text())]
