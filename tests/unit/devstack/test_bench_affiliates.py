"""bench/affiliates.py's verdicts rest on two small pure parts: the delivery schedule (every event
the same number of times, shuffled the same way for a seed, each delivery numbered by arrival) and the
tally of ledger entries per invoice (duplicates, missing and stray entries told apart)."""

from __future__ import annotations

from collections import Counter

from bench.affiliates import mean_operations, schedule, tally


def test_every_event_is_delivered_the_same_number_of_times_in_a_seeded_shuffle() -> None:
    events = [f"evt_{n}" for n in range(50)]

    order = schedule(events, 3, seed=7)

    assert Counter(event for event, _ in order) == {event: 3 for event in events}
    assert order == schedule(events, 3, seed=7)
    assert order != schedule(events, 3, seed=8)
    assert [event for event, _ in order] != [event for event in events for _ in range(3)]


def test_deliveries_are_numbered_in_the_order_they_arrive() -> None:
    order = schedule(["a", "b", "c"], 3, seed=1)

    seen: dict[str, list[int]] = {}
    for event, nth in order:
        seen.setdefault(event, []).append(nth)

    assert all(numbers == [1, 2, 3] for numbers in seen.values())


def test_the_tally_tells_duplicates_missing_and_strays_apart() -> None:
    expected = ["in_1", "in_2", "in_3", "in_4"]
    found = ["in_1", "in_2", "in_2", "in_2", "in_3", "in_9"]

    counted = tally(expected, found)

    assert (counted.expected, counted.once, counted.duplicates, counted.missing, counted.strays) == (
        4,
        2,
        2,
        1,
        1,
    )
    assert tally(expected, expected) == tally(expected, list(reversed(expected)))
    assert tally(expected, expected).duplicates == 0 and tally(expected, expected).missing == 0


def test_mean_operations_average_over_every_delivery_including_those_without_the_call() -> None:
    means = mean_operations([Counter(GetItem=3), Counter(GetItem=1, TransactWriteItems=1)])

    assert means == {"GetItem": 2.0, "TransactWriteItems": 0.5}
    assert mean_operations([]) == {}
