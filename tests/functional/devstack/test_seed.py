"""The demo seed: one user per role, leads spread over stages and sources, logins that work."""

from __future__ import annotations

from collections import Counter

from convertly.permissions import Role
from devstack.seed import seed_demo
from tests.functional.conftest import Api, LocalAws
from tests.functional.leads.test_lead_sorts import DEFAULT_ORDER, sort_key
from tests.functional.pipelines.test_stage_change import stage_events


def test_seed_creates_a_login_per_role_and_leads_over_stages(api: Api, aws: LocalAws) -> None:
    # When the demo is seeded (small, to keep the test quick)
    demo = seed_demo(lead_count=40)
    logins = demo.logins
    # Then every role has a login that works, and lands where its role lives
    roles = {login.role for login in logins}
    assert {role.value for role in Role} <= roles
    tokens = {}
    for login in logins:
        status, body = api.call("POST", "/auth/login", {"email": login.email, "password": login.password})
        assert status == 200, login
        tokens[login.role] = body["id_token"]
    # And the demo tenant's leads spread over several stages and sources, with click ids
    status, page = api.call("GET", "/leads?limit=100", token=tokens["Admin"])
    assert status == 200 and len(page["items"]) == 40
    assert len(Counter(lead["stage_id"] for lead in page["items"])) >= 3
    assert len(Counter(lead["source"] for lead in page["items"])) >= 3
    google = [lead for lead in page["items"] if lead["source"] == "google_ads"]
    assert google and all(lead["attribution"]["gclid"].startswith("Cj0KCQ") for lead in google)
    # And the stage counters add up to the leads
    _, pipelines = api.call("GET", "/pipelines", token=tokens["Admin"])
    assert sum(stage["lead_count"] for stage in pipelines["items"][0]["stages"]) == 40
    # And its leads, written, moved and edited through the lead writes, are in every sort's index
    for sort in ("updated", "value", "name"):
        status, ordered = api.call("GET", f"/leads?limit=100&sort={sort}", token=tokens["Admin"])
        assert status == 200 and ordered["total"] == 40
        expected = sorted(page["items"], key=lambda lead: (sort_key(sort, lead), lead["lead_id"]))
        if DEFAULT_ORDER[sort] == "desc":
            expected.reverse()
        assert [lead["lead_id"] for lead in ordered["items"]] == [lead["lead_id"] for lead in expected], sort
    # And a Sales login sees only their own leads
    _, sales_page = api.call("GET", "/leads?limit=100", token=tokens["Sales"])
    assert 0 < len(sales_page["items"]) < 40
    # And the Manager has worked some leads through the board: moves with their history, one a win
    _, manager = api.call("GET", "/me", token=tokens["Manager"])
    tenant_id, manager_id = manager["tenant"]["tenant_id"], manager["user"]["user_id"]
    moves = [e for e in stage_events(aws, tenant_id) if e["actor_id"] == manager_id]
    assert len(moves) >= 12 and any(move["data"]["to_kind"] == "won" for move in moves)
    _, timeline = api.call("GET", f"/leads/{moves[0]['data']['lead_id']}/timeline", token=tokens["Manager"])
    assert "stage_changed" in [item["kind"] for item in timeline["items"]]
    # And every lead has a contact; some contacts have several leads, some are Clients, some tagged,
    # and people at the same business share a company
    assert all(lead["contact_id"] for lead in page["items"])
    per_contact = Counter(lead["contact_id"] for lead in page["items"])
    assert max(per_contact.values()) >= 2 and len(per_contact) < 40
    _, contacts = api.call("GET", "/contacts?limit=100", token=tokens["Admin"])
    assert len(contacts["items"]) == len(per_contact)
    assert any(c["role"] == "Client" for c in contacts["items"]) and any(c["tags"] for c in contacts["items"])
    _, companies = api.call("GET", "/companies?limit=100", token=tokens["Admin"])
    assert any(company["contact_count"] >= 2 for company in companies["items"])
    # And the demo tenant has a published quote form its site (or a page on localhost) may embed
    _, forms = api.call("GET", "/forms", token=tokens["Admin"])
    (form,) = forms["items"]
    assert form["form_id"] == demo.form_id  # the banner prints its hosted page
    assert form["status"] == "published" and form["assignment"]["mode"] == "round_robin"
    assert "localhost" in form["allowed_domains"]
    # And the demo partner signs in to the partner portal (no tenant), with a month of clicks and the
    # three companies they referred
    _, me = api.call("GET", "/me", token=tokens["Affiliate"])
    assert me["portal"] == "/affiliate/dashboard" and me["tenant"] is None
    status, dashboard = api.call("GET", "/affiliate/dashboard", token=tokens["Affiliate"])
    assert status == 200, dashboard
    assert dashboard["code"] == "alex-demo"
    assert dashboard["stats"]["signups"] == 3 and dashboard["stats"]["unique_clicks"] >= 30
    assert sum(day["clicks"] for day in dashboard["days"]) == dashboard["stats"]["clicks"]
    # And every open lead has a score, and Settings > AI shows the model trained on the closed ones
    status, ranked = api.call("GET", "/ai/scores?limit=100", token=tokens["Admin"])
    assert status == 200 and ranked["items"]
    _, ai = api.call("GET", "/settings/ai", token=tokens["Admin"])
    closed = sum(1 for lead in page["items"] if lead["stage_id"] in _closed_stages(pipelines))
    assert ai["model"] is not None and ai["model"]["leads"] == closed > 0


def _closed_stages(pipelines: dict[str, object]) -> set[str]:
    stages = pipelines["items"][0]["stages"]  # type: ignore[index]
    return {stage["stage_id"] for stage in stages if stage["kind"] in ("won", "lost")}
