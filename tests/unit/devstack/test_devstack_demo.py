"""What `make run` prints of the demo data, and the demo file kept between starts."""

from __future__ import annotations

import json
from pathlib import Path

from devstack.banner import banner
from devstack.seeding import Demo, Login, load_demo, save_demo

ADMIN = Login("Admin", "admin@summitroofing.test", "Convertly-Demo-1", "Summit Roofing Co")


def _banner(demo_form_url: str | None) -> str:
    return banner(
        "http://127.0.0.1:3000", True, "http://127.0.0.1:8000", "http://127.0.0.1:5000", "pool", "client",
        "/state", [ADMIN], demo_form_url=demo_form_url,
    )  # fmt: skip


def test_the_banner_prints_the_logins_and_the_demo_forms_hosted_page() -> None:
    text = _banner("http://127.0.0.1:8000/f/01FORM")
    assert "admin@summitroofing.test  Convertly-Demo-1  (Summit Roofing Co)" in text
    (line,) = [line for line in text.splitlines() if line.strip().startswith("Demo form")]
    assert "http://127.0.0.1:8000/f/01FORM" in line
    assert "Demo form" not in _banner(None)


def test_the_demo_survives_a_restart_and_older_state_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "logins.json"
    assert load_demo(path) == Demo()
    save_demo(path, Demo([ADMIN], "01FORM"))
    assert load_demo(path) == Demo([ADMIN], "01FORM")
    # State written before the demo form was kept: a list of logins
    path.write_text(
        json.dumps(
            [{"role": "Admin", "email": ADMIN.email, "password": ADMIN.password, "tenant": ADMIN.tenant}]
        )
    )
    assert load_demo(path) == Demo([ADMIN], None)
