"""`python -m bench.ai_scoring [--leads 100000]`: the learned win-probability score on a generated tenant.

No AWS: training (convertly/ai/training.py) and scoring (convertly/ai/model.py) are pure, so this
measures them alone, in this process.

**The generated tenant.** N closed leads (default 100,000), created evenly over 18 months up to
2026-12-01 and each closed 1 to 90 days later (the rows ordered by close, as training reads them).
Whether a lead was won is drawn from sigmoid(true logit), where the true logit is

    -1.9                                     (intercept: about 22% won overall)
    + SOURCES[source]                        (google_ads +0.3, referral +1.0, tiktok_ads -0.6, ...)
    + campaign effect                        (30 campaigns on the ad sources: 3 strong +1.0,
                                              3 weak -1.0, the rest drawn from N(0, 0.2))
    + response effect                        (< 5 min +0.6, < 1 h +0.3, < 1 day 0, later -0.5,
                                              never -0.8; minutes log-normal, median 45)
    + 0.15 * min(activities, 6) - 0.45       (activities Poisson, mean 3)
    - 0.06 * min(idle days, 30)              (days since the last activity, exponential, mean 6)
    + EMAILS[email kind]                     (business +0.4, free 0, none -0.4)
    + 0.3 with all four contact details, -0.4 with at most one
    + VALUE_BANDS[value band]                (under 1,000 -0.3, 5,000-19,999 +0.2, 20,000+ -0.2)
    + 1.2 * stage position - 0.6             (the last open stage before the close, 4 stages)
    + 0.1 * (touches - 1)                    (1 to 5 form submissions)
    + 0.4 * (time through the 18 months) - 0.2   (a slow drift the tokens cannot see)
    + N(0, 0.5)                              (lead-level noise the tokens cannot see)

Days in the stage and the form (5 forms) carry no effect: noise tokens the model has to leave near
0. The "true model" is sigmoid of the true logit without the noise: the best any model of these facts
can do, so its holdout AUC is the ceiling. The baseline is the source-only model (each source's won
share in the training part), as the training module reports it.

**Figures.** Training of the N leads (wall and CPU time of `train`, which fits twice: on the first
80% for the quality, then on all of them for the model served), the model's JSON size and token
count, the cost of `ScoreModel.score` per lead (CPU µs, mean over 10,000 open leads, reasons
included) with the tokens per lead, and on the time-ordered holdout (the latest 20% by close) the
learned model's AUC and calibration error beside the baseline's and the true model's. Nothing is
asserted: the figures go to stdout and bench/.results-ai_scoring.json.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from convertly.ai.features import LeadFacts, tokens
from convertly.ai.model import ScoreModel, sigmoid
from convertly.ai.training import (
    Example,
    auc,
    calibration_error,
    holdout_start,
    source_rates,
    train,
)

RESULTS = Path(__file__).resolve().parent / ".results-ai_scoring.json"
LEADS = 100_000
SCORED = 10_000
SEED = 2026
END = datetime(2026, 12, 1, tzinfo=UTC)
SPAN = timedelta(days=548)  # 18 months
INTERCEPT = -1.9

# source: (share of leads, effect, label)
SOURCES: dict[str, tuple[float, float, str]] = {
    "google_ads": (0.30, 0.3, "Google Ads"),
    "meta_ads": (0.20, -0.2, "Meta Ads"),
    "organic_search": (0.15, 0.5, "Organic search"),
    "referral": (0.08, 1.0, "Referral"),
    "direct": (0.07, 0.0, "Direct"),
    "email": (0.05, 0.2, "Email"),
    "microsoft_ads": (0.05, 0.0, "Microsoft Ads"),
    "tiktok_ads": (0.04, -0.6, "TikTok Ads"),
    "linkedin_ads": (0.03, 0.4, "LinkedIn Ads"),
    "manual": (0.03, 0.3, "Manual"),
}
AD_SOURCES = ("google_ads", "meta_ads", "microsoft_ads", "tiktok_ads", "linkedin_ads")
CAMPAIGNS = 30
EMAILS = {"business": 0.4, "free": 0.0, "none": -0.4}
VALUE_BANDS = {"0": -0.3, "1-999": -0.3, "1k-5k": 0.0, "5k-20k": 0.2, "20k+": -0.2}
STAGES = [("S-new", "New", 0.0), ("S-contacted", "Contacted", 1 / 3), ("S-quote", "Quote sent", 2 / 3)]
STAGES.append(("S-negotiation", "Negotiation", 1.0))
FORMS = [(f"F{n}", f"Form {n}") for n in range(1, 6)]
NOISE = 0.5


@dataclass(frozen=True)
class Campaign:
    name: str
    source: str
    effect: float


def campaigns(rng: random.Random) -> list[Campaign]:
    """30 campaigns over the ad sources: the first 3 strong (+1.0), the next 3 weak (-1.0)."""
    found = []
    for n in range(CAMPAIGNS):
        effect = 1.0 if n < 3 else -1.0 if n < 6 else rng.gauss(0, 0.2)
        found.append(Campaign(f"campaign-{n + 1:02d}", AD_SOURCES[n % len(AD_SOURCES)], effect))
    return found


def _value_band(value: float) -> str:
    """The value's band, as convertly/ai/features.py buckets it."""
    if value <= 0:
        return "0"
    if value < 1_000:
        return "1-999"
    if value < 5_000:
        return "1k-5k"
    return "5k-20k" if value < 20_000 else "20k+"


def _response_effect(minutes: float | None) -> float:
    if minutes is None:
        return -0.8
    if minutes < 5:
        return 0.6
    if minutes < 60:
        return 0.3
    return 0.0 if minutes < 1_440 else -0.5


class Generator:
    """The generated tenant's leads (module docstring); the same seed gives the same leads."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.campaigns = campaigns(self.rng)
        self.by_source = {
            source: [campaign for campaign in self.campaigns if campaign.source == source]
            for source in AD_SOURCES
        }
        self.sources = list(SOURCES)
        self.source_shares = [SOURCES[source][0] for source in self.sources]

    def lead(self, n: int, created_at: datetime, as_of: datetime) -> tuple[LeadFacts, float]:
        """One lead's facts at `as_of` and its true logit without the noise."""
        rng = self.rng
        source = rng.choices(self.sources, self.source_shares)[0]
        logit = INTERCEPT + SOURCES[source][1]
        campaign = rng.choice(self.by_source[source]) if source in AD_SOURCES else None
        logit += campaign.effect if campaign else 0.0
        form = rng.choice(FORMS) if source != "manual" else None
        minutes = None if rng.random() < 0.1 else rng.lognormvariate(math.log(45), 1.6)
        logit += _response_effect(minutes)
        activities = _poisson(rng, 3.0)
        logit += 0.15 * min(activities, 6) - 0.45
        idle = min(rng.expovariate(1 / 6), (as_of - created_at).total_seconds() / 86_400)
        logit -= 0.06 * min(idle, 30)
        kind = rng.choices(("business", "free", "none"), (0.45, 0.45, 0.10))[0]
        logit += EMAILS[kind]
        has_name, has_phone, has_company = rng.random() < 0.95, rng.random() < 0.7, rng.random() < 0.4
        present = sum((has_name, kind != "none", has_phone, has_company))
        logit += 0.3 if present == 4 else -0.4 if present <= 1 else 0.0
        value = 0.0 if rng.random() < 0.05 else round(rng.lognormvariate(math.log(3_000), 1.1), 2)
        logit += VALUE_BANDS[_value_band(value)]
        stage_id, stage_label, position = rng.choice(STAGES)
        logit += 1.2 * position - 0.6
        touches = 0 if form is None else 1 + min(4, _poisson(rng, 0.6))
        logit += 0.1 * max(0, touches - 1)
        logit += 0.4 * ((created_at - (END - SPAN)) / SPAN) - 0.2
        in_stage = min(rng.expovariate(1 / 12), (as_of - created_at).total_seconds() / 86_400)
        facts = LeadFacts(
            lead_id=f"L{n:07d}",
            created_at=created_at,
            as_of=as_of,
            source=source,
            source_label=SOURCES[source][2],
            campaign=campaign.name if campaign else None,
            form_id=form[0] if form else None,
            form_label=form[1] if form else None,
            value=value,
            first_response_minutes=minutes,
            activity_count=activities,
            last_activity_at=as_of - timedelta(days=idle) if activities else None,
            stage_id=stage_id,
            stage_label=stage_label,
            stage_position=position,
            stage_entered_at=as_of - timedelta(days=in_stage),
            touch_count=touches,
            email_kind=kind,
            has_name=has_name,
            has_phone=has_phone,
            has_company=has_company,
        )
        return facts, logit

    def closed(self, count: int) -> tuple[list[Example], list[float]]:
        """`count` closed leads ordered by close, with each one's true probability (without the noise)."""
        drawn = []
        for n in range(count):
            created_at = END - SPAN + self.rng.random() * (SPAN - timedelta(days=90))
            closed_at = created_at + timedelta(days=self.rng.uniform(1, 90))
            facts, logit = self.lead(n, created_at, closed_at)
            won = self.rng.random() < sigmoid(logit + self.rng.gauss(0, NOISE))
            drawn.append((Example(facts, won, closed_at), sigmoid(logit)))
        drawn.sort(key=lambda pair: (pair[0].closed_at, pair[0].facts.lead_id))
        return [example for example, _ in drawn], [truth for _, truth in drawn]

    def open(self, count: int) -> list[LeadFacts]:
        """`count` open leads as of END, created in its last 90 days."""
        found = []
        for n in range(count):
            created_at = END - timedelta(days=self.rng.uniform(0, 90))
            found.append(self.lead(10_000_000 + n, created_at, END)[0])
        return found


def _poisson(rng: random.Random, mean: float) -> int:
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _progress(message: str) -> None:
    print(message, file=sys.__stderr__, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--leads", type=int, default=LEADS)
    arguments = parser.parse_args(argv)
    started = time.perf_counter()
    generator = Generator()
    _progress(f"generating {arguments.leads:,} closed leads ...")
    examples, truth = generator.closed(arguments.leads)
    stages = [(stage_id, position) for stage_id, _, position in STAGES]

    _progress("training ...")
    wall, cpu = time.perf_counter(), time.process_time()
    result = train(examples, stages, END)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    model, quality = result.model, result.quality
    document = model.to_json()
    assert ScoreModel.from_json(document) == model

    _progress(f"scoring {SCORED:,} open leads ...")
    leads = generator.open(SCORED)
    spent = time.process_time()
    scores = [model.score(facts) for facts in leads]
    per_lead_us = (time.process_time() - spent) / SCORED * 1e6
    tokens_per_lead = statistics.fmean(len(tokens(facts)) for facts in leads)

    cut = holdout_start(len(examples))
    assert cut is not None
    labels = [example.won for example in examples[cut:]]
    rates = source_rates(
        [tokens(example.facts) for example in examples[:cut]], [e.won for e in examples[:cut]]
    )
    fallback = sum(example.won for example in examples[:cut]) / cut
    baseline = [rates.get(f"source={example.facts.source}", fallback) for example in examples[cut:]]
    figures: dict[str, Any] = {
        "leads": len(examples),
        "won_share": round(sum(example.won for example in examples) / len(examples), 4),
        "kind": model.kind,
        "training_wall_s": round(wall, 2),
        "training_cpu_s": round(cpu, 2),
        "model_json_bytes": len(document.encode()),
        "model_tokens": len(model.weights),
        "score_cpu_us_per_lead": round(per_lead_us, 1),
        "tokens_per_lead": round(tokens_per_lead, 2),
        "mean_score": round(statistics.fmean(scored.score for scored in scores), 1),
        "holdout": quality.holdout,
        "learned_auc": quality.auc,
        "learned_calibration_error": quality.calibration_error,
        "baseline_auc": quality.baseline_auc,
        "baseline_calibration_error": calibration_error(labels, baseline),
        "true_auc": auc(labels, truth[cut:]),
        "true_calibration_error": calibration_error(labels, truth[cut:]),
    }
    strongest = sorted(model.weights.items(), key=lambda pair: (-abs(pair[1]), pair[0]))[:8]
    lines = [
        "AI scoring: the learned win-probability score on a generated tenant",
        "",
        f"closed leads: {figures['leads']:,} over 18 months, {figures['won_share']:.1%} won; "
        f"model: {model.kind}",
        f"training: {wall:.2f} s wall, {cpu:.2f} s CPU (two fits: the first 80% for the quality, then all)",
        f"model: {figures['model_json_bytes']:,} bytes of JSON, {figures['model_tokens']:,} weighted tokens",
        f"scoring: {per_lead_us:.1f} µs CPU per lead with its reasons (mean over {SCORED:,}), "
        f"{tokens_per_lead:.1f} tokens per lead",
        "",
        f"holdout: the latest {quality.holdout:,} leads by close, "
        f"fitted on the {quality.train:,} before them",
        "| model | AUC | calibration error |",
        "|---|---|---|",
        f"| learned | {_f(figures['learned_auc'])} | {_f(figures['learned_calibration_error'])} |",
        f"| source only (baseline) | {_f(figures['baseline_auc'])} "
        f"| {_f(figures['baseline_calibration_error'])} |",
        f"| true model (ceiling) | {_f(figures['true_auc'])} | {_f(figures['true_calibration_error'])} |",
        "",
        "strongest learned tokens: " + ", ".join(f"{token} {weight:+.2f}" for token, weight in strongest),
        "",
        f"({time.perf_counter() - started:.0f} s)",
    ]
    print("\n".join(lines))
    figures["strongest"] = dict(strongest)
    figures["bins"] = quality.bins
    figures["generated_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    RESULTS.write_text(json.dumps(figures, indent=2))
    return 0


def _f(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    sys.exit(main())
