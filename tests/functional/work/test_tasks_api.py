"""Tasks through app.py and the tasks Lambda against moto: create, edit, the queue's filters and
sorts, bulk complete, roles, and the bad inputs."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.functional.conftest import Account, Api, invite, sign_up
from tests.functional.work.work_support import at, lead, task


def ids(page: dict) -> list[str]:
    return [item["task_id"] for item in page["items"]]


def test_a_task_has_title_description_due_priority_status_and_a_linked_lead(
    api: Api, tenant: Account
) -> None:
    found = lead(api, tenant)
    due = at(timedelta(days=2))

    created = task(
        api,
        tenant,
        title="Measure the roof",
        description="Bring the ladder",
        due_at=due,
        priority="high",
        lead_id=found["lead_id"],
    )

    assert created["status"] == "open" and created["priority"] == "high" and created["due_at"] == due
    assert created["assignee_id"] == tenant.tokens.get("user_id", created["assignee_id"])
    assert created["lead_id"] == found["lead_id"] and created["lead_name"] == "Maria Garcia"
    status, read = api.call("GET", f"/tasks/{created['task_id']}", token=tenant.token)
    assert status == 200 and read["description"] == "Bring the ladder" and read["lead_name"] == "Maria Garcia"
    # And the lead's tasks list it
    assert ids(api.call("GET", f"/tasks?lead_id={found['lead_id']}", token=tenant.token)[1]) == [
        created["task_id"]
    ]


def test_status_moves_through_in_progress_to_done_and_back(api: Api, tenant: Account) -> None:
    created = task(api, tenant)
    path = f"/tasks/{created['task_id']}"

    started = api.call("PATCH", path, {"status": "in_progress", "version": 1}, tenant.token)[1]
    done = api.call("PATCH", path, {"status": "done", "version": started["version"]}, tenant.token)[1]
    reopened = api.call("PATCH", path, {"status": "open", "version": done["version"]}, tenant.token)[1]

    assert started["status"] == "in_progress" and started["completed_at"] is None
    assert done["status"] == "done" and done["completed_at"] and done["bucket"] == "done"
    assert reopened["status"] == "open" and reopened["completed_at"] is None
    status, stale = api.call("PATCH", path, {"title": "x", "version": 1}, tenant.token)
    assert status == 409 and stale["error"]["code"] == "stale_version"


def test_the_queue_filters_by_status_assignee_overdue_and_due_range(api: Api, tenant: Account) -> None:
    sales = invite(api, tenant, "Sales")
    rep = sales.tokens["user_id"]
    late = task(api, tenant, title="late", due_at=at(timedelta(days=-1)))
    soon = task(api, tenant, title="soon", due_at=at(timedelta(days=1)), assignee_id=rep)
    later = task(api, tenant, title="later", due_at=at(timedelta(days=10)), status="in_progress")
    finished = task(api, tenant, title="finished", due_at=at(timedelta(days=2)))
    api.call("POST", "/tasks/bulk-complete", {"task_ids": [finished["task_id"]]}, tenant.token)

    def listed(query: str) -> list[str]:
        status, page = api.call("GET", f"/tasks?{query}", token=tenant.token)
        assert status == 200, page
        return ids(page)

    # Without filters: the active ones, soonest due first
    assert listed("") == [late["task_id"], soon["task_id"], later["task_id"]]
    assert listed("status=done") == [finished["task_id"]]
    assert listed("status=in_progress") == [later["task_id"]]
    assert listed(f"assignee_id={rep}") == [soon["task_id"]]
    assert listed("overdue=true") == [late["task_id"]]
    day_after = (at(timedelta(days=2)))[:10]
    assert listed(f"due_from={at(timedelta(hours=1))[:10]}&due_to={day_after}") == [soon["task_id"]]
    assert listed("sort=-due_at") == [later["task_id"], soon["task_id"], late["task_id"]]


def test_priority_sort_puts_the_most_urgent_first(api: Api, tenant: Account) -> None:
    low = task(api, tenant, priority="low", due_at=at(timedelta(hours=1)))
    urgent = task(api, tenant, priority="urgent", due_at=at(timedelta(days=3)))
    high_soon = task(api, tenant, priority="high", due_at=at(timedelta(hours=2)))
    high_later = task(api, tenant, priority="high", due_at=at(timedelta(days=2)))

    page = api.call("GET", "/tasks?sort=priority", token=tenant.token)[1]
    reverse = api.call("GET", "/tasks?sort=-priority", token=tenant.token)[1]
    only_high = api.call("GET", "/tasks?priority=high&sort=priority", token=tenant.token)[1]

    order = [urgent["task_id"], high_soon["task_id"], high_later["task_id"], low["task_id"]]
    assert ids(page) == order
    assert ids(reverse) == list(reversed(order))
    assert ids(only_high) == [high_soon["task_id"], high_later["task_id"]]


def test_bulk_complete_reports_each_task(api: Api, tenant: Account) -> None:
    first, second = task(api, tenant), task(api, tenant)
    elsewhere = task(api, sign_up(api, "Elsewhere Ltd"))
    api.call("POST", "/tasks/bulk-complete", {"task_ids": [second["task_id"]]}, tenant.token)

    status, result = api.call(
        "POST",
        "/tasks/bulk-complete",
        {"task_ids": [first["task_id"], second["task_id"], elsewhere["task_id"], "nope"]},
        tenant.token,
    )

    assert status == 200, result
    assert result == {
        "completed": [first["task_id"]],
        "already_done": [second["task_id"]],
        "not_found": [elsewhere["task_id"], "nope"],
        "forbidden": [],
    }
    assert api.call("GET", f"/tasks/{first['task_id']}", token=tenant.token)[1]["status"] == "done"
    assert api.call("POST", "/tasks/bulk-complete", {"task_ids": []}, tenant.token)[0] == 422


def test_sales_and_staff_see_and_work_only_their_own_tasks(api: Api, tenant: Account) -> None:
    sales, staff = invite(api, tenant, "Sales"), invite(api, tenant, "Staff")
    admins = task(api, tenant)
    given = task(api, tenant, assignee_id=staff.tokens["user_id"])
    own = task(api, sales)

    # Each sees their own only
    assert ids(api.call("GET", "/tasks", token=sales.token)[1]) == [own["task_id"]]
    assert ids(api.call("GET", "/tasks", token=staff.token)[1]) == [given["task_id"]]
    status, answer = api.call(
        "GET", f"/tasks?assignee_id={tenant.tokens.get('user_id', 'x')}", token=sales.token
    )
    assert status == 403
    assert api.call("GET", f"/tasks/{admins['task_id']}", token=sales.token)[0] == 403
    # Staff completes the task given to them, but hands out none
    done = api.call("PATCH", f"/tasks/{given['task_id']}", {"status": "done", "version": 1}, staff.token)
    assert done[0] == 200 and done[1]["status"] == "done"
    body = {"title": "x", "due_at": at(timedelta(days=1)), "assignee_id": sales.tokens["user_id"]}
    status, answer = api.call("POST", "/tasks", body, staff.token)
    assert status == 403 and answer["error"]["code"] == "forbidden_assignee"
    # Bulk complete skips what is not theirs
    result = api.call(
        "POST", "/tasks/bulk-complete", {"task_ids": [admins["task_id"], own["task_id"]]}, sales.token
    )[1]
    assert result["forbidden"] == [admins["task_id"]] and result["completed"] == [own["task_id"]]
    # And a task linked to a colleague's lead is out of reach for Sales
    theirs = lead(api, tenant, name="Theirs")
    body = {"title": "x", "due_at": at(timedelta(days=1)), "lead_id": theirs["lead_id"]}
    assert api.call("POST", "/tasks", body, sales.token)[0] == 403


def test_assigning_to_a_user_of_another_tenant_is_404(api: Api, tenant: Account) -> None:
    other = invite(api, sign_up(api, "Other Co"), "Manager")
    body = {"title": "x", "due_at": at(timedelta(days=1)), "assignee_id": other.tokens["user_id"]}
    status, answer = api.call("POST", "/tasks", body, tenant.token)
    assert status == 404 and answer["error"]["code"] == "assignee_not_found"
    created = task(api, tenant)
    status, answer = api.call(
        "PATCH",
        f"/tasks/{created['task_id']}",
        {"assignee_id": other.tokens["user_id"], "version": 1},
        tenant.token,
    )
    assert status == 404 and answer["error"]["code"] == "assignee_not_found"
    # And another tenant's task is not found
    assert api.call("GET", f"/tasks/{created['task_id']}", token=other.token)[0] == 404


@pytest.mark.parametrize(
    "due_at", ["2026-02-29T09:00:00Z", "next friday", "2026-05-01T09:00", "2026-05-01", ""]
)
def test_a_due_time_in_an_impossible_format_is_422(api: Api, tenant: Account, due_at: str) -> None:
    status, answer = api.call("POST", "/tasks", {"title": "x", "due_at": due_at}, tenant.token)
    assert status == 422 and "due_at" in answer["error"]["fields"], answer


@pytest.mark.parametrize(
    "query", ["due_from=2026-02-30", "due_to=soon", "status=later", "sort=title", "overdue=true&status=done"]
)
def test_bad_queue_filters_are_422(api: Api, tenant: Account, query: str) -> None:
    status, answer = api.call("GET", f"/tasks?{query}", token=tenant.token)
    assert status == 422, answer


def test_a_linked_lead_must_exist_in_the_tenant(api: Api, tenant: Account) -> None:
    body = {"title": "x", "due_at": at(timedelta(days=1)), "lead_id": "01HZZZZZZZZZZZZZZZZZZZZZZZ"}
    status, answer = api.call("POST", "/tasks", body, tenant.token)
    assert status == 404 and answer["error"]["code"] == "lead_not_found"
