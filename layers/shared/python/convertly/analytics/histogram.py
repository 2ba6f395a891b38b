"""Durations kept as counts in log-spaced buckets, so medians and percentiles never read durations.

Bucket 0 holds anything under a minute; bucket k (k >= 1) holds [60 * 1.25^(k-1), 60 * 1.25^k)
seconds. A percentile is interpolated inside its bucket (geometrically), so it is within 25% of the
true value; 100 buckets reach beyond a century.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

BASE_SECONDS = 60.0
GROWTH = 1.25
BUCKETS = 100


def bucket(seconds: float) -> int:
    if seconds < BASE_SECONDS:
        return 0
    return min(BUCKETS - 1, int(math.log(seconds / BASE_SECONDS, GROWTH)) + 1)


def bounds(index: int) -> tuple[float, float]:
    """The seconds a bucket covers, [low, high)."""
    if index == 0:
        return 0.0, BASE_SECONDS
    return BASE_SECONDS * GROWTH ** (index - 1), BASE_SECONDS * GROWTH**index


def merge(histograms: Iterable[Mapping[int, int]]) -> dict[int, int]:
    total: dict[int, int] = {}
    for histogram in histograms:
        for index, count in histogram.items():
            if count:
                total[index] = total.get(index, 0) + count
    return {index: count for index, count in total.items() if count}


def percentile(histogram: Mapping[int, int], fraction: float) -> float | None:
    """The duration (seconds) below which `fraction` of the counts lie, or None with no counts."""
    total = sum(count for count in histogram.values() if count > 0)
    if total <= 0:
        return None
    rank = fraction * total
    seen = 0
    for index in sorted(histogram):
        count = histogram[index]
        if count <= 0:
            continue
        if seen + count >= rank:
            low, high = bounds(index)
            inside = (rank - seen) / count
            if index == 0:
                return low + (high - low) * inside
            return low * (high / low) ** inside
        seen += count
    return bounds(max(histogram))[1]
