"""Follow-ups through app.py and the followups Lambda against moto: scheduling on a lead, the queue
(mine and the team's, overdue first), complete, snooze, reschedule, and the bad inputs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from convertly.work.domain.due import queue_bucket, zone
from tests.functional.conftest import Account, Api, invite, sign_up
from tests.functional.work.work_support import at, followup, lead


def test_a_followup_is_scheduled_on_a_lead_with_type_note_and_assignee(api: Api, tenant: Account) -> None:
    # Given a lead and a Sales rep of the tenant
    sales = invite(api, tenant, "Sales", name="Sam Sales")
    found = lead(api, tenant)
    due = at(timedelta(hours=3))

    # When the Admin schedules a call for the rep
    status, created = api.call(
        "POST",
        f"/leads/{found['lead_id']}/followups",
        {
            "type": "call",
            "due_at": due,
            "note": "Ask about the garage roof",
            "assignee_id": sales.tokens["user_id"],
        },
        tenant.token,
    )

    # Then it is open, due when asked, the rep's, and listed on the lead with its date added
    assert status == 201, created
    assert created["status"] == "open" and created["due_at"] == due and created["type"] == "call"
    assert created["assignee_id"] == sales.tokens["user_id"] and created["version"] == 1
    status, listed = api.call("GET", f"/leads/{found['lead_id']}/followups", token=tenant.token)
    assert status == 200
    (entry,) = listed["items"]
    assert entry["followup_id"] == created["followup_id"] and entry["lead_name"] == "Maria Garcia"
    assert entry["created_at"] and entry["note"] == "Ask about the garage roof"


def test_manual_actions_are_call_and_sms_followups_in_the_assignees_queue(api: Api, tenant: Account) -> None:
    # Given a rep with a manual SMS and a manual call to do
    sales = invite(api, tenant, "Sales")
    found = lead(api, tenant)
    rep = sales.tokens["user_id"]
    sms = followup(api, tenant, found["lead_id"], type="sms", assignee_id=rep, due_at=at(timedelta(hours=2)))
    call = followup(
        api, tenant, found["lead_id"], type="call", assignee_id=rep, due_at=at(timedelta(hours=1))
    )

    # When the rep opens their queue
    status, page = api.call("GET", "/followups", token=sales.token)

    # Then both are there, soonest first, each with its type, assignee, lead and date added
    assert status == 200, page
    assert [(i["followup_id"], i["type"]) for i in page["items"]] == [
        (call["followup_id"], "call"),
        (sms["followup_id"], "sms"),
    ]
    assert all(
        i["assignee_id"] == rep and i["lead_id"] == found["lead_id"] and i["created_at"]
        for i in page["items"]
    )


def test_the_queue_lists_overdue_first_then_today_then_upcoming(api: Api, tenant: Account) -> None:
    # Given follow-ups due next week, soon, and two hours ago
    found = lead(api, tenant)
    now = datetime.now(UTC)
    upcoming = followup(api, tenant, found["lead_id"], due_at=at(timedelta(days=7)))
    soon = followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=5)))
    overdue = followup(api, tenant, found["lead_id"], due_at=at(timedelta(hours=-2)))

    # When the queue is read
    status, page = api.call("GET", "/followups?scope=mine", token=tenant.token)

    # Then the overdue one leads, and each says where it stands
    assert status == 200, page
    ids = [i["followup_id"] for i in page["items"]]
    assert ids == [overdue["followup_id"], soon["followup_id"], upcoming["followup_id"]]
    buckets = [i["bucket"] for i in page["items"]]
    assert buckets[0] == "overdue" and buckets[2] == "upcoming"
    assert buckets[1] == queue_bucket(soon["due_at"], now, zone("UTC"))


def test_complete_leaves_the_open_queue_and_is_idempotent(api: Api, tenant: Account) -> None:
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"], due_at=at(timedelta(hours=-1)))
    path = f"/leads/{found['lead_id']}/followups/{item['followup_id']}"

    # When it is completed, twice
    status, done = api.call("POST", f"{path}/complete", token=tenant.token)
    again_status, again = api.call("POST", f"{path}/complete", token=tenant.token)

    # Then it is done once, gone from the open queue, first in the done queue
    assert status == 200 and done["status"] == "done" and done["completed_at"] and done["bucket"] == "done"
    assert again_status == 200 and again["completed_at"] == done["completed_at"]
    open_ids = [i["followup_id"] for i in api.call("GET", "/followups", token=tenant.token)[1]["items"]]
    assert item["followup_id"] not in open_ids
    done_page = api.call("GET", "/followups?status=done", token=tenant.token)[1]
    assert done_page["items"][0]["followup_id"] == item["followup_id"]
    # And reopening puts it back
    status, reopened = api.call("POST", f"{path}/reopen", token=tenant.token)
    assert status == 200 and reopened["status"] == "open" and reopened["completed_at"] is None


def test_snooze_moves_it_in_the_queue_but_keeps_the_due_time(api: Api, tenant: Account) -> None:
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"], due_at=at(timedelta(hours=-1)))
    path = f"/leads/{found['lead_id']}/followups/{item['followup_id']}"

    # When it is snoozed for two days
    status, snoozed = api.call("POST", f"{path}/snooze", {"minutes": 2 * 24 * 60}, tenant.token)

    # Then it needs attention in two days, no longer overdue, with its due time kept
    assert status == 200, snoozed
    assert snoozed["due_at"] == item["due_at"] and snoozed["snoozed_until"] == snoozed["attention_at"]
    assert snoozed["attention_at"] > at(timedelta(days=1)) and snoozed["bucket"] == "upcoming"
    # And a snooze into the past, or with neither or both of until and minutes, is refused
    assert api.call("POST", f"{path}/snooze", {"until": at(timedelta(hours=-1))}, tenant.token)[0] == 422
    assert api.call("POST", f"{path}/snooze", {}, tenant.token)[0] == 422
    both = {"minutes": 5, "until": at(timedelta(hours=1))}
    assert api.call("POST", f"{path}/snooze", both, tenant.token)[0] == 422


def test_reschedule_changes_the_due_time_ends_the_snooze_and_checks_the_version(
    api: Api, tenant: Account
) -> None:
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"])
    path = f"/leads/{found['lead_id']}/followups/{item['followup_id']}"
    snoozed = api.call("POST", f"{path}/snooze", {"minutes": 30}, tenant.token)[1]
    new_due = at(timedelta(days=3))

    # When it is rescheduled with the version last seen
    status, moved = api.call("PATCH", path, {"due_at": new_due, "version": snoozed["version"]}, tenant.token)

    # Then it is due then, unsnoozed, one version on
    assert status == 200, moved
    assert moved["due_at"] == new_due and moved["snoozed_until"] is None
    assert moved["version"] == snoozed["version"] + 1
    # And an edit from an older version is a 409 carrying the current follow-up
    status, stale = api.call("PATCH", path, {"note": "x", "version": snoozed["version"]}, tenant.token)
    assert status == 409 and stale["error"]["code"] == "stale_version"
    assert stale["error"]["details"]["followup"]["version"] == moved["version"]


@pytest.mark.parametrize(
    "due_at",
    [
        "2026-02-30T10:00:00Z",  # no such day
        "2026-13-01T10:00:00Z",
        "2026-05-01T25:00:00Z",
        "tomorrow",
        "2026-05-01",  # no time
        "2026-05-01T10:00:00",  # no zone
        "05/01/2026 10:00",
        "1777777777",
        "3026-05-01T10:00:00Z",
    ],
)
def test_a_due_time_in_an_impossible_format_is_422(api: Api, tenant: Account, due_at: str) -> None:
    found = lead(api, tenant)
    status, body = api.call(
        "POST", f"/leads/{found['lead_id']}/followups", {"type": "call", "due_at": due_at}, tenant.token
    )
    assert status == 422, body
    assert "due_at" in body["error"]["fields"]


def test_an_unknown_type_is_422(api: Api, tenant: Account) -> None:
    found = lead(api, tenant)
    body = {"type": "fax", "due_at": at(timedelta(hours=1))}
    status, answer = api.call("POST", f"/leads/{found['lead_id']}/followups", body, tenant.token)
    assert status == 422 and "type" in answer["error"]["fields"]


def test_assigning_to_a_user_of_another_tenant_is_404(api: Api, tenant: Account) -> None:
    # Given a user of another tenant
    other = invite(api, sign_up(api, "Other Co"), "Sales")
    found = lead(api, tenant)

    # When the Admin assigns a follow-up to them
    body = {"type": "call", "due_at": at(timedelta(hours=1)), "assignee_id": other.tokens["user_id"]}
    status, answer = api.call("POST", f"/leads/{found['lead_id']}/followups", body, tenant.token)

    # Then that user is simply not found, and nothing was written
    assert status == 404 and answer["error"]["code"] == "assignee_not_found"
    assert api.call("GET", f"/leads/{found['lead_id']}/followups", token=tenant.token)[1]["items"] == []
    # And another tenant's lead is not found either
    status, _ = api.call(
        "POST",
        f"/leads/{found['lead_id']}/followups",
        {"type": "call", "due_at": at(timedelta(hours=1))},
        other.token,
    )
    assert status in (403, 404)


def test_staff_cannot_be_given_a_followup(api: Api, tenant: Account) -> None:
    staff = invite(api, tenant, "Staff")
    found = lead(api, tenant)
    body = {"type": "call", "due_at": at(timedelta(hours=1)), "assignee_id": staff.tokens["user_id"]}
    status, answer = api.call("POST", f"/leads/{found['lead_id']}/followups", body, tenant.token)
    assert status == 422 and "assignee_id" in answer["error"]["fields"]


def test_sales_works_only_their_own_followups(api: Api, tenant: Account) -> None:
    # Given a rep with their own lead, and a follow-up the Admin keeps for themself on it
    sales = invite(api, tenant, "Sales")
    own = lead(api, sales, name="Own")
    admins = followup(api, tenant, own["lead_id"])

    # Then the rep schedules their own, but cannot give one to the Admin
    mine = followup(api, sales, own["lead_id"])
    assert mine["assignee_id"] == sales.tokens["user_id"]
    body = {"type": "call", "due_at": at(timedelta(hours=1)), "assignee_id": admins["assignee_id"]}
    status, answer = api.call("POST", f"/leads/{own['lead_id']}/followups", body, sales.token)
    assert status == 403 and answer["error"]["code"] == "forbidden_assignee"
    # And cannot complete the Admin's, nor see the team's queue
    path = f"/leads/{own['lead_id']}/followups/{admins['followup_id']}/complete"
    assert api.call("POST", path, token=sales.token)[0] == 403
    status, answer = api.call("GET", "/followups?scope=team", token=sales.token)
    assert status == 403 and answer["error"]["code"] == "forbidden_scope"
    # And their queue holds only their own
    ids = [i["followup_id"] for i in api.call("GET", "/followups", token=sales.token)[1]["items"]]
    assert ids == [mine["followup_id"]]
    # And a colleague's lead is out of reach
    other = lead(api, tenant, name="Theirs")
    body = {"type": "call", "due_at": at(timedelta(hours=1))}
    assert api.call("POST", f"/leads/{other['lead_id']}/followups", body, sales.token)[0] == 403


def test_staff_read_the_team_queue_but_write_nothing(api: Api, tenant: Account) -> None:
    staff = invite(api, tenant, "Staff")
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"])

    status, page = api.call("GET", "/followups?scope=team", token=staff.token)
    assert status == 200 and item["followup_id"] in [i["followup_id"] for i in page["items"]]
    body = {"type": "call", "due_at": at(timedelta(hours=1))}
    status, answer = api.call("POST", f"/leads/{found['lead_id']}/followups", body, staff.token)
    assert status == 403 and answer["error"]["code"] == "forbidden_role"


def test_the_team_queue_filters_by_assignee_and_pages_with_a_cursor(api: Api, tenant: Account) -> None:
    sales = invite(api, tenant, "Sales")
    found = lead(api, tenant)
    rep = sales.tokens["user_id"]
    theirs = [
        followup(api, tenant, found["lead_id"], assignee_id=rep, due_at=at(timedelta(hours=n)))
        for n in (1, 2, 3)
    ]
    followup(api, tenant, found["lead_id"])  # the Admin's own

    first = api.call("GET", f"/followups?scope=team&assignee_id={rep}&limit=2", token=tenant.token)[1]
    second = api.call(
        "GET",
        f"/followups?scope=team&assignee_id={rep}&limit=2&cursor={first['next_cursor']}",
        token=tenant.token,
    )[1]

    assert [i["followup_id"] for i in first["items"] + second["items"]] == [t["followup_id"] for t in theirs]
    assert second["next_cursor"] is None
    # And a cursor from another queue is refused
    status, _ = api.call(
        "GET", f"/followups?scope=team&limit=2&cursor={first['next_cursor']}", token=tenant.token
    )
    assert status == 400


def test_a_deleted_followup_is_gone_and_a_deleted_lead_takes_none(api: Api, tenant: Account) -> None:
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"])
    path = f"/leads/{found['lead_id']}/followups/{item['followup_id']}"

    assert api.call("DELETE", path, token=tenant.token)[0] == 200
    assert api.call("GET", f"/leads/{found['lead_id']}/followups", token=tenant.token)[1]["items"] == []
    assert api.call("POST", f"{path}/complete", token=tenant.token)[0] == 404
    # And a deleted lead takes no new follow-up
    assert api.call("DELETE", f"/leads/{found['lead_id']}", token=tenant.token)[0] == 200
    body = {"type": "call", "due_at": at(timedelta(hours=1))}
    status, answer = api.call("POST", f"/leads/{found['lead_id']}/followups", body, tenant.token)
    assert status == 409 and answer["error"]["code"] == "lead_deleted"


def test_a_bad_time_zone_is_422(api: Api, tenant: Account) -> None:
    status, answer = api.call("GET", "/followups?tz=Mars/Olympus", token=tenant.token)
    assert status == 422 and "tz" in answer["error"]["fields"]
