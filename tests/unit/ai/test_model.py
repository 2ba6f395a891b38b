"""The score of one lead: the logistic sum over its tokens, its reasons in words, and the stored model."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import timedelta

import pytest

from convertly.ai.features import tokens
from convertly.ai.model import (
    DEFAULT_WEIGHTS,
    MAX_JSON_BYTES,
    MAX_TOKENS,
    Reason,
    ScoreModel,
    TokenStats,
    default_model,
)
from tests.unit.ai.support import NOW
from tests.unit.ai.support import facts as _facts


def _model(
    weights: dict[str, float], stats: dict[str, TokenStats] | None = None, **changes: object
) -> ScoreModel:
    base = ScoreModel(
        kind="learned",
        intercept=-1.2,
        weights=weights,
        stats=stats or {},
        overall_rate=0.21,
        trained_at="2026-12-01T03:00:00.000Z",
        leads=420,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_the_probability_is_the_sigmoid_of_the_intercept_and_the_leads_token_weights() -> None:
    model = _model(
        {
            "source=google_ads": 0.8,
            "response=<5m": 0.5,
            "idle=8-14d": -0.4,
            "source=meta_ads": 3.0,  # not this lead's: no part of its sum
        }
    )
    scored = model.score(_facts())
    expected = 1 / (1 + math.exp(-(-1.2 + 0.8 + 0.5 - 0.4)))
    assert scored.probability == pytest.approx(expected)
    assert scored.score == round(expected * 100) == 43


def test_a_model_that_knows_none_of_the_leads_tokens_answers_its_intercept() -> None:
    scored = _model({"source=meta_ads": 2.0}, intercept=0.0).score(_facts())
    assert scored.probability == 0.5 and scored.score == 50 and scored.reasons == []


@pytest.mark.parametrize(("intercept", "score"), [(-800.0, 0), (800.0, 100)])
def test_extreme_log_odds_stay_within_0_and_100(intercept: float, score: int) -> None:
    scored = _model({}, intercept=intercept).score(_facts())
    assert 0.0 <= scored.probability <= 1.0 and scored.score == score


def test_the_reasons_are_the_three_strongest_tokens_either_way_ties_by_token() -> None:
    model = _model(
        {
            "source=google_ads": 0.3,
            "response=<5m": 0.6,
            "idle=8-14d": -0.6,
            "activity=3-5": 0.2,
            "email=business": 0.04,  # below 0.05: never a reason
        }
    )
    reasons = model.score(_facts()).reasons
    assert [(reason.token, reason.effect, reason.weight) for reason in reasons] == [
        ("idle=8-14d", "down", -0.6),
        ("response=<5m", "up", 0.6),
        ("source=google_ads", "up", 0.3),
    ]
    assert [reason.text for reason in reasons] == [
        "no activity for 9 days",
        "answered within 5 minutes",
        "Source Google Ads",
    ]


def test_weights_under_the_threshold_give_no_reason() -> None:
    reasons = _model({"email=business": 0.049, "complete=mid": -0.05}).score(_facts()).reasons
    assert reasons == [Reason("complete=mid", "some contact details missing (no company)", "down", -0.05)]


def test_a_reason_quotes_the_win_rate_of_leads_with_the_token_against_the_overall_rate() -> None:
    model = _model(
        {"source_campaign=google_ads|hail-2026": 0.7, "idle=8-14d": -0.5, "form=F1": 0.2},
        {
            "source_campaign=google_ads|hail-2026": TokenStats(n=50, won=19),
            "idle=8-14d": TokenStats(n=300, won=37),
            "form=F1": TokenStats(n=4, won=3),  # too few leads to quote
        },
    )
    assert [reason.text for reason in model.score(_facts()).reasons] == [
        "Google Ads, campaign hail-2026: 38% of these leads were won, against 21% overall",
        "no activity for 9 days: 12% of these leads were won, against 21% overall",
        "Form Roof inspection",
    ]


def test_quoted_rates_are_whole_percentages_halves_up() -> None:
    model = _model({"form=F1": 1.0}, {"form=F1": TokenStats(n=8, won=1)}, overall_rate=0.125)
    (reason,) = model.score(_facts()).reasons
    assert reason.text == "Form Roof inspection: 13% of these leads were won, against 13% overall"
    model = _model({"form=F1": 1.0}, {"form=F1": TokenStats(n=3 * 5, won=10)}, overall_rate=0.2)
    assert (
        model.score(_facts()).reasons[0].text.endswith(": 67% of these leads were won, against 20% overall")
    )


def test_the_json_round_trips_and_is_compact_sorted_and_rounded() -> None:
    model = _model(
        {"source=google_ads": 0.123456789, "response=<5m": -1 / 3},
        {"source=google_ads": TokenStats(40, 12), "email=free": TokenStats(30, 3)},
        intercept=-1.23456789,
        overall_rate=0.2100004,
    )
    text = model.to_json()
    assert " " not in text
    document = json.loads(text)
    assert document["intercept"] == -1.234568 and document["overall_rate"] == 0.21
    assert document["tokens"] == {
        "email=free": [None, 30, 3],
        "response=<5m": [-0.333333],
        "source=google_ads": [0.123457, 40, 12],
    }
    back = ScoreModel.from_json(text)
    assert back.weights == {"source=google_ads": 0.123457, "response=<5m": -0.333333}
    assert back.stats == model.stats
    assert (back.kind, back.trained_at, back.leads) == ("learned", model.trained_at, 420)
    assert back.to_json() == text
    assert ScoreModel.from_json(back.to_json()) == back


def test_the_json_of_a_model_is_the_same_whatever_order_it_was_built_in() -> None:
    one = _model({"a=1": 0.5, "b=2": -0.5}, {"a=1": TokenStats(9, 3), "b=2": TokenStats(6, 1)})
    two = _model({"b=2": -0.5, "a=1": 0.5}, {"b=2": TokenStats(6, 1), "a=1": TokenStats(9, 3)})
    assert one.to_json() == two.to_json()


def test_a_model_of_the_most_tokens_with_the_longest_campaigns_fits_one_item() -> None:
    long_campaign = "c" * 60
    weights = {f"source_campaign=linkedin_ads|{long_campaign}{n:04d}": -12.345678 for n in range(MAX_TOKENS)}
    stats = {token: TokenStats(1_000_000, 999_999) for token in weights}
    text = _model(weights, stats, leads=10_000_000).to_json()
    assert len(text.encode()) <= MAX_JSON_BYTES
    assert len(ScoreModel.from_json(text).weights) == MAX_TOKENS


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[]",
        "{}",
        '{"v": 99, "kind": "learned"}',
        '{"v": 1, "kind": "magic", "intercept": 0, "overall_rate": 0.2, "trained_at": "x", "leads": 0, '
        '"tokens": {}}',
        '{"v": 1, "kind": "prior", "intercept": 0, "overall_rate": 0.2, "trained_at": "x", "leads": 0}',
        '{"v": 1, "kind": "prior", "intercept": 0, "overall_rate": 0.2, "trained_at": "x", "leads": 0, '
        '"tokens": {"a=1": []}}',
    ],
)
def test_anything_but_a_stored_model_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="score model"):
        ScoreModel.from_json(text)


def test_the_default_model_starts_at_20_percent_and_moves_a_little_with_the_documented_buckets() -> None:
    model = default_model(NOW)
    assert (model.kind, model.leads, model.overall_rate, model.stats) == ("prior", 0, 0.2, {})
    assert model.trained_at == "2026-12-01T12:00:00.000Z"
    assert model.weights == DEFAULT_WEIGHTS
    assert all(abs(weight) <= 0.6 for weight in model.weights.values())
    unknown = _model({}, intercept=model.intercept)
    assert unknown.score(_facts()).probability == pytest.approx(0.2)

    hot = _facts(first_response_minutes=2, last_activity_at=NOW - timedelta(hours=5), has_company=True)
    cold = _facts(
        first_response_minutes=None,
        activity_count=0,
        last_activity_at=None,
        email_kind="none",
        has_phone=False,
    )
    assert default_model(NOW).score(hot).score > 20 > default_model(NOW).score(cold).score
    assert "response=none" in tokens(cold)
    assert [reason.text for reason in model.score(cold).reasons] == [
        "no activity for 20 days",
        "few contact details (no email address, phone number or company)",
        "no email address",  # -0.2, as "response=none": the tie goes to the token first in order
    ]
    assert ScoreModel.from_json(model.to_json()) == model
