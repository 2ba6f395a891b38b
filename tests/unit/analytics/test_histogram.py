"""Log-spaced histograms: a percentile read from buckets is within a bucket's width of the truth."""

from __future__ import annotations

import random

from convertly.analytics import histogram


def test_a_percentile_from_buckets_is_within_25_percent_of_the_true_one() -> None:
    rng = random.Random(7)
    values = sorted(rng.lognormvariate(11, 1.5) for _ in range(5000))
    counts: dict[int, int] = {}
    for value in values:
        index = histogram.bucket(value)
        counts[index] = counts.get(index, 0) + 1
    for fraction in (0.5, 0.9):
        true = values[int(fraction * len(values)) - 1]
        estimate = histogram.percentile(counts, fraction)
        assert estimate is not None
        assert abs(estimate - true) / true < 0.25


def test_every_duration_falls_in_the_bucket_that_covers_it() -> None:
    for seconds in (0, 59.9, 60, 61, 3600, 86400 * 30, 86400 * 365 * 5):
        low, high = histogram.bounds(histogram.bucket(seconds))
        assert low <= seconds < high


def test_an_empty_histogram_has_no_percentile_and_merge_adds_counts() -> None:
    assert histogram.percentile({}, 0.5) is None
    assert histogram.merge([{1: 2, 3: 1}, {1: 1, 4: 0}]) == {1: 3, 3: 1}
