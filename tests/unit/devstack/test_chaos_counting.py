"""How `make chaos` counts: a win is sent when its platform holds it, lost when the platform does not
and the ledger records no reason, doubled when the platform counts it twice."""

from __future__ import annotations

from hashlib import sha256
from typing import Any

from devstack.chaos import (
    GCLID_PREFIX,
    ChaosReport,
    ChaosTenant,
    MailFigures,
    platform_figures,
)

RUN = "r1"


def tenant() -> ChaosTenant:
    leads = {f"L{n}": f"{GCLID_PREFIX}{RUN}-0-{n}" for n in range(4)}
    return ChaosTenant(0, "token", "1112223333", "999000", "won", leads)


def google_row(n: int, customer: str = "1112223333") -> dict[str, Any]:
    return {
        "gclid": f"{GCLID_PREFIX}{RUN}-0-{n}",
        "conversion_action": f"customers/{customer}/conversionActions/7",
    }


def meta_event(n: int, event_id: str, dataset: str = "999000") -> dict[str, Any]:
    hashed = sha256(f"L{n}".encode()).hexdigest()  # the lead id, hashed as Convertly sends it
    return {"dataset_id": dataset, "event_name": "Purchase", "event_id": event_id, "external_id": hashed}


def entry(lead: str, platform: str, status: str, at: str, attempt: int = 1) -> dict[str, Any]:
    return {
        "lead_id": lead,
        "platform": platform,
        "kind": "conversion",
        "status": status,
        "at": at,
        "attempt": attempt,
    }


def test_sent_lost_recorded_and_doubled_wins_are_told_apart() -> None:
    before = {
        "google_ads": {"conversions": {}, "retracted": [], "order_ids_resent": 0},
        "meta": {"events": [], "deduplicated": 2},
    }
    after = {
        "google_ads": {
            # L0 once; L1 under two order ids (counted twice); L2 for another customer (not this one's)
            "conversions": {
                "o0": google_row(0),
                "o1": google_row(1),
                "o1b": google_row(1),
                "o2": google_row(2, "4"),
            },
            "retracted": [],
            "order_ids_resent": 3,
        },
        # L0 under two event ids (counted twice), L1 once, a Lead event is not a Purchase
        "meta": {
            "events": [
                meta_event(0, "e0"),
                meta_event(0, "e0-again"),
                meta_event(1, "e1"),
                {**meta_event(2, "e2"), "event_name": "Lead"},
            ],
            "deduplicated": 5,
        },
    }
    entries = {
        0: [
            entry("L0", "google_ads", "retrying", "2026-12-07T10:00:00Z"),
            entry("L0", "google_ads", "sent", "2026-12-07T10:00:05Z", attempt=2),
            entry(
                "L2", "google_ads", "sent", "2026-12-07T10:00:01Z"
            ),  # the ledger says sent: Google lacks it
            entry("L3", "google_ads", "rejected", "2026-12-07T10:00:01Z"),
            entry("L2", "meta", "retrying", "2026-12-07T10:00:01Z"),
            entry("L3", "meta", "not_attributable", "2026-12-07T10:00:01Z"),
            entry("X9", "meta", "retrying", "2026-12-07T10:00:01Z"),  # not a lead of this run
        ]
    }
    figures = platform_figures(RUN, [tenant()], entries, (before, after), {"google_ads": 4, "meta": 1})
    google, meta = figures["google_ads"], figures["meta"]
    assert (google.sent, google.duplicates, google.lost, google.recorded_reasons) == (
        2,
        1,
        ["L2"],
        {"rejected": 1},
    )
    assert (google.ledger_says_sent_but_platform_lacks, google.retries, google.resent_deduplicated) == (
        1,
        1,
        3,
    )
    assert (meta.sent, meta.duplicates, meta.lost, meta.recorded_reasons) == (
        2,
        1,
        ["L2"],
        {"not_attributable": 1},
    )
    assert (meta.retries, meta.resent_deduplicated, meta.failed_on_cue) == (1, 3, 1)
    report = ChaosReport(4, 1, figures, MailFigures(expected=2, delivered=2), 0, 0, 0, 1.0, 1.0)
    assert (report.lost, report.duplicates, report.ok) == (2, 2, False)


def test_a_run_that_lost_nothing_is_ok_only_with_an_empty_dlq() -> None:
    held = {
        "google_ads": {"conversions": {}, "retracted": [], "order_ids_resent": 0},
        "meta": {"events": [], "deduplicated": 0},
    }
    empty = ChaosTenant(0, "token", "1", "2", "won", {})
    figures = platform_figures(RUN, [empty], {}, (held, held), {})
    assert ChaosReport(0, 1, figures, MailFigures(), 0, 0, 0, 0.0, 0.0).ok
    assert not ChaosReport(0, 1, figures, MailFigures(), 3, 3, 1, 0.0, 0.0).ok
    assert not ChaosReport(0, 1, figures, MailFigures(expected=1, lost=["s"]), 0, 0, 0, 0.0, 0.0).ok
