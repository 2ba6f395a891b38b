"""The bell: list with a cursor, unread count from the counter, mark read, mark all read."""

from __future__ import annotations

import time

from convertly.notifications.notifier import notify
from convertly.platform.clock import new_id
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.stream import event_from_stream_image
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up
from tests.functional.pipelines.test_stage_change import create
from tests.functional.platform.test_events import outbox_records


def deliver(aws: LocalAws, tenant_id: str) -> None:
    """What the notifier does with the tenant's events (the fan-out tests cover the way there)."""
    for record in outbox_records(aws, tenant_id):
        notify(event_from_stream_image(record["dynamodb"]["NewImage"]))


def assigned(api: Api, aws: LocalAws, count: int) -> tuple[Account, Account, list[str]]:
    """A tenant whose Admin assigned `count` new leads to a Sales rep, notified."""
    admin = sign_up(api, "Bell Co")
    sales = invite(api, admin, "Sales")
    names = [
        create(api, admin, first_name=f"Lead{n}", owner_id=sales.tokens["user_id"])["name"]
        for n in range(count)
    ]
    deliver(aws, admin.tenant_id)
    return admin, sales, names


def test_the_list_pages_newest_first_with_the_unread_count(api: Api, aws: LocalAws) -> None:
    _, sales, names = assigned(api, aws, 5)
    seen, cursor = [], ""
    while True:
        status, page = api.call("GET", f"/notifications?limit=2{cursor}", token=sales.token)
        assert status == 200, page
        assert page["unread_count"] == 5
        seen += page["items"]
        if not page["next_cursor"]:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert [n["body"].split(" ")[0] for n in seen] == list(reversed(names))
    # each names its lead, so the bell can say whose a run of updates is
    assert [n["lead_name"] for n in seen] == list(reversed(names))
    assert {(n["kind"], n["title"], n["read"]) for n in seen} == {
        ("lead_assigned", "New lead assigned to you", False)
    }
    assert api.call("GET", "/notifications/unread-count", token=sales.token)[1] == {"unread_count": 5}


def test_marking_one_read_counts_once_and_only_for_its_owner(api: Api, aws: LocalAws) -> None:
    admin, sales, _ = assigned(api, aws, 2)
    _, page = api.call("GET", "/notifications", token=sales.token)
    first = page["items"][0]["notification_id"]
    # When the rep marks one read, twice
    for _ in range(2):
        status, marked = api.call("POST", f"/notifications/{first}/read", token=sales.token)
        assert status == 200 and marked["read"] and marked["read_at"]
    # Then it counts once
    assert api.call("GET", "/notifications/unread-count", token=sales.token)[1] == {"unread_count": 1}
    # And nobody else can mark it (it is not in their notifications), nor an unknown one
    assert api.call("POST", f"/notifications/{first}/read", token=admin.token)[0] == 404
    assert api.call("POST", "/notifications/01NOSUCHNOTIFICATION00000/read", token=sales.token)[0] == 404


def test_mark_all_read_is_one_write_and_later_notifications_count_again(api: Api, aws: LocalAws) -> None:
    admin, sales, _ = assigned(api, aws, 3)
    older = new_id()  # an event that happened now, but whose notification arrives after "mark all read"
    time.sleep(0.002)  # ids order by the millisecond: "mark all read" must come in a later one than the event
    # When the rep marks everything read
    status, body = api.call("POST", "/notifications/read-all", token=sales.token)
    assert (status, body) == (200, {"unread_count": 0})
    # Then every notification reads as read, and none counts
    _, page = api.call("GET", "/notifications", token=sales.token)
    assert page["unread_count"] == 0 and all(n["read"] for n in page["items"])
    # And a late notification of an earlier event arrives read, counting nothing
    user_id = sales.tokens["user_id"]
    late = {"lead": {"name": "Late", "owner_id": user_id}}
    notify(
        DomainEvent(
            detail_type="LeadCreated", tenant_id=admin.tenant_id, event_id=older, subject_id="L1", data=late
        )
    )
    _, page = api.call("GET", "/notifications", token=sales.token)
    assert page["unread_count"] == 0 and all(n["read"] for n in page["items"])
    # While a new one counts again
    create(api, admin, first_name="Fresh", owner_id=user_id)
    deliver(aws, admin.tenant_id)
    _, page = api.call("GET", "/notifications", token=sales.token)
    assert page["unread_count"] == 1
    assert [(n["body"], n["read"]) for n in page["items"][:1]] == [("Fresh (manual)", False)]


def test_nobody_is_notified_of_their_own_action(api: Api, aws: LocalAws) -> None:
    admin = sign_up(api, "Quiet Co")
    sales = invite(api, admin, "Sales")
    create(api, sales, first_name="Self-made")  # assigned to themselves
    deliver(aws, admin.tenant_id)
    assert api.call("GET", "/notifications/unread-count", token=sales.token)[1] == {"unread_count": 0}
