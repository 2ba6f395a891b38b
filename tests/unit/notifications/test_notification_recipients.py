"""Who hears of which lead event (no I/O: the tenant's team and the lead's name are passed in)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from convertly.accounts.items import UserItem
from convertly.notifications.notifier import recipients_for
from convertly.platform.events.envelope import DomainEvent

EVENTS = Path(__file__).resolve().parents[3] / "events" / "domain"
OWNER = "5b0c3f7e-sales"


def _event(name: str, actor: str | None = "someone", **data: Any) -> DomainEvent:
    event = DomainEvent.from_eventbridge(json.loads((EVENTS / f"{name}.json").read_text()))
    event.actor_id = actor
    event.data.update(data)
    return event


def _team(_: str) -> list[UserItem]:
    roles = {
        "admin-1": "Admin",
        "manager-1": "Manager",
        "staff-1": "Staff",
        OWNER: "Sales",
        "sales-2": "Sales",
    }
    return [
        UserItem("T#t", f"USER#{u}", user_id=u, role=role, email="", name="", created_at="")
        for u, role in roles.items()
    ]


def _name(tenant_id: str, lead_id: str) -> str:
    assert (tenant_id, lead_id) == ("01JDEMOTENANT0000000000001", "01JDEMO0000000000000000001")
    return "John Smith"


def _who(event: DomainEvent) -> list[tuple[str, str]]:
    return sorted((r.user_id, r.kind) for r in recipients_for(event, _team, _name))


def test_a_new_lead_notifies_its_owner_unless_they_created_it() -> None:
    assert _who(_event("LeadCreated")) == [(OWNER, "lead_assigned")]
    assert _who(_event("LeadCreated", actor=OWNER)) == []


def test_a_change_of_owner_notifies_the_new_owner() -> None:
    changed = _event("LeadUpdated", changes={"owner_id": {"from": OWNER, "to": "sales-2"}})
    assert _who(changed) == [("sales-2", "lead_assigned")]
    assert _who(_event("LeadUpdated")) == []  # not a change of owner


def test_a_move_notifies_the_owner_when_someone_else_made_it() -> None:
    moved = {"to_kind": "open", "reopened": False}
    assert _who(_event("LeadStageChanged.won", actor="manager-1", **moved)) == [(OWNER, "lead_moved")]
    assert _who(_event("LeadStageChanged.won", actor=OWNER, **moved)) == []
    # The moves of a stage being deleted notify nobody of the move itself
    assert _who(_event("LeadStageChanged.won", actor="admin-1", cause="stage_deleted", **moved)) == []


def test_a_win_notifies_the_owner_and_every_admin_and_manager_but_the_winner() -> None:
    assert _who(_event("LeadStageChanged.won", actor="admin-1")) == [
        (OWNER, "lead_won"),
        ("manager-1", "lead_won"),
    ]
    assert _who(_event("LeadStageChanged.won", actor=OWNER)) == [
        ("admin-1", "lead_won"),
        ("manager-1", "lead_won"),
    ]
    won = recipients_for(_event("LeadStageChanged.won"), _team, _name)[0]
    assert (won.title, won.body) == ("Lead won", "John Smith: $4,800")
    # The amount in its currency's decimals when it has a fraction, none when it is whole
    cents = recipients_for(_event("LeadStageChanged.won", value="1234.50"), _team, _name)[0]
    assert cents.body == "John Smith: $1,234.50"
    fils = recipients_for(_event("LeadStageChanged.won", value="1.234", currency="KWD"), _team, _name)[0]
    assert fils.body == "John Smith: 1.234 KWD"
