"""The pipeline on the running local stack over HTTP: a card dragged to another stage stays there on
reload, and its owner's bell hears of it through the stream relay, EventBridge, SQS and the notifier."""

from __future__ import annotations

from typing import Any

from tests.e2e.test_api_over_http import login_of
from tests.e2e.waiting import read_until


def _column(board: dict[str, Any], name: str) -> dict[str, Any]:
    return dict(next(column for column in board["columns"] if column["name"] == name))


def test_a_dragged_card_stays_and_its_owner_is_notified(stack: dict[str, Any]) -> None:
    # Given the demo Admin and a Sales rep, and a new lead the Admin assigns to the rep
    admin = login_of(stack, "admin@summitroofing.test")
    sales = login_of(stack, "sales@summitroofing.test")
    rep = sales.call("GET", "/me").json()["user"]["user_id"]
    created = admin.call("POST", "/leads", {"first_name": "Dragged", "last_name": "Card", "owner_id": rep})
    assert created.status_code == 201, created.text
    lead = created.json()
    pipeline = admin.call("GET", "/pipelines").json()["items"][0]
    qualified = next(stage["stage_id"] for stage in pipeline["stages"] if stage["name"] == "Qualified")

    # When the Admin drags the card from New to Qualified
    moved = admin.call("POST", f"/leads/{lead['lead_id']}/stage", {"stage_id": qualified, "version": 1})
    assert moved.status_code == 200, moved.text

    # Then, reloading the board, the card is in Qualified and no longer in New
    board = admin.call("GET", f"/pipelines/{pipeline['pipeline_id']}/board?limit=50").json()
    assert lead["lead_id"] in [card["lead_id"] for card in _column(board, "Qualified")["items"]]
    assert lead["lead_id"] not in [card["lead_id"] for card in _column(board, "New")["items"]]

    # And the rep's bell soon shows the assignment and the move, unread
    def bell_kinds() -> set[str]:
        page = sales.call("GET", "/notifications?limit=50").json()
        return {n["kind"] for n in page["items"] if n["lead_id"] == lead["lead_id"]}

    kinds = read_until(bell_kinds, lambda heard: {"lead_assigned", "lead_moved"} <= heard, timeout=60.0)
    assert {"lead_assigned", "lead_moved"} <= kinds
    assert sales.call("GET", "/notifications/unread-count").json()["unread_count"] >= 2
