"""A short chaos run on the running local stack (`make chaos` at a smaller scale: 18 wins, 6
reminders): leads won while the Google Ads and Meta fakes fail a share of requests (and stall one past
the client's timeout, serving it all the same) and the mail sink refuses a share of reminder mail.
Nothing is lost, nothing is counted twice, the DLQ ends empty.

The e2e stacks shorten every retry delay (RETRY_DELAY_SCALE) and the platforms' timeout
(ADS_HTTP_TIMEOUT_SECONDS), tests/e2e/conftest.py, so the run takes seconds rather than minutes."""

from __future__ import annotations

from typing import Any

import requests

from devstack.chaos import ChaosPlan, run_chaos
from tests.e2e.conftest import E2E_ADS_TIMEOUT_SECONDS

SHORT = ChaosPlan(
    wins=18,
    tenants=3,
    reminders=6,
    error_rate=0.3,
    seed=11,
    stalls=1,
    stall_seconds=E2E_ADS_TIMEOUT_SECONDS + 1.5,
    fault_seconds=20,
    retry_after=1,
    drain_timeout=240,
)


def test_a_short_chaos_run_loses_nothing_and_counts_nothing_twice(stack: dict[str, Any]) -> None:
    said: list[str] = []
    report = run_chaos(stack, SHORT, say=said.append)
    google, meta = report.platforms["google_ads"], report.platforms["meta"]
    summary = "\n".join([*said, *report.lines()])
    print(summary)
    # The faults happened: requests failed on cue and were retried, mail was refused
    assert google.failed_on_cue > 0 and meta.failed_on_cue > 0, summary
    assert google.retries + meta.retries > 0, summary
    assert report.mail.refused_on_cue > 0, summary
    # And every win reached both platforms once, every reminder arrived once
    assert report.wins == 18
    assert (google.sent, meta.sent) == (18, 18), summary
    assert (report.lost, report.duplicates) == (0, 0), summary
    assert report.mail.delivered == report.mail.expected == 6, summary
    assert report.dlq_after_replay == 0 and report.ok, summary
    # And the scripts are cleared: the fakes serve everything again
    for url in (stack["ad_fakes"]["google_ads"], stack["ad_fakes"]["meta_graph"]):
        shown = requests.get(f"{url}/__script", timeout=30).json()
        assert (shown["queued"], shown["rate"]) == ([], None)
