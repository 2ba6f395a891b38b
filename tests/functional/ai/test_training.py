"""Training a tenant's score model from its own closed leads: under 50 it serves the prior from its
stage and source rates; from 50 a logistic regression, measured on its latest closed leads, shown in
Settings > AI; open leads are rescored when the model changes. "Train now" asks the ai_training
consumer through the outbox, and the daily schedule asks for every tenant with AI."""

from __future__ import annotations

from typing import Any

from convertly.ai.events import TRAINING_REQUESTED
from convertly.ai.schedule import request_all
from convertly.ai.training_job import examples_of, train_tenant
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.publisher import EventPublisher
from convertly.platform.events.stream import event_from_stream_image
from tests.functional.ai.support import Scores, new_lead, professional
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up
from tests.functional.pipelines.test_stage_change import pipeline
from tests.functional.platform.test_events import outbox_records


class Captured(EventPublisher):
    def __init__(self) -> None:
        self.events: list[DomainEvent] = []

    def publish(self, events: Any) -> list[str]:
        self.events += list(events)
        return []


def _close(api: Api, account: Account, count: int, *, won_share_of: dict[str, float]) -> None:
    """`count` leads from the sources named, each won or lost by its source's share (deterministic)."""
    found = pipeline(api, account)
    won = next(s["stage_id"] for s in found["stages"] if s["kind"] == "won")
    lost = next(s["stage_id"] for s in found["stages"] if s["kind"] == "lost")
    sources = list(won_share_of)
    for n in range(count):
        source = sources[n % len(sources)]
        lead = new_lead(api, account, first_name=f"Lead{n}", source=source, email=f"lead{n}@business{n}.test")
        share = won_share_of[source]
        wins = (n // len(sources)) % 10 < round(share * 10)
        body: dict[str, Any] = {"lost_reason": "Price"} if not wins else {"value": "1500"}
        status, moved = api.call(
            "POST",
            f"/leads/{lead['lead_id']}/stage",
            {"stage_id": won if wins else lost, "version": lead["version"], **body},
            account.token,
        )
        assert status == 200, moved


def test_the_prior_under_fifty_then_a_learned_model_shown_in_settings(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    scores = Scores(aws, tenant.tenant_id)
    _close(api, tenant, 20, won_share_of={"google_ads": 0.8, "referral": 0.2})
    open_lead = new_lead(api, tenant, first_name="Open", source="google_ads")
    scores.run()
    # Under 50 closed leads: the prior
    report = train_tenant(tenant.tenant_id)
    assert report.trained and report.kind == "prior" and report.leads == 20
    settings = api.call("GET", "/settings/ai", token=tenant.token)[1]
    assert settings["model"]["kind"] == "prior" and settings["model"]["leads"] == 20
    # From 50: a learned model whose holdout is the latest fifth; Google Ads leads now score higher
    _close(api, tenant, 60, won_share_of={"google_ads": 0.8, "referral": 0.2})
    referral = new_lead(api, tenant, first_name="Ref", source="referral")
    scores.run()
    report = train_tenant(tenant.tenant_id)
    assert report.kind == "learned" and report.leads == 80 and report.rescored >= 2
    status, settings = api.call("GET", "/settings/ai", token=tenant.token)
    assert status == 200, settings
    model = settings["model"]
    assert model["kind"] == "learned" and model["holdout"] >= 10 and model["train"] + model["holdout"] == 80
    assert model["auc"] is not None and model["auc"] > 0.6 and model["calibration_error"] is not None
    google = api.call("GET", f"/leads/{open_lead['lead_id']}/insights", token=tenant.token)[1]["score"]
    other = api.call("GET", f"/leads/{referral['lead_id']}/insights", token=tenant.token)[1]["score"]
    assert google["model_kind"] == "learned" and google["score"] > other["score"]
    assert any("Google Ads" in reason["text"] for reason in google["reasons"])


def test_train_now_and_the_daily_schedule_ask_through_events(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    starter = sign_up(api, "Starter Roofing")
    professional(tenant)
    # Train now: 202, an event in the tenant's outbox for the training consumer
    status, body = api.call("POST", "/settings/ai/training", token=tenant.token)
    assert status == 202 and body["requested_at"]
    events = [
        event_from_stream_image(r["dynamodb"]["NewImage"]) for r in outbox_records(aws, tenant.tenant_id)
    ]
    assert [e.detail_type for e in events].count(TRAINING_REQUESTED) == 1
    # On Starter: 402
    assert api.call("POST", "/settings/ai/training", token=starter.token)[0] == 402
    # The schedule asks for the Professional tenant only
    captured = Captured()
    report = request_all(captured, [tenant.tenant_id, starter.tenant_id])
    assert report.requested == 1 and report.skipped == 1
    assert [(e.detail_type, e.tenant_id) for e in captured.events] == [(TRAINING_REQUESTED, tenant.tenant_id)]
    # A Manager reads Settings > AI; only an Admin changes it
    manager = invite(api, tenant, "Manager", "Mia Manager")
    assert api.call("GET", "/settings/ai", token=manager.token)[0] == 200
    assert api.call("PATCH", "/settings/ai", {"enabled": False}, manager.token)[0] == 403


def test_the_first_training_scores_the_leads_from_before_ai(api: Api, aws: LocalAws, tenant: Account) -> None:
    # Given leads the scorer never saw: one open, one won after a stop in the second stage
    found = pipeline(api, tenant)
    second = [s["stage_id"] for s in found["stages"] if s["kind"] == "open"][1]
    won = next(s["stage_id"] for s in found["stages"] if s["kind"] == "won")
    open_lead = new_lead(api, tenant, first_name="Before")
    closed = new_lead(api, tenant, first_name="Closed", value="800")
    status, moved = api.call(
        "POST", f"/leads/{closed['lead_id']}/stage", {"stage_id": second, "version": 1}, tenant.token
    )
    assert status == 200, moved
    status, _ = api.call(
        "POST",
        f"/leads/{closed['lead_id']}/stage",
        {"stage_id": won, "version": moved["version"]},
        tenant.token,
    )
    assert status == 200
    professional(tenant)
    # When the tenant's first training runs
    report = train_tenant(tenant.tenant_id)
    # Then both have records: the open one ranked, the won one learned from, on the stage it left
    assert report.leads == 1
    page = api.call("GET", "/ai/scores", token=tenant.token)[1]
    assert [item["lead"]["lead_id"] for item in page["items"]] == [open_lead["lead_id"]]
    insights = api.call("GET", f"/leads/{closed['lead_id']}/insights", token=tenant.token)[1]
    assert insights["score"]["status"] == "won"
    (example,) = examples_of(tenant.tenant_id)
    assert example.won and example.facts.stage_id == second
    # And a second training finds nothing left to backfill (the events' markers keep each once)
    assert train_tenant(tenant.tenant_id).leads == 1
