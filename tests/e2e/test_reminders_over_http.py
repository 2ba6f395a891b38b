"""Reminders on the running local stack: a follow-up due in the past shows in the queue as overdue;
one tick of the reminder schedule puts it in the bell and its email in the mail sink's page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.e2e.test_api_over_http import Client, login_of
from tests.e2e.waiting import read_until, sink_messages

REPO_ROOT = Path(__file__).resolve().parents[2]
# Each tick is a process of its own that takes a moment; the stack's own run lets the lease go within seconds.
LEASE_FREE_S = 60.0


def _tick(stack: dict[str, Any]) -> dict[str, Any]:
    """`python -m devstack tick reminders` against this stack (its state directory)."""
    done = subprocess.run(
        [sys.executable, "-m", "devstack", "tick", "reminders"],
        cwd=REPO_ROOT,
        env={**os.environ, "DEVSTACK_STATE_DIR": stack["state_dir"]},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def test_a_past_due_followup_is_overdue_in_the_queue_the_bell_and_the_mail_page(
    stack: dict[str, Any],
) -> None:
    admin: Client = login_of(stack, "admin@summitroofing.test")
    lead = admin.call("POST", "/leads", {"first_name": "Rosa", "last_name": "Overdue"}).json()
    due = (datetime.now(UTC) - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")

    # Given a call that was due two hours ago
    created = admin.call("POST", f"/leads/{lead['lead_id']}/followups", {"type": "call", "due_at": due})
    assert created.status_code == 201, created.text

    # Then the queue shows it first, overdue
    queue = admin.call("GET", "/followups").json()
    assert queue["items"][0]["followup_id"] == created.json()["followup_id"]
    assert queue["items"][0]["bucket"] == "overdue"

    # When the reminder schedule fires (the stack's own run, every few seconds, may hold the lease just
    # then: tick again until it is free)
    report = read_until(lambda: _tick(stack), lambda tick: tick["lease"] != "busy", timeout=LEASE_FREE_S)
    assert report["lease"] == "held"

    # Then the bell has the overdue reminder, and the mail sink received its email
    bell = admin.call("GET", "/notifications?limit=50").json()["items"]
    assert any(n["kind"] == "followup_overdue" and n["lead_id"] == lead["lead_id"] for n in bell)
    assert any(m["subject"] == "Follow-up overdue: Call Rosa Overdue" for m in sink_messages(stack))

    # And completing it takes it out of the open queue
    path = f"/leads/{lead['lead_id']}/followups/{created.json()['followup_id']}/complete"
    assert admin.call("POST", path).json()["status"] == "done"
    ids = [i["followup_id"] for i in admin.call("GET", "/followups").json()["items"]]
    assert created.json()["followup_id"] not in ids
