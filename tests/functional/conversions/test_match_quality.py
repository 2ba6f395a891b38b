"""Match quality through the API: a lead's identifiers per platform and its Google click window, the
totals over the recent wins (the tenant's own only), and the open leads whose Google click leaves the
90-day window within 7 days (from the leads' click index, for leads made by the API and by a form)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from convertly.conversions import keys as conversion_keys
from convertly.conversions import store as repo
from convertly.conversions.items import LedgerEntryItem
from convertly.leads.service import get_lead, lead_key
from convertly.platform.clock import iso, new_id
from devstack.ad_fakes import AdFakes
from tests.functional.capture.forms_support import (
    Visitor,
    answers,
    ensure_secrets_key,
    published_form,
)
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up
from tests.functional.conversions.conversions_support import (
    configure,
    create_lead,
    deliver,
    lead_body,
    record,
    stage_event,
)
from tests.functional.pipelines.test_stage_change import pipeline, stage_id


def days_ago(days: float) -> str:
    return iso(datetime.now(UTC) - timedelta(days=days))


def quality_of(api: Api, account: Account, lead_id: str) -> dict[str, Any]:
    status, body = api.call("GET", f"/leads/{lead_id}/match-quality", token=account.token)
    assert status == 200, body
    return dict(body)


def checks(platform: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {check["name"]: check for check in platform["identifiers"]}


def totals(api: Api, account: Account, days: int = 30) -> dict[str, Any]:
    status, body = api.call("GET", f"/conversions/match-quality?days={days}", token=account.token)
    assert status == 200, body
    return dict(body)


def counts(platform: dict[str, Any]) -> dict[str, int]:
    return {row["name"]: row["leads"] for row in platform["identifiers"]}


def expiring(api: Api, account: Account, query: str = "") -> dict[str, Any]:
    status, body = api.call("GET", f"/conversions/expiring-clicks{query}", token=account.token)
    assert status == 200, body
    return dict(body)


def win(api: Api, aws: LocalAws, account: Account, lead: dict[str, Any]) -> None:
    """The win's delivery to the platforms (the conversions consumer), as the queue brings it."""
    assert deliver([record(stage_event(account.tenant_id, lead), aws)]) == set()


def move(api: Api, account: Account, lead: dict[str, Any], stage: str) -> dict[str, Any]:
    won = stage_id(pipeline(api, account), stage)
    status, moved = api.call(
        "POST",
        f"/leads/{lead['lead_id']}/stage",
        {"stage_id": won, "version": lead["version"]},
        account.token,
    )
    assert status == 200, moved
    return dict(moved)


# Per lead ---------------------------------------------------------------------------------------------


def test_a_lead_shows_what_each_platform_would_match_on_and_its_click_window(
    api: Api, aws: LocalAws, ads: AdFakes
) -> None:
    # Given a lead a form captured after a Google click 10 days ago, with email, phone, IP and browser
    account = sign_up(api, "Quality Roofing")
    configure(api, account)
    lead = create_lead(api, account, lead_body(gclid="Cj0-quality", first_seen_at=days_ago(10)))
    # When its match quality is read
    quality = quality_of(api, account, lead["lead_id"])
    # Then Google would get the gclid (strong), inside a window closing 90 days after the click
    google = quality["google_ads"]
    assert google["quality"] == "strong" and "gclid" in google["reason"]
    assert [name for name, check in checks(google).items() if check["sent"]] == ["gclid"]
    assert checks(google)["phone"]["note"].startswith("+14155550100")
    window = google["click_window"]
    assert window["kind"] == "gclid" and window["state"] == "open" and window["days_left"] in (79, 80)
    assert window["closes_at"] > days_ago(-79) and quality["won_at"] is None
    # And Meta would get the hashed email and phone, the IP and the browser, but no click id
    meta = checks(quality["meta"])
    assert quality["meta"]["quality"] == "strong" and "email and the phone" in quality["meta"]["reason"]
    assert {name for name, check in meta.items() if check["present"]} == {
        "email",
        "phone",
        "ip",
        "user_agent",
    }
    # When the lead is won, the window is measured at the win
    moved = move(api, account, lead, "Closed Won")
    won = quality_of(api, account, lead["lead_id"])
    assert won["won_at"] == moved["stage_entered_at"] == won["google_ads"]["click_window"]["won_at"]
    assert won["google_ads"]["click_window"]["days_left"] is None


def test_a_lead_without_identifiers_says_so_for_both_platforms(api: Api, tenant: Account) -> None:
    lead = create_lead(api, tenant, {"first_name": "Nobody", "phone": "555-0100"})
    quality = quality_of(api, tenant, lead["lead_id"])
    assert quality["google_ads"]["quality"] == quality["meta"]["quality"] == "none"
    assert checks(quality["google_ads"])["phone"]["note"] == "invalid number, not sent"
    assert quality["google_ads"]["click_window"] is None


def test_sales_reads_only_their_own_leads_and_another_tenants_lead_is_not_found(
    api: Api, tenant: Account
) -> None:
    # Given a Sales rep's own lead and a colleague's
    sales = invite(api, tenant, "Sales")
    own = create_lead(api, sales, {"first_name": "Mine", "email": "mine@example.com"})
    other = create_lead(api, tenant, {"first_name": "Theirs", "email": "theirs@example.com"})
    # Then the rep reads their own lead's match quality, not the colleague's
    assert quality_of(api, sales, own["lead_id"])["lead_id"] == own["lead_id"]
    status, body = api.call("GET", f"/leads/{other['lead_id']}/match-quality", token=sales.token)
    assert status == 403 and body["error"]["code"] == "not_lead_owner"
    # And Staff read every lead's
    staff = invite(api, tenant, "Staff")
    assert quality_of(api, staff, other["lead_id"])["lead_id"] == other["lead_id"]
    # And another tenant's lead, or none, is a 404
    stranger = sign_up(api, "Stranger Roofing")
    for lead_id in (own["lead_id"], "no-such-lead"):
        status, body = api.call("GET", f"/leads/{lead_id}/match-quality", token=stranger.token)
        assert status == 404 and body["error"]["code"] == "lead_not_found"
    # And the totals and the warnings are for Admins and Managers only
    for path in ("/conversions/match-quality", "/conversions/expiring-clicks"):
        status, body = api.call("GET", path, token=sales.token)
        assert status == 403 and set(body["error"]) >= {"code", "message"}


# Totals --------------------------------------------------------------------------------------------


def old_win(account: Account, lead: dict[str, Any], at: str) -> None:
    """A win reported at `at`: its ledger entry, as the consumer writes it."""
    entry_id = new_id()
    entry = LedgerEntryItem(
        lead_key(account.tenant_id, lead["lead_id"]),
        conversion_keys.ledger_sk(at, entry_id),
        entry_id=entry_id,
        lead_id=lead["lead_id"],
        job_id=f"win-{entry_id}",
        kind="conversion",
        platform="google_ads",
        status="sent",
        at=at,
        dedupe_id=f"{lead['lead_id']}-old",
    )
    repo.index_ledger_entry(entry, account.tenant_id)
    repo.write_entries([entry])


def test_totals_count_the_recent_wins_identifiers_of_the_tenant_only(
    api: Api, aws: LocalAws, ads: AdFakes
) -> None:
    # Given three wins: a recent gclid, a gclid clicked 120 days before, and an email alone
    account = sign_up(api, "Totals Roofing")
    configure(api, account)
    recent = create_lead(api, account, lead_body(gclid="Cj0-recent", first_seen_at=days_ago(3)))
    stale = create_lead(api, account, lead_body(gclid="Cj0-stale", first_seen_at=days_ago(120)))
    email_only = create_lead(api, account, {"first_name": "Eve", "email": "eve@example.com"})
    for lead in (recent, stale, email_only):
        win(api, aws, account, lead)
    win(api, aws, account, recent)  # a second delivery of the same win counts the lead once
    # And a win reported 40 days ago, and another tenant's win
    older = create_lead(api, account, lead_body(gbraid="0A-older", first_seen_at=days_ago(45)))
    old_win(account, older, days_ago(40))
    other = sign_up(api, "Other Roofing")
    configure(api, other)
    win(api, aws, other, create_lead(api, other, lead_body(gclid="Cj0-other")))
    # When the tenant reads the last 30 days' totals
    month = totals(api, account, 30)
    # Then the three recent wins are counted, each once, and nothing of the other tenant
    assert month["days"] == 30 and month["won_leads"] == 3
    google, meta = month["google_ads"], month["meta"]
    assert counts(google) == {"gclid": 2, "gbraid": 0, "wbraid": 0, "email": 3, "phone": 2}
    assert google["inside_click_window"] == 1 and google["inside_click_window_share"] == pytest.approx(
        1 / 3, 1e-3
    )
    assert (google["strong"], google["fair"], google["none"]) == (1, 1, 1)
    assert counts(meta)["email"] == 3 and counts(meta)["ip"] == 2 and meta["inside_click_window"] is None
    share = {row["name"]: row["share"] for row in google["identifiers"]}
    assert share["email"] == 1.0 and share["gclid"] == pytest.approx(0.6667)
    # And 90 days take in the win of 40 days ago
    quarter = totals(api, account, 90)
    assert quarter["won_leads"] == 4 and counts(quarter["google_ads"])["gbraid"] == 1
    # And the other tenant sees its own win only
    assert totals(api, other)["won_leads"] == 1


@pytest.mark.parametrize("days", ["0", "366", "-3", "many"])
def test_days_out_of_range_is_a_clear_422(api: Api, tenant: Account, days: str) -> None:
    status, body = api.call("GET", f"/conversions/match-quality?days={days}", token=tenant.token)
    assert status == 422, body
    assert body["error"]["code"] and "days" in str(body["error"]["fields"])


def test_no_wins_is_zero_not_an_error(api: Api, tenant: Account) -> None:
    empty = totals(api, tenant, 7)
    assert empty["won_leads"] == 0 and empty["google_ads"]["inside_click_window_share"] == 0.0


# Expiring clicks -----------------------------------------------------------------------------------


def test_open_leads_whose_click_expires_within_7_days_are_listed(
    api: Api, aws: LocalAws, ads: AdFakes
) -> None:
    # Given open leads clicked 85 and 84 days ago, one clicked 30 days ago, a won one and a deleted one
    account = sign_up(api, "Expiring Roofing")
    configure(api, account)
    listed = create_lead(api, account, lead_body(gclid="Cj0-85", first_seen_at=days_ago(85)))
    later = create_lead(api, account, lead_body(wbraid="Cj-84", first_seen_at=days_ago(84)))
    create_lead(api, account, lead_body(gclid="Cj0-30", first_seen_at=days_ago(30)))
    won = create_lead(api, account, lead_body(gclid="Cj0-won", first_seen_at=days_ago(85)))
    move(api, account, won, "Closed Won")
    deleted = create_lead(api, account, lead_body(gclid="Cj0-gone", first_seen_at=days_ago(86)))
    assert api.call("DELETE", f"/leads/{deleted['lead_id']}", token=account.token)[0] == 200
    # And another tenant's lead clicked 85 days ago
    other = sign_up(api, "Neighbour Roofing")
    create_lead(api, other, lead_body(gclid="Cj0-other", first_seen_at=days_ago(85)))
    # When the warnings are read
    page = expiring(api, account)
    # Then the two open leads are listed, the soonest to expire first, with the click and its expiry
    assert [item["lead_id"] for item in page["items"]] == [listed["lead_id"], later["lead_id"]]
    first = page["items"][0]
    assert first["name"] == "Grace Hopper" and first["kind"] == "gclid" and first["days_left"] == 4
    assert first["expires_at"][:10] == days_ago(-5)[:10] and page["next_cursor"] is None
    assert page["items"][1]["kind"] == "wbraid"
    # And a page at a time, with the platform's cursor
    one = expiring(api, account, "?limit=1")
    assert [i["lead_id"] for i in one["items"]] == [listed["lead_id"]] and one["next_cursor"]
    two = expiring(api, account, f"?limit=1&cursor={one['next_cursor']}")
    assert [i["lead_id"] for i in two["items"]] == [later["lead_id"]] and two["next_cursor"] is None
    # And another tenant's cursor, or a forged one, is a 400
    status, body = api.call(
        "GET", f"/conversions/expiring-clicks?cursor={one['next_cursor']}", token=other.token
    )
    assert status == 400 and body["error"]["code"] == "invalid_cursor"
    # And the other tenant sees only its own lead
    assert len(expiring(api, other)["items"]) == 1
    # And a restored lead is back in the index
    assert api.call("POST", f"/leads/{deleted['lead_id']}/restore", token=account.token)[0] == 200
    assert deleted["lead_id"] in [i["lead_id"] for i in expiring(api, account)["items"]]


def test_a_form_captured_lead_is_in_the_click_index(api: Api, aws: LocalAws, tenant: Account) -> None:
    # Given a visitor who clicked a Google ad 85 days ago and fills in a form now
    ensure_secrets_key(aws)
    form = published_form(api, tenant)
    clicked = int((datetime.now(UTC) - timedelta(days=85)).timestamp() * 1000)
    attribution = {"gclid": "Cj0-form", "first_seen_at": str(clicked)}
    answer = Visitor(api).post_json(
        form["form_id"], answers(email="form@example.test"), attribution=attribution
    )
    assert answer.status == 201, answer.body
    # Then the lead is in the click index, and listed among the expiring clicks
    (item,) = expiring(api, tenant)["items"]
    lead = get_lead(tenant.tenant_id, item["lead_id"])
    assert lead is not None
    partition, sort = lead.GSI6PK, str(lead.GSI6SK)
    assert partition == f"T#{tenant.tenant_id}#GCLICKS"
    assert item["clicked_at"] == sort.split("#")[0] and item["kind"] == "gclid"


def test_a_repeat_visitors_new_click_moves_the_lead_in_the_click_index(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # Given a lead a form captured without any click
    ensure_secrets_key(aws)
    form = published_form(api, tenant)
    first = Visitor(api).post_json(form["form_id"], answers(email="again@example.test"), attribution={})
    assert first.status == 201, first.body
    assert expiring(api, tenant)["items"] == []
    # When the same person comes back through a Google ad clicked 85 days ago and submits again
    clicked = int((datetime.now(UTC) - timedelta(days=85)).timestamp() * 1000)
    again = Visitor(api).post_json(
        form["form_id"],
        answers(email="again@example.test"),
        attribution={"gclid": "Cj0-again", "first_seen_at": str(clicked)},
    )
    assert again.status in (200, 201), again.body
    # Then the lead it reached is listed among the expiring clicks
    (item,) = expiring(api, tenant)["items"]
    assert item["kind"] == "gclid" and item["clicked_at"].startswith(
        datetime.fromtimestamp(clicked / 1000, UTC).strftime("%Y-%m-%dT%H:%M")
    )
