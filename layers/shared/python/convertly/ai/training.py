"""Training a tenant's win-probability model from its own closed leads, and measuring it.

Runs in the training Lambda only (numpy, scipy and scikit-learn: functions/ai_training/requirements.txt);
what it returns is a ScoreModel that the event consumer scores with the stdlib.

**Learned** (at least MIN_LEARNED closed leads, both outcomes among them). The leads are ordered by
their close (then id); the latest 20% (at least MIN_HOLDOUT) are the holdout, the rest the training
part, so the quality is measured as the model is used: on leads that closed after the ones it learned
from. Each lead is its one-hot tokens (convertly/ai/features.py); a token seen on fewer than
MIN_TOKEN_LEADS leads is dropped, and at most MAX_TOKENS of the most frequent are kept (fewer if the
stored model would pass MAX_JSON_BYTES). The fit is scikit-learn's LogisticRegression, L2, lbfgs,
C = 1.0: a Gaussian prior of standard deviation 1 on each token's log-odds, which holds the weights of
a small tenant near 0 and fades as leads accumulate. class_weight stays None, so the probabilities
stay calibrated to the tenant's real win rate. The quality is the fit on the training part scored on
the holdout; the model served is then fitted again on every closed lead, so the newest leads count.

**Prior** (fewer closed leads, or one outcome only), from the tenant's own rates:
- overall = the tenant's won share smoothed toward 20% with PRIOR_PSEUDO_LEADS pseudo-leads; the
  intercept is logit(overall);
- `stage=<id>` for each open stage: logit(0.1 + 0.5 * position) - logit(overall), so a lead in the
  first open stage starts near 10% and one in the last near 60%;
- `source=<s>`: the source's won share smoothed toward overall with PRIOR_PSEUDO_LEADS pseudo-leads,
  as log-odds against overall;
- the small bucket weights of convertly.ai.model.DEFAULT_WEIGHTS.
Its quality is measured the same way when there are enough leads for a holdout (2 * MIN_HOLDOUT).

The same examples always give the same model: fixed order, fixed vocabulary order, a deterministic
solver.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from convertly.ai.features import LeadFacts, tokens
from convertly.ai.model import (
    DECIMALS,
    DEFAULT_WEIGHTS,
    MAX_JSON_BYTES,
    MAX_TOKENS,
    PRIOR_RATE,
    ScoreModel,
    TokenStats,
    logit,
    sigmoid,
)
from convertly.platform.clock import iso

MIN_LEARNED = 50
MIN_HOLDOUT = 10
HOLDOUT_SHARE = 0.2
MIN_TOKEN_LEADS = 3
C = 1.0
PRIOR_PSEUDO_LEADS = 10
BINS = 10
# What one token's entry may take in the stored JSON beyond its quoted name: `:[-12.345678,n,won],`.
_ENTRY_BYTES = 40
_DOCUMENT_BYTES = 1_000


@dataclass(frozen=True)
class Example:
    facts: LeadFacts
    won: bool
    closed_at: datetime


@dataclass(frozen=True)
class Quality:
    """The model fitted on the training part, scored on the holdout.

    `bins` are the 10 equal-width bins of predicted probability ({"from", "to", "leads", "predicted",
    "actual"}; predicted and actual None in an empty bin). `train` and `holdout` are the split's
    sizes (holdout 0 when there were too few leads for one); `won` and `lost` count every closed lead
    the served model learned from.
    """

    auc: float | None
    calibration_error: float | None
    bins: list[dict[str, Any]]
    baseline_auc: float | None
    train: int
    holdout: int
    won: int
    lost: int


@dataclass(frozen=True)
class TrainingResult:
    model: ScoreModel
    quality: Quality


Rows = Sequence[Sequence[str]]


def train(examples: list[Example], stages: list[tuple[str, float]], now: datetime) -> TrainingResult:
    """The tenant's model and its quality (module docstring); `stages` are its open stages, (id, position)."""
    ordered = sorted(examples, key=lambda example: (example.closed_at, example.facts.lead_id))
    rows = [tokens(example.facts) for example in ordered]
    labels = [example.won for example in ordered]
    won = sum(labels)
    learned = len(ordered) >= MIN_LEARNED and 0 < won < len(ordered)

    def build(part_rows: Rows, part_labels: Sequence[bool], moment: datetime) -> ScoreModel:
        # The training part alone may hold one outcome (every win closed late): it gets the prior.
        if learned and 0 < sum(part_labels) < len(part_labels):
            return _learned(part_rows, part_labels, moment)
        return _prior(part_rows, part_labels, stages, moment)

    cut = holdout_start(len(ordered))
    if cut is None:
        quality = Quality(None, None, _bins([], []), None, len(ordered), 0, won, len(ordered) - won)
    else:
        early = build(rows[:cut], labels[:cut], now)
        quality = _quality(early, rows[:cut], labels[:cut], rows[cut:], labels[cut:], won, len(ordered) - won)
    return TrainingResult(build(rows, labels, now), quality)


def holdout_start(count: int) -> int | None:
    """Where the holdout begins in time order: the last 20%, at least MIN_HOLDOUT; None when too few."""
    size = max(MIN_HOLDOUT, int(count * HOLDOUT_SHARE))
    return count - size if count - size >= MIN_HOLDOUT else None


def probability(model: ScoreModel, row: Sequence[str]) -> float:
    """The model's probability for a lead's tokens: ScoreModel.score without the reasons."""
    return sigmoid(model.intercept + sum(model.weights.get(token, 0.0) for token in row))


# The learned model ---------------------------------------------------------------------------------


def _learned(rows: Rows, labels: Sequence[bool], now: datetime) -> ScoreModel:
    counts, wins = _counts(rows, labels)
    vocabulary = vocabulary_of(counts)
    column = {token: index for index, token in enumerate(vocabulary)}
    indptr = [0]
    indices: list[int] = []
    for row in rows:
        indices.extend(sorted({column[token] for token in row if token in column}))
        indptr.append(len(indices))
    matrix = csr_matrix(
        (np.ones(len(indices)), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int64)),
        shape=(len(rows), max(1, len(vocabulary))),
    )
    regression = LogisticRegression(C=C, solver="lbfgs", max_iter=2_000, tol=1e-6, random_state=0)
    regression.fit(matrix, np.array(labels, dtype=np.int8))
    weights = {
        token: round(float(weight), DECIMALS)
        for token, weight in zip(vocabulary, regression.coef_[0], strict=False)
        if round(float(weight), DECIMALS) != 0
    }
    return ScoreModel(
        kind="learned",
        intercept=round(float(regression.intercept_[0]), DECIMALS),
        weights=weights,
        stats={token: TokenStats(counts[token], wins[token]) for token in vocabulary},
        overall_rate=round(sum(labels) / len(labels), DECIMALS),
        trained_at=iso(now),
        leads=len(rows),
    )


def _counts(rows: Rows, labels: Sequence[bool]) -> tuple[Counter[str], Counter[str]]:
    counts: Counter[str] = Counter()
    wins: Counter[str] = Counter()
    for row, won in zip(rows, labels, strict=True):
        unique = set(row)
        counts.update(unique)
        if won:
            wins.update(unique)
    return counts, wins


def vocabulary_of(counts: Counter[str], reserved: int = 0) -> list[str]:
    """The tokens a model keeps: seen on MIN_TOKEN_LEADS leads or more, most frequent first (ties by
    token), at most MAX_TOKENS - reserved and as many as fit MAX_JSON_BYTES with `reserved` entries more."""
    ranked = sorted(
        (token for token, count in counts.items() if count >= MIN_TOKEN_LEADS),
        key=lambda token: (-counts[token], token),
    )
    budget = MAX_JSON_BYTES - _DOCUMENT_BYTES - reserved * (_ENTRY_BYTES + 100)
    kept: list[str] = []
    for token in ranked[: max(0, MAX_TOKENS - reserved)]:
        budget -= len(json.dumps(token, ensure_ascii=False).encode()) + _ENTRY_BYTES
        if budget < 0:
            break
        kept.append(token)
    return kept


# The prior -----------------------------------------------------------------------------------------


def _prior(rows: Rows, labels: Sequence[bool], stages: list[tuple[str, float]], now: datetime) -> ScoreModel:
    closed, won = len(labels), sum(labels)
    overall = (won + PRIOR_PSEUDO_LEADS * PRIOR_RATE) / (closed + PRIOR_PSEUDO_LEADS)
    base = logit(overall)
    counts, wins = _counts(rows, labels)
    weights = dict(DEFAULT_WEIGHTS)
    for token, count in counts.items():
        if token.startswith("source="):
            rate = (wins[token] + PRIOR_PSEUDO_LEADS * overall) / (count + PRIOR_PSEUDO_LEADS)
            weights[token] = logit(rate) - base
    for stage_id, position in stages:
        weights[f"stage={stage_id}"] = logit(0.1 + 0.5 * min(1.0, max(0.0, position))) - base
    vocabulary = vocabulary_of(counts, reserved=len(weights))
    return ScoreModel(
        kind="prior",
        intercept=round(base, DECIMALS),
        weights={token: round(weight, DECIMALS) for token, weight in weights.items()},
        stats={token: TokenStats(counts[token], wins[token]) for token in vocabulary},
        overall_rate=round(won / closed, DECIMALS) if closed else PRIOR_RATE,
        trained_at=iso(now),
        leads=closed,
    )


# Quality -------------------------------------------------------------------------------------------


def _quality(
    model: ScoreModel,
    train_rows: Rows,
    train_labels: Sequence[bool],
    rows: Rows,
    labels: Sequence[bool],
    won: int,
    lost: int,
) -> Quality:
    predicted = [probability(model, row) for row in rows]
    baseline = source_rates(train_rows, train_labels)
    fallback = sum(train_labels) / len(train_labels)
    base_scores = [baseline.get(_source(row), fallback) for row in rows]
    return Quality(
        auc=auc(labels, predicted),
        calibration_error=calibration_error(labels, predicted),
        bins=_bins(labels, predicted),
        baseline_auc=auc(labels, base_scores),
        train=len(train_rows),
        holdout=len(rows),
        won=won,
        lost=lost,
    )


def _source(row: Sequence[str]) -> str:
    return next((token for token in row if token.startswith("source=")), "source=")


def source_rates(rows: Rows, labels: Sequence[bool]) -> dict[str, float]:
    """The baseline: each source token's won share among the leads given."""
    counts, wins = _counts([[_source(row)] for row in rows], labels)
    return {token: wins[token] / count for token, count in counts.items()}


def auc(labels: Sequence[bool], scores: Sequence[float]) -> float | None:
    """ROC AUC; None with fewer than MIN_HOLDOUT leads or one outcome only."""
    if len(labels) < MIN_HOLDOUT or len(set(labels)) < 2:
        return None
    return round(float(roc_auc_score(np.array(labels, dtype=np.int8), np.array(scores))), DECIMALS)


def _bin_of(p: float) -> int:
    return min(BINS - 1, max(0, int(p * BINS)))


def _binned(labels: Sequence[bool], predicted: Sequence[float]) -> list[tuple[int, float, int]]:
    """Per bin: leads, the sum of their probabilities, how many were won."""
    sums = [(0, 0.0, 0)] * BINS
    for p, won in zip(predicted, labels, strict=True):
        index = _bin_of(p)
        leads, total, wins = sums[index]
        sums[index] = (leads + 1, total + p, wins + int(won))
    return sums


def _bins(labels: Sequence[bool], predicted: Sequence[float]) -> list[dict[str, Any]]:
    return [
        {
            "from": round(index / BINS, 2),
            "to": round((index + 1) / BINS, 2),
            "leads": leads,
            "predicted": round(total / leads, 4) if leads else None,
            "actual": round(wins / leads, 4) if leads else None,
        }
        for index, (leads, total, wins) in enumerate(_binned(labels, predicted))
    ]


def calibration_error(labels: Sequence[bool], predicted: Sequence[float]) -> float | None:
    """Expected calibration error over 10 equal-width bins: the leads-weighted |predicted - actual|."""
    if not labels:
        return None
    gap = sum(abs(total - wins) for leads, total, wins in _binned(labels, predicted) if leads)
    return round(gap / len(labels), DECIMALS)
