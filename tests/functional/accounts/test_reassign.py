"""Reassigning a departing user's open work: leads, follow-ups and tasks move round robin in chunks,
each lead's timeline records its new owner, the owners' open-lead counts follow, a redelivered
message moves nothing twice, and closed work stays where it is."""

from __future__ import annotations

from datetime import timedelta

import pytest

from convertly.accounts import reassign
from convertly.platform.clock import iso, now
from convertly.platform.events.envelope import DomainEvent
from tests.functional.conftest import Account, Api, invite, sign_up


def _due() -> str:
    return iso(now() + timedelta(days=1))


def _open_leads(api: Api, admin: Account) -> dict[str, int]:
    return {m["user_id"]: m["open_leads"] for m in api.call("GET", "/team", None, admin.token)[1]["items"]}


def test_open_work_moves_round_robin_and_is_recorded(
    api: Api, tenant: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reassign, "CHUNK", 2)  # several chunks, so the continuation is exercised
    leaving, first, second = (
        invite(api, tenant, "Sales", n) for n in ("Leaving Lou", "First Fay", "Second Sam")
    )
    source = leaving.tokens["user_id"]
    targets = [first.tokens["user_id"], second.tokens["user_id"]]
    lead_ids = []
    for n in range(3):
        status, lead = api.call(
            "POST", "/leads", {"first_name": f"Lead {n}", "owner_id": source}, tenant.token
        )
        assert status == 201, lead
        lead_ids.append(lead["lead_id"])
    # A won lead is not open work: it keeps its owner.
    stages = api.call("GET", "/pipelines", None, tenant.token)[1]["items"][0]["stages"]
    won = next(s for s in stages if s["kind"] == "won")
    status, closed = api.call("POST", "/leads", {"first_name": "Closed", "owner_id": source}, tenant.token)
    win = {"stage_id": won["stage_id"], "value": 100, "version": closed["version"]}
    moved = api.call("POST", f"/leads/{closed['lead_id']}/stage", win, tenant.token)
    assert moved[0] == 200, moved
    followup = {"type": "call", "due_at": _due(), "assignee_id": source}
    assert api.call("POST", f"/leads/{lead_ids[0]}/followups", followup, tenant.token)[0] == 201
    task = {"title": "Send the quote", "due_at": _due(), "assignee_id": source}
    assert api.call("POST", "/tasks", task, tenant.token)[0] == 201
    assert _open_leads(api, tenant)[source] == 3

    status, job = api.call("POST", f"/team/{source}/reassign", {"to_user_ids": targets}, tenant.token)
    assert status == 202, job
    assert (job["status"], job["leads_total"], job["followups_total"], job["tasks_total"]) == (
        "queued",
        3,
        1,
        1,
    )
    event = DomainEvent(
        detail_type="ReassignmentRequested", tenant_id=tenant.tenant_id, data={"job_id": job["job_id"]}
    )
    chunks = 1
    while reassign.run_chunk(event):
        chunks += 1
    assert reassign.run_chunk(event) is False  # a redelivery after the end changes nothing
    other = sign_up(api, "Other Co")
    assert api.call("GET", f"/reassignments/{job['job_id']}", None, other.token)[0] == 404
    status, done = api.call("GET", f"/reassignments/{job['job_id']}", None, tenant.token)
    assert status == 200 and done["status"] == "done" and chunks >= 3
    assert (done["leads_moved"], done["followups_moved"], done["tasks_moved"]) == (3, 1, 1)

    owners = [api.call("GET", f"/leads/{lead_id}", None, tenant.token)[1]["owner_id"] for lead_id in lead_ids]
    assert sorted(owners) == sorted([targets[0], targets[1], targets[0]])  # round robin
    counts = _open_leads(api, tenant)
    assert (counts[source], counts[targets[0]] + counts[targets[1]]) == (0, 3)
    assert api.call("GET", f"/leads/{closed['lead_id']}", None, tenant.token)[1]["owner_id"] == source
    timeline = api.call("GET", f"/leads/{lead_ids[0]}/timeline", None, tenant.token)[1]
    assert source in str(timeline) and owners[0] in str(timeline)
    followups = api.call("GET", f"/followups?scope=team&assignee_id={source}", None, tenant.token)
    tasks = api.call("GET", f"/tasks?assignee_id={source}", None, tenant.token)
    assert followups[0] == 200 and followups[1]["items"] == [], followups
    assert tasks[0] == 200 and tasks[1]["items"] == [], tasks


def test_a_reassignment_names_users_who_can_take_work(api: Api, tenant: Account) -> None:
    leaving, gone = invite(api, tenant, "Sales"), invite(api, tenant, "Sales")
    source, deactivated = leaving.tokens["user_id"], gone.tokens["user_id"]
    api.call("POST", f"/team/{deactivated}/deactivate", None, tenant.token)
    for to in ([source], [deactivated], ["no-such-user"]):
        status, body = api.call("POST", f"/team/{source}/reassign", {"to_user_ids": to}, tenant.token)
        assert status == 422 and "to_user_ids" in body["error"]["fields"], body
    assert api.call("POST", f"/team/{source}/reassign", {"to_user_ids": []}, tenant.token)[0] == 422
    assert api.call("GET", "/reassignments/01HZZZZZZZZZZZZZZZZZZZZZZZ", None, tenant.token)[0] == 404
