"""The win-probability score of one lead: a logistic model over the lead's tokens (convertly/ai/features.py).

Stdlib only, like features.py: the event consumer scores with it and must not load numpy.

The probability is sigmoid(intercept + the sum of the weights of the lead's tokens); a token the
model has not learned weighs 0. The reasons are the lead's tokens that move its log-odds most (at
most 3, |weight| >= 0.05), each in words with, when the tenant has at least 5 closed leads with the
token, how many of them were won against the tenant's overall rate.

A stored model is one JSON document (`to_json`) that must fit one DynamoDB item: training keeps at
most MAX_TOKENS tokens and MAX_JSON_BYTES bytes (convertly/ai/training.py). Each token is stored once
with its weight and its stats, `[weight]` or `[weight, n, won]` (weight null when only stats exist).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from convertly.ai.features import LeadFacts, describe, tokens
from convertly.platform.clock import iso

FORMAT = 1
MAX_TOKENS = 2_000
MAX_JSON_BYTES = 350_000
MIN_STATS = 5  # closed leads with a token before its reason quotes their win rate
MIN_REASON_WEIGHT = 0.05
REASONS = 3
DECIMALS = 6
PRIOR_RATE = 0.2

# The prior for a tenant without closed leads, in log-odds added to logit(PRIOR_RATE). Small on
# purpose, so a tenant's own leads outweigh them at once; the directions are the usual ones in lead
# handling (a fast first answer and recent activity win more, a lead gone quiet or without a way to
# reach it wins less), the sizes about a third of what the bench's generated tenant shows.
DEFAULT_WEIGHTS: dict[str, float] = {
    "response=<5m": 0.4,
    "response=5-60m": 0.2,
    "response=>24h": -0.3,
    "response=none": -0.2,
    "idle=0-2d": 0.2,
    "idle=8-14d": -0.3,
    "idle=15d+": -0.6,
    "email=business": 0.2,
    "email=none": -0.2,
    "complete=full": 0.2,
    "complete=low": -0.3,
}


@dataclass(frozen=True)
class TokenStats:
    """Closed leads in training that had the token, and how many of them were won."""

    n: int
    won: int


@dataclass(frozen=True)
class Reason:
    token: str
    text: str
    effect: str  # "up" or "down"
    weight: float  # the token's contribution to the log-odds


@dataclass(frozen=True)
class Scored:
    probability: float
    score: int
    reasons: list[Reason] = field(default_factory=list)


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def percent(rate: float) -> int:
    """A share as a whole percentage, halves up."""
    return math.floor(rate * 100 + 0.5)


@dataclass(frozen=True)
class ScoreModel:
    kind: str  # "learned" (logistic regression) or "prior"
    intercept: float
    weights: dict[str, float]
    stats: dict[str, TokenStats]
    overall_rate: float
    trained_at: str
    leads: int

    def score(self, facts: LeadFacts) -> Scored:
        found = tokens(facts)
        z = self.intercept + sum(self.weights.get(token, 0.0) for token in found)
        probability = sigmoid(z)
        return Scored(probability, min(100, max(0, round(probability * 100))), self._reasons(found, facts))

    def _reasons(self, found: list[str], facts: LeadFacts) -> list[Reason]:
        weighed = [(token, self.weights.get(token, 0.0)) for token in found]
        strong = sorted(
            ((token, weight) for token, weight in weighed if abs(weight) >= MIN_REASON_WEIGHT),
            key=lambda pair: (-abs(pair[1]), pair[0]),
        )
        return [
            Reason(token, self.reason_text(token, facts), "up" if weight > 0 else "down", weight)
            for token, weight in strong[:REASONS]
        ]

    def reason_text(self, token: str, facts: LeadFacts) -> str:
        """describe(), with the token's win rate against the overall one once MIN_STATS leads had it."""
        words = describe(token, facts)
        stats = self.stats.get(token)
        if stats is None or stats.n < MIN_STATS:
            return words
        won = percent(stats.won / stats.n)
        return f"{words}: {won}% of these leads were won, against {percent(self.overall_rate)}% overall"

    def to_json(self) -> str:
        """Compact and stable: sorted keys, floats rounded to 6 decimals."""
        entries: dict[str, list[Any]] = {}
        for token in sorted(set(self.weights) | set(self.stats)):
            weight = self.weights.get(token)
            entry: list[Any] = [None if weight is None else round(weight, DECIMALS)]
            stats = self.stats.get(token)
            if stats is not None:
                entry += [stats.n, stats.won]
            entries[token] = entry
        document = {
            "v": FORMAT,
            "kind": self.kind,
            "intercept": round(self.intercept, DECIMALS),
            "overall_rate": round(self.overall_rate, DECIMALS),
            "trained_at": self.trained_at,
            "leads": self.leads,
            "tokens": entries,
        }
        return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ScoreModel:
        """The model `to_json` wrote; ValueError for anything else."""
        try:
            document = json.loads(text)
            if document.get("v") != FORMAT or document["kind"] not in ("learned", "prior"):
                raise ValueError(f"not a score model of format {FORMAT}")
            weights: dict[str, float] = {}
            stats: dict[str, TokenStats] = {}
            for token, entry in document["tokens"].items():
                if entry[0] is not None:
                    weights[token] = float(entry[0])
                if len(entry) == 3:
                    stats[token] = TokenStats(int(entry[1]), int(entry[2]))
            return cls(
                kind=document["kind"],
                intercept=float(document["intercept"]),
                weights=weights,
                stats=stats,
                overall_rate=float(document["overall_rate"]),
                trained_at=str(document["trained_at"]),
                leads=int(document["leads"]),
            )
        except (KeyError, TypeError, IndexError, AttributeError, json.JSONDecodeError) as error:
            raise ValueError(f"not a score model: {error}") from error


def default_model(now: datetime) -> ScoreModel:
    """The prior for a tenant with no closed leads: 20% won, moved a little by DEFAULT_WEIGHTS."""
    return ScoreModel(
        kind="prior",
        intercept=round(logit(PRIOR_RATE), DECIMALS),
        weights=dict(DEFAULT_WEIGHTS),
        stats={},
        overall_rate=PRIOR_RATE,
        trained_at=iso(now),
        leads=0,
    )
