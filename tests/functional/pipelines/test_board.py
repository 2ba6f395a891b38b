"""The Kanban board through app.py and the pipelines Lambda: counters, first pages, column pages,
the Sales view and the search box."""

from __future__ import annotations

from typing import Any

from convertly.pipelines import keys as pipelines_keys
from convertly.pipelines.items import StageItem
from convertly.platform.store import keys as platform_keys
from tests.functional.conftest import Account, Api, invite
from tests.functional.pipelines.test_stage_change import create, move, pipeline, stage_id


def board(api: Api, account: Account, found: dict[str, Any], query: str = "") -> dict[str, Any]:
    status, body = api.call("GET", f"/pipelines/{found['pipeline_id']}/board{query}", token=account.token)
    assert status == 200, body
    return dict(body)


def column(answer: dict[str, Any], name: str) -> dict[str, Any]:
    return dict(next(c for c in answer["columns"] if c["name"] == name))


def test_each_column_has_its_counters_and_first_page(api: Api, tenant: Account) -> None:
    # Given three leads in New and one in Qualified
    found = pipeline(api, tenant)
    leads = [create(api, tenant, first_name=f"Lead{n}", value=str(100 * (n + 1))) for n in range(4)]
    move(api, tenant, leads[3], stage_id(found, "Qualified"))
    # When the board opens with two cards per column
    answer = board(api, tenant, found, "?limit=2")
    # Then there is one column per stage in order, with count and value from the counters
    assert [c["name"] for c in answer["columns"]] == [
        "New",
        "Contacted",
        "Qualified",
        "Closed Won",
        "Closed Lost",
    ]
    new, qualified = column(answer, "New"), column(answer, "Qualified")
    assert (new["lead_count"], new["lead_value"]) == (3, 600.0)
    assert (qualified["lead_count"], qualified["lead_value"]) == (1, 400.0)
    # And the first page of each column, newest first, with a cursor where more remain
    assert [card["name"] for card in new["items"]] == ["Lead2", "Lead1"]
    assert new["next_cursor"] and qualified["next_cursor"] is None
    card = qualified["items"][0]
    assert (card["lead_id"], card["value"], card["version"], card["source"]) == (
        leads[3]["lead_id"],
        400.0,
        2,
        "manual",
    )
    assert card["seconds_in_stage"] >= 0 and card["stage_entered_at"]


def test_a_column_pages_through_its_leads_with_its_cursor(api: Api, tenant: Account) -> None:
    found = pipeline(api, tenant)
    created = [create(api, tenant, first_name=f"P{n}")["lead_id"] for n in range(5)]
    new = column(board(api, tenant, found, "?limit=2"), "New")
    seen, cursor = [card["lead_id"] for card in new["items"]], new["next_cursor"]
    path = f"/pipelines/{found['pipeline_id']}/stages/{stage_id(found, 'New')}/leads"
    while cursor:
        status, page = api.call("GET", f"{path}?limit=2&cursor={cursor}", token=tenant.token)
        assert status == 200, page
        seen += [card["lead_id"] for card in page["items"]]
        cursor = page["next_cursor"]
    assert seen == list(reversed(created))
    # A cursor belongs to its column: another column refuses it
    other = f"/pipelines/{found['pipeline_id']}/stages/{stage_id(found, 'Contacted')}/leads"
    status, body = api.call("GET", f"{other}?cursor={new['next_cursor']}", token=tenant.token)
    assert (status, body["error"]["code"]) == (400, "invalid_cursor")
    # And a stage the pipeline does not have is 404
    status, _ = api.call(
        "GET", f"/pipelines/{found['pipeline_id']}/stages/01NOSUCHSTAGE/leads", token=tenant.token
    )
    assert status == 404


def test_a_moved_lead_heads_its_new_column_on_every_board(api: Api, tenant: Account) -> None:
    # Given a Sales rep's oldest lead, and three newer ones already in Qualified
    found = pipeline(api, tenant)
    qualified = stage_id(found, "Qualified")
    sales = invite(api, tenant, "Sales")
    oldest = create(api, sales, first_name="Oldest")
    for n in range(3):
        create(api, sales, first_name=f"Newer{n}", stage_id=qualified, pipeline_id=found["pipeline_id"])
    # When the oldest lead moves to Qualified
    status, moved = move(api, sales, oldest, qualified, seen=True)
    assert status == 200, moved
    # Then a freshly opened board shows it first in Qualified: the team's board and the rep's own
    for viewer in (tenant, sales):
        cards = column(board(api, viewer, found, "?limit=2"), "Qualified")["items"]
        assert [card["name"] for card in cards] == ["Oldest", "Newer2"], viewer.email
        assert cards[0]["stage_entered_at"] == moved["stage_entered_at"]


def test_the_counts_come_from_the_counters_not_from_the_leads(api: Api, tenant: Account) -> None:
    # Given a stage whose counter says 1,234 leads worth 56,789.00 while it holds one
    found = pipeline(api, tenant)
    create(api, tenant)
    counter = StageItem(
        platform_keys.tenant(tenant.tenant_id),
        pipelines_keys.stage_sk(found["pipeline_id"], stage_id(found, "New")),
    )
    counter.update(actions=[StageItem.lead_count.set(1234), StageItem.lead_value.set(5_678_900)])
    # Then the board shows the counter, and only the card it read
    new = column(board(api, tenant, found), "New")
    assert (new["lead_count"], new["lead_value"], len(new["items"])) == (1234, 56789.0, 1)


def test_sales_see_their_own_leads_and_counts(api: Api, tenant: Account) -> None:
    # Given a Sales rep with two leads and a colleague's lead in the same stage
    found = pipeline(api, tenant)
    sales = invite(api, tenant, "Sales")
    own = [create(api, sales, first_name="Mine", value="10") for _ in range(2)]
    create(api, tenant, first_name="Theirs", value="1000")
    move(api, sales, own[1], stage_id(found, "Contacted"))
    # When the rep opens the board
    answer = board(api, sales, found)
    # Then the board is theirs: their cards, their counts and values
    assert answer["owner_id"] == sales.tokens["user_id"]
    new, contacted = column(answer, "New"), column(answer, "Contacted")
    assert [c["name"] for c in new["items"]] == ["Mine"] and (new["lead_count"], new["lead_value"]) == (
        1,
        10.0,
    )
    assert (contacted["lead_count"], len(contacted["items"])) == (1, 1)
    # And they cannot open a colleague's board, while an Admin can open theirs
    status, body = api.call(
        "GET",
        f"/pipelines/{found['pipeline_id']}/board?owner_id=someone-else",
        token=sales.token,
    )
    assert (status, body["error"]["code"]) == (403, "forbidden_owner")
    admin_view = board(api, tenant, found, f"?owner_id={sales.tokens['user_id']}")
    assert column(admin_view, "New")["lead_count"] == 1
    assert column(board(api, tenant, found), "New")["lead_count"] == 2


def test_the_search_box_narrows_every_column(api: Api, tenant: Account) -> None:
    found = pipeline(api, tenant)
    garcia = create(api, tenant, first_name="Maria", last_name="Garcia")
    create(api, tenant, first_name="Mark", last_name="Jones")
    other = create(api, tenant, first_name="Marta", last_name="Garcia")
    move(api, tenant, other, stage_id(found, "Qualified"))
    answer = board(api, tenant, found, "?q=garc")
    assert answer["q"] == "garc"
    assert [c["lead_id"] for c in column(answer, "New")["items"]] == [garcia["lead_id"]]
    assert [c["lead_id"] for c in column(answer, "Qualified")["items"]] == [other["lead_id"]]
    # The counters still describe the whole stage
    assert column(answer, "New")["lead_count"] == 2
