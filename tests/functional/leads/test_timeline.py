"""A lead's timeline: created, stage changes (who, when, from, to, time in stage), notes and the
notifications sent, oldest first, from one Query of the lead's partition."""

from __future__ import annotations

from tests.functional.conftest import Api, LocalAws, invite, sign_up
from tests.functional.notifications.test_notifications import deliver
from tests.functional.pipelines.test_stage_change import create, move, pipeline, stage_id


def test_the_timeline_tells_the_leads_story_in_order(api: Api, aws: LocalAws) -> None:
    # Given a lead assigned to a rep, noted, then moved by the Admin
    admin = sign_up(api, "Story Co")
    sales = invite(api, admin, "Sales", name="Sam Sales")
    found = pipeline(api, admin)
    lead = create(api, admin, first_name="Lou", owner_id=sales.tokens["user_id"])
    api.call("POST", f"/leads/{lead['lead_id']}/notes", {"body": "Called, wants a quote"}, admin.token)
    move(api, admin, lead, stage_id(found, "Qualified"))
    deliver(aws, admin.tenant_id)
    # When the rep reads the lead's timeline
    status, timeline = api.call("GET", f"/leads/{lead['lead_id']}/timeline", token=sales.token)
    # Then it lists what happened, oldest first
    assert status == 200, timeline
    items = timeline["items"]
    assert [item["kind"] for item in items] == ["created", "note", "stage_changed"]
    created, note, moved = items
    assert created["to_stage_id"] == stage_id(found, "New")
    # And whom each change notified sits in that change's entry
    [assigned] = created["notified"]
    assert (assigned["recipient_id"], assigned["notification_kind"]) == (
        sales.tokens["user_id"],
        "lead_assigned",
    )
    assert (note["body"], note["actor_name"]) == ("Called, wants a quote", "Ada Admin")
    assert (moved["from_stage_name"], moved["to_stage_name"], moved["actor_name"]) == (
        "New",
        "Qualified",
        "Ada Admin",
    )
    assert moved["seconds_in_previous"] >= 0
    [told] = moved["notified"]
    assert (told["notification_kind"], told["title"]) == ("lead_moved", "Your lead moved")
    assert [item["at"] for item in items] == sorted(item["at"] for item in items)


def test_the_timeline_follows_the_lead_visibility_rules(api: Api) -> None:
    admin = sign_up(api, "Private Co")
    sales = invite(api, admin, "Sales")
    lead = create(api, admin)
    status, body = api.call("GET", f"/leads/{lead['lead_id']}/timeline", token=sales.token)
    assert (status, body["error"]["code"]) == (403, "not_lead_owner")
    stranger = sign_up(api, "Elsewhere Co")
    assert api.call("GET", f"/leads/{lead['lead_id']}/timeline", token=stranger.token)[0] == 404
