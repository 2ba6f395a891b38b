"""The lead score in the running API: a lead's events reach the scorer, which scores it with the
tenant's served model (the prior until it has learned one), counts what people did once however often
an event arrives, freezes a closed lead's facts as they were when it closed, and ranks open leads by
score for those who may see them. AI is Professional's: 402 on Starter, 409 while switched off."""

from __future__ import annotations

import json
from typing import Any

from convertly.ai import keys
from convertly.ai.items import LeadScoreItem, ScoreHistoryItem
from tests.functional.ai.support import Scores, new_lead, professional, without_openai
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up
from tests.functional.pipelines.test_stage_change import move, pipeline, stage_id


def _record(tenant_id: str, lead_id: str) -> LeadScoreItem:
    return LeadScoreItem.get(keys.lead_ai(tenant_id, lead_id), keys.SCORE_SK, consistent_read=True)


def _history(tenant_id: str, lead_id: str) -> list[ScoreHistoryItem]:
    return list(
        ScoreHistoryItem.query(keys.lead_ai(tenant_id, lead_id), ScoreHistoryItem.SK.startswith("SCORE#"))
    )


def _insights(api: Api, account: Account, lead_id: str) -> tuple[int, Any]:
    return api.call("GET", f"/leads/{lead_id}/insights", token=account.token)


def test_a_new_lead_is_scored_with_reasons_and_ranked(api: Api, aws: LocalAws, tenant: Account) -> None:
    professional(tenant)
    scores = Scores(aws, tenant.tenant_id)
    # When two leads are created, one with a business email and a phone, one with a free email alone
    full = new_lead(api, tenant, phone="+1 555 010 4477", company="Reyes Roofing")
    thin = new_lead(api, tenant, first_name="Sam", last_name="", email="sam1987@gmail.com")
    assert scores.run() >= 2
    # Then each has a score from the prior, with reasons in words
    status, insights = _insights(api, tenant, str(full["lead_id"]))
    assert status == 200, insights
    score = insights["score"]
    assert score["status"] == "open" and score["model_kind"] == "prior"
    assert 0 <= score["score"] <= 100 and score["reasons"]
    assert all(reason["text"] and reason["effect"] in ("up", "down") for reason in score["reasons"])
    assert [change["cause"] for change in insights["history"]] == ["Lead created"]
    thin_score = _insights(api, tenant, str(thin["lead_id"]))[1]["score"]["score"]
    # And the better-documented lead ranks first; a score range filters
    status, page = api.call("GET", "/ai/scores", token=tenant.token)
    assert status == 200, page
    ranked = [(item["lead"]["lead_id"], item["score"]) for item in page["items"]]
    assert [score for _, score in ranked] == sorted((score for _, score in ranked), reverse=True)
    assert ranked[0][0] == full["lead_id"] and score["score"] > thin_score
    low = api.call("GET", f"/ai/scores?max_score={thin_score}&order=asc", token=tenant.token)[1]
    assert [item["lead"]["lead_id"] for item in low["items"]] == [thin["lead_id"]]
    assert low["items"][0]["top_reason"]["text"]


def test_what_people_do_counts_once_however_often_it_arrives(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    scores = Scores(aws, tenant.tenant_id)
    lead = new_lead(api, tenant)
    lead_id = str(lead["lead_id"])
    scores.run()
    # When a note is written, and its event arrives three times
    status, _ = api.call("POST", f"/leads/{lead_id}/notes", {"body": "Called: wants a quote"}, tenant.token)
    assert status == 201
    scores.run(times=3)
    # Then the lead has one activity, its first response is the note's time, and the history has one
    # entry per change of score, not per delivery
    record = _record(tenant.tenant_id, lead_id)
    assert int(record.activity_count) == 1 and record.first_response_at
    facts = json.loads(str(record.facts))
    assert facts["activity_count"] == 1 and facts["first_response_minutes"] is not None
    causes = [h.cause for h in _history(tenant.tenant_id, lead_id)]
    assert causes.count("Note added") <= 1 and causes[0] == "Lead created"
    assert int(record.rev) == 2  # the creation, then the note: the redeliveries moved nothing


def test_a_won_lead_leaves_the_ranking_with_the_facts_it_closed_with(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    scores = Scores(aws, tenant.tenant_id)
    found = pipeline(api, tenant)
    lead = new_lead(api, tenant, value="900")
    qualified = (
        stage_id(found, "Qualified") if any(s["name"] == "Qualified" for s in found["stages"]) else None
    )
    open_stages = [s for s in found["stages"] if s["kind"] == "open"]
    target = qualified or open_stages[1]["stage_id"]
    status, moved = move(api, tenant, lead, target)
    assert status == 200, moved
    scores.run()
    won = next(s["stage_id"] for s in found["stages"] if s["kind"] == "won")
    status, closed = move(api, tenant, moved, won)
    assert status == 200, closed
    scores.run()
    # Then the record is won, in the closed index, scored on the stage it left
    record = _record(tenant.tenant_id, str(lead["lead_id"]))
    assert record.status == "won" and record.closed_at
    assert keys.closed_index(tenant.tenant_id) == record.GSI1PK
    assert json.loads(str(record.facts))["stage_id"] == target
    # And it is not in the ranking of open leads; its insights say it is won
    page = api.call("GET", "/ai/scores", token=tenant.token)[1]
    assert lead["lead_id"] not in [item["lead"]["lead_id"] for item in page["items"]]
    assert _insights(api, tenant, str(lead["lead_id"]))[1]["score"]["status"] == "won"
    # When a later edit arrives, the closed lead's facts stay as they were
    before = str(_record(tenant.tenant_id, str(lead["lead_id"])).facts)
    api.call("POST", f"/leads/{lead['lead_id']}/notes", {"body": "Paid"}, tenant.token)
    scores.run()
    assert str(_record(tenant.tenant_id, str(lead["lead_id"])).facts) == before


def test_a_deleted_lead_leaves_every_ranking(api: Api, aws: LocalAws, tenant: Account) -> None:
    professional(tenant)
    scores = Scores(aws, tenant.tenant_id)
    lead = new_lead(api, tenant)
    scores.run()
    assert api.call("DELETE", f"/leads/{lead['lead_id']}", token=tenant.token)[0] == 200
    scores.run()
    record = _record(tenant.tenant_id, str(lead["lead_id"]))
    assert record.status == "deleted" and record.GSI1PK is None and record.GSI3PK is None
    page = api.call("GET", "/ai/scores", token=tenant.token)[1]
    assert page["items"] == []


def test_sales_rank_only_their_own_leads_and_another_tenant_finds_nothing(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    scores = Scores(aws, tenant.tenant_id)
    sales = invite(api, tenant, "Sales", "Sam Sales")
    mine = new_lead(api, tenant, owner_id=sales.tokens["user_id"])
    theirs = new_lead(api, tenant, first_name="Other")
    scores.run()
    page = api.call("GET", "/ai/scores", token=sales.token)[1]
    assert [item["lead"]["lead_id"] for item in page["items"]] == [mine["lead_id"]]
    assert (
        api.call("GET", f"/ai/scores?owner_id={tenant.tokens.get('user_id', 'x')}", token=sales.token)[0]
        == 403
    )
    assert _insights(api, sales, str(theirs["lead_id"]))[0] == 403
    other = sign_up(api, "Other Roofing")
    professional(other)
    assert _insights(api, other, str(mine["lead_id"]))[0] == 404
    assert api.call("GET", "/ai/scores", token=other.token)[1]["items"] == []


def test_ai_is_professional_and_can_be_switched_off(api: Api, aws: LocalAws, tenant: Account) -> None:
    lead = new_lead(api, tenant)
    # On Starter: 402 naming the plan that has it
    status, body = _insights(api, tenant, str(lead["lead_id"]))
    assert status == 402 and body["error"]["code"] == "plan_feature_required"
    assert body["error"]["details"]["upgrade_plan"] == "professional"
    professional(tenant)
    # Switched off by an Admin: 409, and Settings > AI says so
    status, settings = api.call("PATCH", "/settings/ai", {"enabled": False}, tenant.token)
    assert status == 200 and settings["enabled"] is False
    status, body = _insights(api, tenant, str(lead["lead_id"]))
    assert status == 409 and body["error"]["code"] == "ai_disabled"
    assert api.call("PATCH", "/settings/ai", {"enabled": True}, tenant.token)[0] == 200
    # Without an OpenAI key the score still works and the insights say summaries are not set up
    without_openai()
    Scores(aws, tenant.tenant_id).run()
    status, insights = _insights(api, tenant, str(lead["lead_id"]))
    assert status == 200 and insights["score"] is not None
    assert insights["ai"]["summaries"] is False and insights["ai"]["reason_code"] == "ai_not_configured"
    status, body = api.call("GET", f"/leads/{lead['lead_id']}/summary", token=tenant.token)
    assert status == 503 and body["error"]["code"] == "ai_not_configured"
