"""The lead list's total: from the stage counters where they hold the answer (all live leads, one
stage's, one owner's), and null where no counter does (a source, a date range, the deleted leads)."""

from __future__ import annotations

from typing import Any

from tests.functional.conftest import Account, Api, invite


def page(api: Api, account: Account, query: str = "") -> dict[str, Any]:
    status, body = api.call("GET", f"/leads?limit=2{query}", token=account.token)
    assert status == 200, body
    return dict(body)


def test_the_total_counts_the_whole_list_not_the_page(api: Api, tenant: Account) -> None:
    _, pipelines = api.call("GET", "/pipelines", token=tenant.token)
    stages = {stage["name"]: stage["stage_id"] for stage in pipelines["items"][0]["stages"]}
    rep = invite(api, tenant, "Sales", "Rita Rep")
    rep_id = rep.tokens["user_id"]
    made = []
    for index in range(5):
        body = {"first_name": f"Total{index}", "source": "referral" if index == 0 else "manual"}
        if index < 2:
            body["owner_id"] = rep_id
        status, lead = api.call("POST", "/leads", body, tenant.token)
        assert status == 201, lead
        made.append(lead)
    moved = made[4]
    status, _ = api.call(
        "POST",
        f"/leads/{moved['lead_id']}/stage",
        {"stage_id": stages["Contacted"], "version": moved["version"]},
        tenant.token,
    )
    assert status == 200

    first = page(api, tenant)
    assert len(first["items"]) == 2 and first["next_cursor"] and first["total"] == 5
    assert page(api, tenant, f"&cursor={first['next_cursor']}")["total"] == 5
    assert page(api, tenant, f"&stage_id={stages['Contacted']}")["total"] == 1
    assert page(api, tenant, f"&stage_id={stages['New']}")["total"] == 4
    assert page(api, tenant, f"&owner_id={rep_id}")["total"] == 2
    assert page(api, tenant, "&sort=name&order=asc")["total"] == 5
    # The rep's own list counts the rep's leads only
    assert page(api, rep)["total"] == 2

    # No counter holds a source's, a date range's or the deleted leads' number
    assert page(api, tenant, "&source=referral")["total"] is None
    assert page(api, tenant, "&created_from=2020-01-01")["total"] is None
    assert page(api, tenant, "&deleted=true")["total"] is None

    # A deleted lead leaves the total at once
    assert api.call("DELETE", f"/leads/{made[3]['lead_id']}", token=tenant.token)[0] == 200
    assert page(api, tenant)["total"] == 4
