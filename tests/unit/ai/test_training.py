"""Training a tenant's model from its closed leads: the learned fit on a known signal, the prior for a
small tenant, the time-ordered holdout, and the bounds of the stored model."""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from convertly.ai.features import LeadFacts
from convertly.ai.model import DEFAULT_WEIGHTS, MAX_JSON_BYTES, MAX_TOKENS, ScoreModel, logit, sigmoid
from convertly.ai.training import (
    MIN_LEARNED,
    Example,
    calibration_error,
    holdout_start,
    train,
    vocabulary_of,
)

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
START = datetime(2025, 6, 1, tzinfo=UTC)
STAGES = [("S-new", 0.0), ("S-quote", 0.5), ("S-negotiation", 1.0)]
STAGE_LABELS = {"S-new": "New", "S-quote": "Quote sent", "S-negotiation": "Negotiation"}
# The known signal of the generated tenant: log-odds by source, first answer and email kind.
SOURCE_EFFECTS = {"referral": 1.5, "google_ads": 0.3, "meta_ads": -0.5, "tiktok_ads": -1.2}
RESPONSES = {2.0: 1.0, 30.0: 0.3, 300.0: 0.0, 3_000.0: -0.6, None: -1.0}
EMAILS = {"business": 0.5, "free": 0.0, "none": -0.5}


def _facts(n: int, as_of: datetime, **changes: object) -> LeadFacts:
    base = LeadFacts(
        lead_id=f"L{n:06d}",
        created_at=as_of - timedelta(days=10),
        as_of=as_of,
        source="google_ads",
        source_label="Google Ads",
        campaign=None,
        form_id="F1",
        form_label="Quote request",
        value=2_000,
        first_response_minutes=30,
        activity_count=2,
        last_activity_at=as_of - timedelta(days=1),
        stage_id="S-new",
        stage_label="New",
        stage_position=0.0,
        stage_entered_at=as_of - timedelta(days=3),
        touch_count=1,
        email_kind="free",
        has_name=True,
        has_phone=True,
        has_company=False,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _generated(count: int, seed: int = 7) -> list[Example]:
    """Closed leads, one an hour from START, won with sigmoid(-1 + the effects above)."""
    rng = random.Random(seed)
    examples = []
    for n in range(count):
        closed_at = START + timedelta(hours=n)
        source = rng.choice(list(SOURCE_EFFECTS))
        minutes = rng.choice(list(RESPONSES))
        email = rng.choice(list(EMAILS))
        stage_id, position = rng.choice(STAGES)
        facts = _facts(
            n,
            closed_at,
            source=source,
            first_response_minutes=minutes,
            email_kind=email,
            stage_id=stage_id,
            stage_label=STAGE_LABELS[stage_id],
            stage_position=position,
            value=rng.choice([0, 500, 2_000, 8_000, 40_000]),
        )
        won = rng.random() < sigmoid(-1 + SOURCE_EFFECTS[source] + RESPONSES[minutes] + EMAILS[email])
        examples.append(Example(facts, won, closed_at))
    return examples


@pytest.fixture(scope="module")
def generated() -> list[Example]:
    return _generated(3_000)


def test_a_tenant_with_enough_closed_leads_gets_a_learned_model_that_finds_the_signal(
    generated: list[Example],
) -> None:
    result = train(generated, STAGES, NOW)
    model, quality = result.model, result.quality
    assert (model.kind, model.leads) == ("learned", 3_000)
    assert (quality.train, quality.holdout) == (2_400, 600)
    assert quality.won + quality.lost == 3_000 and quality.won == sum(example.won for example in generated)
    assert model.overall_rate == round(quality.won / 3_000, 6)
    assert quality.auc is not None and quality.baseline_auc is not None
    assert quality.auc > 0.7
    assert quality.auc > quality.baseline_auc + 0.05
    assert quality.calibration_error is not None and quality.calibration_error < 0.1
    weights = model.weights
    assert weights["source=referral"] > weights["source=google_ads"] > weights["source=meta_ads"]
    assert weights["source=meta_ads"] > weights["source=tiktok_ads"]
    assert weights["response=<5m"] > weights["response=1-24h"] > weights["response=none"]
    assert weights["email=business"] > weights["email=none"]
    assert model.stats["source=referral"].n == sum(e.facts.source == "referral" for e in generated)
    assert model.trained_at == "2026-12-01T12:00:00.000Z"


def test_the_quality_bins_cover_the_holdout(generated: list[Example]) -> None:
    quality = train(generated, STAGES, NOW).quality
    assert [(entry["from"], entry["to"]) for entry in quality.bins] == [
        (round(n / 10, 2), round((n + 1) / 10, 2)) for n in range(10)
    ]
    assert sum(entry["leads"] for entry in quality.bins) == 600
    for entry in quality.bins:
        if entry["leads"]:
            assert entry["from"] <= entry["predicted"] <= entry["to"]
            assert 0 <= entry["actual"] <= 1
        else:
            assert entry["predicted"] is None and entry["actual"] is None


def test_training_is_deterministic_whatever_the_order_of_the_examples(generated: list[Example]) -> None:
    first = train(generated, STAGES, NOW)
    shuffled = list(generated)
    random.Random(1).shuffle(shuffled)
    second = train(shuffled, STAGES, NOW)
    assert first.model.to_json() == second.model.to_json()
    assert first.model == second.model
    assert first.quality == second.quality


def test_the_served_model_round_trips_through_its_json(generated: list[Example]) -> None:
    model = train(generated, STAGES, NOW).model
    assert ScoreModel.from_json(model.to_json()) == model


def test_tokens_on_fewer_than_three_leads_are_dropped(generated: list[Example]) -> None:
    rare = [
        replace(example, facts=replace(example.facts, form_id="F-rare")) if index in (5, 900) else example
        for index, example in enumerate(generated)
    ]
    model = train(rare, STAGES, NOW).model
    assert "form=F-rare" not in model.weights and "form=F-rare" not in model.stats
    assert model.stats["form=F1"].n == 2_998


@pytest.mark.parametrize(
    ("count", "start"),
    [(0, None), (19, None), (20, 10), (49, 39), (50, 40), (99, 80), (100, 80), (3_000, 2_400)],
)
def test_the_holdout_is_the_last_fifth_and_at_least_ten(count: int, start: int | None) -> None:
    assert holdout_start(count) == start


def test_the_holdout_is_the_latest_leads_by_close_not_a_random_draw() -> None:
    """The 20 leads that closed last were all won, the 80 before them 40% won: a time-ordered holdout holds
    those 20 and nothing else, whatever order the examples come in."""
    examples = []
    for n in range(100):
        closed_at = START + timedelta(days=n)
        won = n >= 80 or n % 5 < 2
        examples.append(
            Example(_facts(n, closed_at, source="referral" if won else "meta_ads"), won, closed_at)
        )
    random.Random(3).shuffle(examples)
    quality = train(examples, STAGES, NOW).quality
    assert (quality.train, quality.holdout) == (80, 20)
    assert sum(entry["leads"] for entry in quality.bins) == 20
    assert sum(round(entry["actual"] * entry["leads"]) for entry in quality.bins if entry["leads"]) == 20
    assert quality.auc is None and quality.baseline_auc is None  # one outcome in the holdout


def test_a_training_part_of_one_outcome_is_measured_with_the_prior() -> None:
    """60 closed leads, the 12 wins all among the latest: the part before the holdout has no win."""
    examples = [
        Example(_facts(n, START + timedelta(days=n)), n >= 48, START + timedelta(days=n)) for n in range(60)
    ]
    result = train(examples, STAGES, NOW)
    assert result.model.kind == "learned"
    assert (result.quality.train, result.quality.holdout, result.quality.won) == (48, 12, 12)
    assert result.quality.auc is None  # the holdout is all won


def _small_tenant() -> list[Example]:
    """30 closed leads: referral 8 of 10 won, Google Ads 3 of 10, Meta Ads 1 of 10."""
    examples = []
    for n in range(30):
        source = ("referral", "google_ads", "meta_ads")[n % 3]
        wins = {"referral": 8, "google_ads": 3, "meta_ads": 1}[source]
        closed_at = START + timedelta(days=n)
        examples.append(Example(_facts(n, closed_at, source=source), n // 3 < wins, closed_at))
    return examples


def test_a_small_tenant_gets_the_prior_from_its_stages_and_its_sources() -> None:
    examples = _small_tenant()
    assert len(examples) < MIN_LEARNED
    model = train(examples, STAGES, NOW).model
    assert (model.kind, model.leads, model.overall_rate) == ("prior", 30, 0.4)
    overall = (12 + 10 * 0.2) / (30 + 10)
    assert model.intercept == pytest.approx(logit(overall), abs=1e-6)
    for stage_id, position in STAGES:
        assert model.intercept + model.weights[f"stage={stage_id}"] == pytest.approx(
            logit(0.1 + 0.5 * position), abs=1e-5
        )
    referral = (8 + 10 * overall) / (10 + 10)
    assert model.weights["source=referral"] == pytest.approx(logit(referral) - logit(overall), abs=1e-5)
    for token, weight in DEFAULT_WEIGHTS.items():
        assert model.weights[token] == weight

    def score(**changes: object) -> float:
        return model.score(_facts(0, NOW, **changes)).probability

    new, quote, negotiation = (
        score(stage_id=stage_id, stage_label=STAGE_LABELS[stage_id], stage_position=position)
        for stage_id, position in STAGES
    )
    assert new < quote < negotiation
    assert score(source="referral") > score(source="google_ads") > score(source="meta_ads")


def test_the_prior_quotes_the_tenants_own_rates_in_its_reasons() -> None:
    model = train(_small_tenant(), STAGES, NOW).model
    lead = _facts(0, NOW, source="referral", source_label="Referral")
    texts = [reason.text for reason in model.score(lead).reasons]
    assert "Source Referral: 80% of these leads were won, against 40% overall" in texts


def test_the_prior_measures_itself_on_a_holdout_once_there_are_enough_leads() -> None:
    quality = train(_small_tenant(), STAGES, NOW).quality
    assert (quality.train, quality.holdout, quality.won, quality.lost) == (20, 10, 12, 18)
    assert quality.calibration_error is not None
    assert quality.auc is not None and 0 <= quality.auc <= 1
    few = train(_small_tenant()[:12], STAGES, NOW).quality
    assert (few.auc, few.calibration_error, few.baseline_auc, few.holdout) == (None, None, None, 0)


def test_a_tenant_without_closed_leads_gets_the_default_prior_with_its_stages() -> None:
    result = train([], STAGES, NOW)
    model = result.model
    assert (model.kind, model.leads, model.overall_rate, model.stats) == ("prior", 0, 0.2, {})
    assert model.intercept == pytest.approx(logit(0.2), abs=1e-6)
    assert model.intercept + model.weights["stage=S-negotiation"] == pytest.approx(logit(0.6), abs=1e-5)
    assert (result.quality.train, result.quality.holdout, result.quality.auc) == (0, 0, None)


def test_many_closed_leads_of_one_outcome_only_get_the_prior() -> None:
    lost = [replace(example, won=False) for example in _generated(80)]
    model = train(lost, STAGES, NOW).model
    assert model.kind == "prior" and model.overall_rate == 0.0
    assert model.intercept == pytest.approx(logit(2 / 90), abs=1e-6)


def test_the_vocabulary_keeps_the_most_frequent_tokens_ties_by_token() -> None:
    counts = Counter({"b=1": 9, "a=1": 9, "c=1": 12, "d=1": 2, "e=1": 3})
    assert vocabulary_of(counts) == ["c=1", "a=1", "b=1", "e=1"]
    many = Counter({f"form=F{n:05d}": 3 + n % 7 for n in range(5_000)})
    kept = vocabulary_of(many)
    assert len(kept) == MAX_TOKENS
    assert min(many[token] for token in kept) >= max(many[token] for token in many if token not in kept)


def test_a_tenant_with_thousands_of_long_campaigns_still_fits_one_item() -> None:
    """2,500 campaigns of 64 characters of 3 bytes each, 4 leads apiece: more tokens than an item holds."""
    examples = []
    for n in range(10_000):
        closed_at = START + timedelta(minutes=n)
        campaign = f"{n // 4:04d}" + "屋" * 60
        facts = _facts(n, closed_at, campaign=campaign, source=("google_ads", "meta_ads")[n % 2])
        examples.append(Example(facts, n % 3 == 0, closed_at))
    model = train(examples, STAGES, NOW).model
    text = model.to_json()
    assert len(text.encode()) <= MAX_JSON_BYTES
    assert len(json.loads(text)["tokens"]) < MAX_TOKENS  # the bytes bound it before the count did
    assert "source=google_ads" in model.stats and "email=free" in model.stats


def test_calibration_error_is_the_leads_weighted_gap_between_predicted_and_actual() -> None:
    assert calibration_error([], []) is None
    assert calibration_error([True, False], [0.5, 0.5]) == 0
    assert calibration_error([True, False, False, False], [0.95, 0.95, 0.05, 0.05]) == pytest.approx(
        (2 * abs(0.95 - 0.5) + 2 * 0.05) / 4
    )
    assert math.isclose(calibration_error([True] * 10, [0.3] * 10) or 0, 0.7)
