"""Smart lists: saved filters over contacts with an order, members kept by the consumer as contacts
and leads change, pages that read the page, search within a list, per-user columns."""

from __future__ import annotations

from typing import Any

from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.stream import event_from_stream_image
from functions.smart_lists.handler import handler as lists_handler
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up
from tests.functional.platform.test_events import Ctx as _Ctx
from tests.functional.platform.test_events import outbox_records, sqs_batch


class Ctx(_Ctx):
    def get_remaining_time_in_millis(self) -> int:
        return 60_000


class Consumer:
    """Delivers the tenant's new outbox events to the smart lists consumer, as the bus and queue do."""

    def __init__(self, aws: LocalAws, account: Account) -> None:
        self.aws, self.account = aws, account
        self.seen: set[str] = set()

    def drain(self) -> None:
        while True:
            events = [
                event_from_stream_image(r["dynamodb"]["NewImage"])
                for r in outbox_records(self.aws, self.account.tenant_id)
            ]
            new = [e for e in events if e.event_id not in self.seen]
            if not new:
                return
            self.seen |= {e.event_id for e in new}
            assert lists_handler(_batch(new), Ctx()) == {"batchItemFailures": []}


def _batch(events: list[DomainEvent]) -> dict[str, Any]:
    return sqs_batch(events, "convertly-smart-lists")


def contact(api: Api, account: Account, **fields: Any) -> dict[str, Any]:
    status, created = api.call("POST", "/contacts", fields, account.token)
    assert status == 201, created
    return dict(created)


def names(api: Api, account: Account, list_id: str, query: str = "", token: str | None = None) -> list[str]:
    status, page = api.call("GET", f"/smart-lists/{list_id}/contacts?{query}", token=token or account.token)
    assert status == 200, page
    return [c["first_name"] for c in page["items"]]


def test_a_saved_list_holds_the_contacts_its_filters_match_in_its_order(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    consumer = Consumer(aws, tenant)
    contact(api, tenant, first_name="Zoe", email="zoe@example.test", tags=["vip"], role="Client")
    contact(api, tenant, first_name="Amy", email="amy@example.test", tags=["VIP", "golf"])
    contact(api, tenant, first_name="Bob", email="bob@example.test", tags=["golf"])
    contact(api, tenant, first_name="Tess", email="tess@example.test", tags=["vip"], test=True)
    # When a list of VIPs by name is saved and built
    status, saved = api.call(
        "POST", "/smart-lists", {"name": "VIPs", "filters": {"tags": ["vip"]}, "sort": "name"}, tenant.token
    )
    assert status == 201 and saved["status"] == "building", saved
    consumer.drain()
    # Then it holds the VIPs (test contacts left out), A to Z, with its count
    assert names(api, tenant, saved["list_id"]) == ["Amy", "Zoe"]
    _, ready = api.call("GET", f"/smart-lists/{saved['list_id']}", token=tenant.token)
    assert (ready["status"], ready["members"]) == ("ready", 2)
    # And it follows changes: Bob becomes a VIP, Zoe stops being one
    bob = api.call("GET", "/contacts?q=bob", token=tenant.token)[1]["items"][0]
    api.call(
        "PATCH",
        f"/contacts/{bob['contact_id']}",
        {"tags": ["golf", "vip"], "version": bob["version"]},
        tenant.token,
    )
    zoe = api.call("GET", "/contacts?q=zoe", token=tenant.token)[1]["items"][0]
    api.call("PATCH", f"/contacts/{zoe['contact_id']}", {"tags": [], "version": zoe["version"]}, tenant.token)
    consumer.drain()
    assert names(api, tenant, saved["list_id"]) == ["Amy", "Bob"]
    assert api.call("GET", f"/smart-lists/{saved['list_id']}", token=tenant.token)[1]["members"] == 2
    # And search within it takes 3 characters and finds members only
    assert names(api, tenant, saved["list_id"], "q=amy") == ["Amy"]
    assert names(api, tenant, saved["list_id"], "q=zoe") == []
    status, body = api.call("GET", f"/smart-lists/{saved['list_id']}/contacts?q=am", token=tenant.token)
    assert status == 422 and "q" in body["error"]["fields"]


def test_lead_conditions_follow_the_leads(api: Api, aws: LocalAws, tenant: Account) -> None:
    consumer = Consumer(aws, tenant)
    _, pipelines = api.call("GET", "/pipelines", token=tenant.token)
    stages = pipelines["items"][0]["stages"]
    won = next(s for s in stages if s["kind"] == "won")
    with_lead = contact(api, tenant, first_name="Open", email="open@example.test")
    contact(api, tenant, first_name="None", email="none@example.test")
    _, lead = api.call("POST", "/leads", {"contact_id": with_lead["contact_id"]}, tenant.token)
    _, saved = api.call(
        "POST", "/smart-lists", {"name": "Open leads", "filters": {"has_open_lead": True}}, tenant.token
    )
    _, by_stage = api.call(
        "POST",
        "/smart-lists",
        {"name": "Won", "filters": {"lead_stage_ids": [won["stage_id"]]}},
        tenant.token,
    )
    consumer.drain()
    assert names(api, tenant, saved["list_id"]) == ["Open"] and names(api, tenant, by_stage["list_id"]) == []
    # When the lead is won, the contact has no open lead and has a lead in the won stage
    api.call(
        "POST",
        f"/leads/{lead['lead_id']}/stage",
        {"stage_id": won["stage_id"], "version": lead["version"], "value": "10"},
        tenant.token,
    )
    consumer.drain()
    assert names(api, tenant, saved["list_id"]) == [] and names(api, tenant, by_stage["list_id"]) == ["Open"]


def test_changing_the_filters_rebuilds_and_removes_the_old_members(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    consumer = Consumer(aws, tenant)
    contact(api, tenant, first_name="Cli", email="c@example.test", role="Client")
    contact(api, tenant, first_name="Pro", email="p@example.test", role="Prospect")
    _, saved = api.call(
        "POST", "/smart-lists", {"name": "Clients", "filters": {"roles": ["Client"]}}, tenant.token
    )
    consumer.drain()
    assert names(api, tenant, saved["list_id"]) == ["Cli"]
    status, changed = api.call(
        "PATCH",
        f"/smart-lists/{saved['list_id']}",
        {"filters": {"roles": ["Prospect"]}, "version": saved["version"]},
        tenant.token,
    )
    assert status == 200 and changed["status"] == "building"
    consumer.drain()
    assert names(api, tenant, saved["list_id"]) == ["Pro"]
    assert api.call("GET", f"/smart-lists/{saved['list_id']}", token=tenant.token)[1]["members"] == 1
    # A stale edit is refused
    status, _ = api.call(
        "PATCH", f"/smart-lists/{saved['list_id']}", {"name": "x", "version": saved["version"]}, tenant.token
    )
    assert status == 409


def test_custom_field_conditions_and_columns_per_user(api: Api, aws: LocalAws, tenant: Account) -> None:
    consumer = Consumer(aws, tenant)
    contact(api, tenant, first_name="Big", email="big@example.test", custom_fields={"budget": 9000})
    contact(api, tenant, first_name="Small", email="small@example.test", custom_fields={"budget": 100})
    _, saved = api.call(
        "POST",
        "/smart-lists",
        {
            "name": "Big budgets",
            "filters": {"custom": [{"key": "budget", "op": "gt", "value": 5000}]},
            "visibility": "team",
        },
        tenant.token,
    )
    consumer.drain()
    assert names(api, tenant, saved["list_id"]) == ["Big"]
    # Each user chooses their own columns
    manager = invite(api, tenant, "Manager")
    status, mine = api.call(
        "PUT",
        f"/smart-lists/{saved['list_id']}/columns",
        {"columns": ["name", "tags", "leads"]},
        tenant.token,
    )
    assert status == 200 and mine["columns"] == ["name", "tags", "leads"]
    _, theirs = api.call("GET", f"/smart-lists/{saved['list_id']}", token=manager.token)
    assert theirs["columns"] != ["name", "tags", "leads"]
    status, _ = api.call(
        "PUT", f"/smart-lists/{saved['list_id']}/columns", {"columns": ["nope"]}, tenant.token
    )
    assert status == 422


def test_private_lists_sales_pages_and_tenant_isolation(api: Api, aws: LocalAws, tenant: Account) -> None:
    consumer = Consumer(aws, tenant)
    sales = invite(api, tenant, "Sales", "Sam")
    mine = contact(
        api, tenant, first_name="Mine", email="mine@example.test", owner_id=sales.tokens["user_id"]
    )
    contact(api, tenant, first_name="Theirs", email="theirs@example.test")
    _, private = api.call("POST", "/smart-lists", {"name": "Everyone"}, tenant.token)
    _, shared = api.call("POST", "/smart-lists", {"name": "All", "visibility": "team"}, tenant.token)
    consumer.drain()
    # The Sales user sees the team's list, not the Admin's private one, and only their own contacts in it
    lists = [item["name"] for item in api.call("GET", "/smart-lists", token=sales.token)[1]["items"]]
    assert lists == ["All"]
    assert api.call("GET", f"/smart-lists/{private['list_id']}", token=sales.token)[0] == 404
    assert names(api, tenant, shared["list_id"], token=sales.token) == [mine["first_name"]]
    status, _ = api.call("POST", "/smart-lists", {"name": "Shared", "visibility": "team"}, sales.token)
    assert status == 403
    # Another tenant finds none of them
    other = sign_up(api, "Other Co")
    for path in (f"/smart-lists/{shared['list_id']}", f"/smart-lists/{shared['list_id']}/contacts"):
        assert api.call("GET", path, token=other.token)[0] == 404
    # A deleted list is gone, its members deleted by the consumer
    assert api.call("DELETE", f"/smart-lists/{shared['list_id']}", token=tenant.token)[0] == 204
    consumer.drain()
    assert api.call("GET", f"/smart-lists/{shared['list_id']}", token=tenant.token)[0] == 404
