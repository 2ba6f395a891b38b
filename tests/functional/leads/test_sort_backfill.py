"""The backfill gives leads from before the list's sorts their sort keys: live leads only, resumable
from where a run stopped, writing nothing the second time and moving no lead's version."""

from __future__ import annotations

from typing import Any

from convertly.leads import keys
from convertly.leads.items import LeadItem
from convertly.leads.sort_backfill import SORT_KEYS, _key, backfill_tenant
from functions.leads_sort_backfill.handler import handler as backfill_handler
from tests.functional.conftest import Account, Api
from tests.functional.platform.test_events import Ctx as _Ctx


class Ctx(_Ctx):
    def get_remaining_time_in_millis(self) -> int:
        return 900_000


def create(api: Api, account: Account, name: str, value: str) -> dict[str, Any]:
    status, lead = api.call(
        "POST", "/leads", {"first_name": name, "value": value, "email": f"{name}@bf.test"}, account.token
    )
    assert status == 201, lead
    return dict(lead)


def from_before_the_sorts(account: Account, lead_id: str) -> None:
    """The lead as a release before the sorts left it: none of their keys."""
    LeadItem._get_connection().update_item(
        keys.lead(account.tenant_id, lead_id),
        range_key=keys.LEAD_SK,
        actions=[getattr(LeadItem, name).remove() for name in SORT_KEYS],
    )


def by_value(api: Api, account: Account) -> list[str]:
    status, page = api.call("GET", "/leads?sort=value&limit=100", token=account.token)
    assert status == 200, page
    return [lead["first_name"] for lead in page["items"]]


def test_the_backfill_puts_old_leads_in_the_sorts_once_and_leaves_deleted_ones_out(
    api: Api, tenant: Account
) -> None:
    # Given five leads from before the sorts, one of them deleted
    made = [
        create(api, tenant, name, value)
        for name, value in (("a", "5"), ("b", "50"), ("c", "20"), ("d", "1"), ("e", "9"))
    ]
    assert api.call("DELETE", f"/leads/{made[4]['lead_id']}", token=tenant.token)[0] == 200
    for lead in made:
        from_before_the_sorts(tenant, lead["lead_id"])
    assert by_value(api, tenant) == []
    versions = {
        lead["lead_id"]: api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)[1]["version"]
        for lead in made
    }

    # When the backfill runs a page of two, then stops (its time is up)
    calls = iter([True, False])
    first = backfill_tenant(tenant.tenant_id, keep_going=lambda: next(calls), page=2)
    assert (first.done, first.leads_seen, first.leads_keyed) == (False, 2, 2)
    assert first.cursor is not None

    # And the function goes on from where it stopped until nothing is pending
    answer = backfill_handler({"pending": {tenant.tenant_id: first.cursor}}, Ctx())
    assert answer["pending"] == {}
    assert answer["reports"][0]["leads_keyed"] == 2

    # Then the live leads are in the value sort, in order, and the deleted one is not
    assert by_value(api, tenant) == ["b", "c", "a", "d"]
    # And no lead's version moved (an open editor is not told someone changed it)
    for lead_id, version in versions.items():
        assert api.call("GET", f"/leads/{lead_id}", token=tenant.token)[1]["version"] == version
    # And a second run reads them all and writes nothing
    again = backfill_handler({"tenant_ids": [tenant.tenant_id]}, Ctx())
    assert again["reports"][0]["leads_seen"] == 4 and again["reports"][0]["leads_keyed"] == 0
    # And the restored lead comes back through its own write
    assert api.call("POST", f"/leads/{made[4]['lead_id']}/restore", token=tenant.token)[0] == 200
    assert by_value(api, tenant) == ["b", "c", "e", "a", "d"]


def test_a_lead_written_since_the_read_keeps_what_its_write_gave_it(api: Api, tenant: Account) -> None:
    # Given a lead from before the sorts, read by the backfill, then edited before its write
    lead = create(api, tenant, "f", "3")
    from_before_the_sorts(tenant, lead["lead_id"])
    stale = LeadItem.get(keys.lead(tenant.tenant_id, lead["lead_id"]), keys.LEAD_SK, consistent_read=True)
    status, edited = api.call(
        "PATCH", f"/leads/{lead['lead_id']}", {"value": "77", "version": lead["version"]}, tenant.token
    )
    assert status == 200, edited
    # When the backfill writes from its stale read
    assert _key(stale) is False
    # Then the lead keeps the keys of its edit
    current = LeadItem.get(keys.lead(tenant.tenant_id, lead["lead_id"]), keys.LEAD_SK, consistent_read=True)
    wanted = keys.value_sort(7700, lead["lead_id"])
    assert wanted == current.GSI8SK
