"""The contacts backfill (convertly.contacts.backfill.backfill_tenant) over leads from before contacts.

The leads are written straight to the table (bench/contact_seeding.py: no contact, their index keys,
~15% sharing an email with an earlier lead, ~30% carrying one of 50 company names), then the backfill
runs to the end under the meter. Every call is recorded; the read units of each page follow from
what it read. Write units need each written item as it was before and after the call (moto returns
no ConsumedCapacity for TransactWriteItems), which the probe reads with two GetItems per item: that
would triple the run, so the probe looks at one page in SAMPLE_EVERY (the pages are alike: the same
mix of new and known people throughout) and the write units per lead are those pages' units over
their leads. The time the probe spends is taken out of the run's time.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bench.capacity import TRANSACTION_FACTOR, Capacity, Observation, call_capacity, write_target_units
from bench.contact_seeding import OldLeads, Writer, seed_old_leads
from bench.meter import Call, Probe
from bench.scenarios import Bench

SAMPLE_EVERY = 20  # pages: the probe sees one page in twenty


class SampledProbe:
    """The bench's probe, on only while `on`; it keeps the time it spent."""

    def __init__(self, probe: Probe) -> None:
        self.probe, self.on, self.seconds = probe, False, 0.0

    def before(self, service: str, operation: str, params: dict[str, Any]) -> Any:
        if not self.on:
            return None
        started = time.perf_counter()
        try:
            return self.probe.before(service, operation, params)
        finally:
            self.seconds += time.perf_counter() - started

    def after(
        self, service: str, operation: str, params: dict[str, Any], response: dict[str, Any], state: Any
    ) -> Any:
        if not self.on:
            return None
        started = time.perf_counter()
        try:
            return self.probe.after(service, operation, params, response, state)
        finally:
            self.seconds += time.perf_counter() - started


@dataclass
class BackfillResults:
    seeded: OldLeads
    seconds: float  # the backfill's run, less the probe's reads
    leads_seen: int
    leads_linked: int
    contacts_created: int
    companies_created: int
    operations: Counter[str] = field(default_factory=Counter)
    transaction_items: int = 0  # items named by every TransactWriteItems of the run
    read: Capacity = field(default_factory=Capacity)  # every page
    sampled_leads: int = 0
    sampled_write: Capacity = field(default_factory=Capacity)  # the sampled pages
    sampled_by_kind: Counter[str] = field(default_factory=Counter)  # their WCU by item type and write

    @property
    def leads_per_second(self) -> float:
        return self.leads_seen / self.seconds

    @property
    def contacts_per_second(self) -> float:
        return self.contacts_created / self.seconds

    @property
    def wcu_per_lead(self) -> float:
        return self.sampled_write.wcu / self.sampled_leads if self.sampled_leads else float("nan")

    @property
    def rcu_per_lead(self) -> float:
        return self.read.rcu / self.leads_seen

    @property
    def transactions(self) -> int:
        return self.operations.get("TransactWriteItems", 0)


def run(bench: Bench, writer: Writer, count: int) -> BackfillResults:
    """Seed `count` leads in a tenant of their own, then backfill it to the end, metered."""
    from convertly.contacts.backfill import backfill_tenant

    tenant = bench.sign_up(f"backfill{count}@bench.test")
    admin_id = bench.api.call("GET", "/me", token=tenant.token)["user"]["user_id"]
    seeded = seed_old_leads(writer, tenant, admin_id, count, datetime.now(UTC))
    sampled = SampledProbe(bench.meter.probe) if bench.meter.probe is not None else None
    original, bench.meter.probe = bench.meter.probe, sampled
    pages: list[tuple[int, bool]] = []  # where each page's calls start, and whether it was sampled

    try:
        with bench.meter.recording() as recording:

            def next_page() -> bool:
                sampling = len(pages) % SAMPLE_EVERY == SAMPLE_EVERY // 2
                pages.append((len(recording.calls), sampling))
                if sampled is not None:
                    sampled.on = sampling
                return True

            started = time.perf_counter()
            report = backfill_tenant(tenant.tenant_id, keep_going=next_page)
            seconds = time.perf_counter() - started
    finally:
        bench.meter.probe = original
    results = BackfillResults(
        seeded,
        seconds - (sampled.seconds if sampled is not None else 0.0),
        report.leads_seen,
        report.leads_linked,
        report.contacts_created,
        report.companies_created,
    )
    _tally(bench, results, recording.calls, pages)
    return results


def _tally(bench: Bench, results: BackfillResults, calls: list[Call], pages: list[tuple[int, bool]]) -> None:
    ends = [start for start, _ in pages[1:]] + [len(calls)]
    for (start, sampling), end in zip(pages, ends, strict=True):
        for call in calls[start:end]:
            units = call_capacity(call.operation, call.params, call.response, call.observed, bench.schema)
            results.read += Capacity(rcu=units.rcu)
            if sampling:
                results.sampled_write += Capacity(wcu=units.wcu)
                ok = call.operation == "TransactWriteItems" and call.error is None
                results.sampled_leads += ok
                _by_kind(bench, results.sampled_by_kind, call)
    for call in calls:
        results.operations[call.operation] += 1
        if call.operation == "TransactWriteItems":
            results.transaction_items += len(call.params.get("TransactItems", []))


def _by_kind(bench: Bench, tally: Counter[str], call: Call) -> None:
    """A write call's units by what it wrote: the item's type and the action (Lead Update, ...)."""
    if not isinstance(call.observed, Observation):
        return
    factor = TRANSACTION_FACTOR if call.operation == "TransactWriteItems" else 1
    for target in call.observed.writes:
        image = target.after or target.before or {}
        kind = f"{image.get('type', {}).get('S', '?')} {target.action}"
        tally[kind] += write_target_units(target, bench.schema.get(target.table), factor)
