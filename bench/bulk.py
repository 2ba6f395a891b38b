"""`python -m bench.bulk [--leads N]`: a bulk stage move over every lead of a stage, in one run with a moto
of its own.

N leads (default 10,000) are written straight to one stage of a tenant's default pipeline, as
bench/board.py seeds the board (each LeadItem with its index keys, the stage counter set to match).
Three more leads in another stage first measure a single move through the API for comparison
(bench/board.py's `measure_stage_change`: POST /leads/{id}/stage as the board sends it, with `seen`,
and as a client without `seen` sends it). Then the Admin starts a bulk `move_stage` over the filter
`{"leads": {"pipeline_id", "stage_id"}}` (`start_bulk_action`, metered as the request), and the run is
driven as the bulk runner's queue drives it: `run.run_step` once per message, each message's event as
the outbox queued it, until the action is done. Every message is metered; the calls of resolving the
scope (a page of 100 ids a time, 20 pages a message) are told apart from applying the move (a chunk of
100 leads a message), and within a chunk the calls of each lead from the chunk's own (bench/spans.py).
Read and write units come from the probe on every resolve message and on one apply message in
SAMPLE_EVERY. At the end every lead is read back (outside the meter) to check it moved, and the board's
stage counters are checked.

Leads per second are moto's in this process on this machine, not DynamoDB's, with the probe's reads
taken out.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.board import StageChangeReport, measure_stage_change, seed_board, stage_ids_of
from bench.capacity import Capacity, call_capacity
from bench.contact_backfill import SampledProbe
from bench.meter import Call
from bench.scenarios import Bench, Tenant, _detail
from bench.spans import Marks, marked

RESULTS = Path(__file__).resolve().parent / ".results-bulk.json"
LEADS = 10_000
SAMPLE_EVERY = 10  # apply messages: the probe sees one in ten (every resolve message)
CALLS_TARGET = 3  # AWS calls per lead, the whole run over the leads moved
FROM_STAGE, PROBE_STAGE, TO_STAGE = 0, 1, 2  # the default pipeline's New, Contacted, Qualified


def _progress(message: str) -> None:
    print(message, file=sys.__stderr__, flush=True)


@dataclass
class Part:
    """The calls of one part of the run: resolving, each lead's move, or the apply messages' own."""

    count: int = 0  # messages or leads
    operations: Counter[str] = field(default_factory=Counter)
    sampled: int = 0
    capacity: Capacity = field(default_factory=Capacity)  # of the sampled ones

    def add(self, calls: list[Call], sampled: bool, schema: Any) -> None:
        self.count += 1
        self.sampled += sampled
        self.operations.update(call.operation for call in calls)
        if sampled:
            for call in calls:
                self.capacity += call_capacity(
                    call.operation, call.params, call.response, call.observed, schema
                )

    def total(self) -> Capacity:
        """Every unit of the part: its sampled units scaled to all of it."""
        scale = self.count / self.sampled if self.sampled else 0.0
        return Capacity(self.capacity.rcu * scale, self.capacity.wcu * scale)


@dataclass
class BulkResults:
    leads: int
    single: StageChangeReport | None = None
    start: Part = field(default_factory=Part)
    resolve: Part = field(default_factory=Part)  # per message
    lead: Part = field(default_factory=Part)  # per lead moved
    chunk: Part = field(default_factory=Part)  # per apply message, besides its leads
    outcomes: Counter[str] = field(default_factory=Counter)  # each lead's, as the run counted it
    status: dict[str, Any] = field(default_factory=dict)  # the bulk action at the end
    moved: int = 0  # leads read back in the target stage, one version on
    counters: dict[str, int] = field(default_factory=dict)  # the board's column counts at the end
    seconds: float = 0.0  # every message, less the probe's reads
    seed_seconds: float = 0.0
    example: list[str] = field(default_factory=list)  # one sampled lead's calls, with what each touched

    @property
    def messages(self) -> int:
        return self.resolve.count + self.chunk.count

    @property
    def operations(self) -> Counter[str]:
        return self.resolve.operations + self.lead.operations + self.chunk.operations

    def calls_per_lead(self) -> float:
        return sum(self.operations.values()) / self.leads

    def capacity_per_lead(self) -> Capacity:
        total = self.resolve.total() + self.lead.total() + self.chunk.total()
        return Capacity(total.rcu / self.leads, total.wcu / self.leads)

    @property
    def every_lead_moved(self) -> bool:
        done = self.status.get("status") == "done" and self.status.get("succeeded") == self.leads
        return done and self.moved == self.leads and self.counters.get("from") == 0


# The tenant ----------------------------------------------------------------------------------------


def _admin(bench: Bench, tenant: Tenant) -> Any:
    from convertly.permissions import Role
    from convertly.platform.principal import Principal

    user = bench.api.call("GET", "/me", token=tenant.token)["user"]
    return Principal(user["user_id"], tenant.tenant_id, Role.ADMIN, user["email"], user["name"])


def _view(tenant: Tenant) -> Tenant:
    """The tenant with a list of leads of its own (seed_board appends the ids it writes)."""
    return Tenant(tenant.token, tenant.tenant_id, tenant.pipeline_id, tenant.stage_id, [])


# The run -------------------------------------------------------------------------------------------


def _start(bench: Bench, results: BulkResults, principal: Any, tenant: Tenant, stages: list[str]) -> str:
    from convertly.bulk.domain import BulkActionCreate, BulkParams, BulkScope, LeadScope
    from convertly.bulk.use_cases import start_bulk_action

    request = BulkActionCreate(
        object="leads",
        action="move_stage",
        scope=BulkScope(leads=LeadScope(pipeline_id=tenant.pipeline_id, stage_id=stages[FROM_STAGE])),
        params=BulkParams(stage_id=stages[TO_STAGE]),
        request_key=uuid.uuid4().hex,
    )
    with bench.meter.recording() as recording:
        action, status = start_bulk_action(principal, request)
    if status != 202:
        raise RuntimeError(f"the bulk action answered {status}: {action}")
    results.start.add(recording.calls, True, bench.schema)
    return action.bulk_id


def _lead_outcome(args: tuple[Any, ...]) -> Any:
    tally = args[2]
    names = ("succeeded", "skipped", "failed", "forbidden")
    before = {name: getattr(tally, name) for name in names}
    return lambda: next((n for n in names if getattr(tally, n) != before[n]), "unknown")


def _message(bench: Bench, results: BulkResults, event: Any, phase: str, sampled: bool, marks: Marks) -> None:
    from convertly.bulk import run

    with bench.meter.recording() as recording:
        marks.start(recording)
        started = time.perf_counter()
        run.run_step(event)
        results.seconds += time.perf_counter() - started
    marks.recording = None
    if phase == "resolve":
        results.resolve.add(recording.calls, sampled, bench.schema)
        return
    for outcome, first, end in marks.spans:
        results.outcomes[outcome] += 1
        results.lead.add(recording.calls[first:end], sampled, bench.schema)
        if sampled and not results.example:
            results.example = [f"{c.operation}: {_detail(c)}" for c in recording.calls[first:end]]
    inside = marks.inside()
    results.chunk.add([c for i, c in enumerate(recording.calls) if i not in inside], sampled, bench.schema)


def _run(bench: Bench, results: BulkResults, tenant_id: str, bulk_id: str) -> None:
    """One message after another, as the queue hands them, until the bulk action is done."""
    from convertly.bulk import run
    from convertly.bulk.use_cases import find_bulk
    from convertly.platform.events.envelope import DomainEvent

    marks = Marks()
    probe = SampledProbe(bench.meter.probe) if bench.meter.probe is not None else None
    original, bench.meter.probe = bench.meter.probe, probe
    try:
        with marked(run.Applier, "apply", marks, _lead_outcome):
            detail = "BulkActionRequested"
            while (item := find_bulk(tenant_id, bulk_id)) is not None and item.status in (
                "queued",
                "running",
            ):
                phase = str(item.phase or "resolve")
                # The second apply message, then every SAMPLE_EVERY: the first warms the stage directory.
                sampled = phase == "resolve" or results.chunk.count % SAMPLE_EVERY == 1
                if probe is not None:
                    probe.on = sampled
                event = DomainEvent(detail_type=detail, tenant_id=tenant_id, data={"bulk_id": bulk_id})
                _message(bench, results, event, phase, sampled, marks)
                detail = "BulkActionContinued"
                if results.chunk.count % 20 == 19 and phase == "apply":
                    _progress(f"   {results.lead.count:,} of {results.leads:,} leads ...")
    finally:
        bench.meter.probe = original
    results.seconds -= probe.seconds if probe is not None else 0.0


def _check(
    bench: Bench, results: BulkResults, tenant: Tenant, lead_ids: list[str], stages: list[str]
) -> None:
    """Read every lead back, the bulk action and the board's counters (none of it metered)."""
    from convertly.bulk.use_cases import find_bulk, to_bulk_action
    from convertly.leads.store import batch_get_leads

    target = stages[TO_STAGE]
    for start in range(0, len(lead_ids), 100):
        found = batch_get_leads(tenant.tenant_id, lead_ids[start : start + 100], consistent=True)
        results.moved += sum(
            1 for lead in found.values() if lead.stage_id == target and int(lead.version) == 2
        )
    bulk = find_bulk(tenant.tenant_id, results.status["bulk_id"])
    results.status = to_bulk_action(bulk).model_dump() if bulk is not None else {}
    board = bench.api.call("GET", f"/pipelines/{tenant.pipeline_id}/board", token=tenant.token)
    counts = {column["stage_id"]: int(column["lead_count"]) for column in board["columns"]}
    results.counters = {"from": counts[stages[FROM_STAGE]], "to": counts[target]}


def measure(bench: Bench, leads: int) -> BulkResults:
    tenant = bench.sign_up("bulk@bench.test")
    principal, stages = _admin(bench, tenant), stage_ids_of(bench, tenant)
    results = BulkResults(leads)
    probe_leads = _view(tenant)
    seed_board(bench, probe_leads, [stages[PROBE_STAGE]], 3)
    _progress("measuring a single stage change through the API ...")
    results.single = measure_stage_change(bench, probe_leads, stages)
    _progress(f"seeding {leads:,} leads in one stage ...")
    scoped, started = _view(tenant), time.perf_counter()
    seed_board(bench, scoped, [stages[FROM_STAGE]], leads)
    results.seed_seconds = time.perf_counter() - started
    _progress("starting the bulk move and running it a message at a time ...")
    bulk_id = _start(bench, results, principal, tenant, stages)
    results.status = {"bulk_id": bulk_id}
    _run(bench, results, tenant.tenant_id, bulk_id)
    _check(bench, results, tenant, scoped.lead_ids, stages)
    return results


# Output ---------------------------------------------------------------------------------------------


def _ops(operations: Counter[str], per: float) -> str:
    return ", ".join(f"{op} {n / per:.3g}" for op, n in sorted(operations.items())) or "none"


def _single_calls(r: BulkResults) -> tuple[int, int]:
    """The calls of a single move: with `seen` (the board), and without (the lead read first)."""
    assert r.single is not None and r.single.read_first is not None
    return r.single.request.total_calls, r.single.read_first.total_calls


def _lines(r: BulkResults) -> list[str]:
    from bench.report import _ops as ops

    assert r.single is not None and r.single.read_first is not None
    single, read_first = r.single.request, r.single.read_first
    per, resolve, lead = r.capacity_per_lead(), r.resolve.total(), r.lead
    return [
        f"Bulk move_stage over every lead of a stage ({r.leads:,} leads, a filtered scope; computed units)",
        "",
        f"   messages processed: {r.messages} ({r.resolve.count} resolving, {r.chunk.count} applying)",
        f"   leads/second: {r.leads / r.seconds:.1f} (moto's, in this process on this machine, not "
        f"DynamoDB's; {r.seconds:.0f} s, the probe's reads taken out)",
        f"   outcomes: {dict(r.outcomes)}; the action: {r.status.get('status')}, total "
        f"{r.status.get('total', 0):,}, succeeded {r.status.get('succeeded', 0):,}",
        f"   read back: {r.moved:,} of {r.leads:,} leads in the target stage at version 2; the board counts "
        f"{r.counters.get('from')} in the first stage, {r.counters.get('to')} in the target (3 moved singly)",
        "",
        f"   the start (start_bulk_action): {ops(r.start.operations)}; RCU {r.start.capacity.rcu:g}, "
        f"WCU {r.start.capacity.wcu:g}",
        f"   AWS calls per lead, the whole run: {r.calls_per_lead():.2f} ({_ops(r.operations, r.leads)})",
        f"     resolve, over the leads: {_ops(r.resolve.operations, r.leads)}",
        f"       per resolve message: {_ops(r.resolve.operations, r.resolve.count)}",
        f"     apply, each lead's own: {_ops(lead.operations, lead.count)}",
        f"     apply, each message's own ({r.chunk.count}): {_ops(r.chunk.operations, r.chunk.count)}",
        f"   RCU per lead {per.rcu:.2f}, WCU per lead {per.wcu:.1f}: resolve {resolve.rcu / r.leads:.2f} RCU "
        f"and {resolve.wcu / r.leads:.2f} WCU,",
        f"     each lead's move {lead.capacity.rcu / max(1, lead.sampled):.2f} RCU and "
        f"{lead.capacity.wcu / max(1, lead.sampled):.1f} WCU ({lead.sampled:,} leads sampled)",
        "   one lead's calls:",
        *[f"     {line}" for line in r.example],
        "",
        f"   a single move through the API, as the board sends it (with `seen`): {single.total_calls} calls "
        f"({ops(single.operations)}),",
        f"     RCU {single.computed.rcu:g}, WCU {single.computed.wcu:g}; without `seen`: "
        f"{read_first.total_calls} calls ({ops(read_first.operations)})",
        f"   bulk calls per lead over a single move's: {r.calls_per_lead() / single.total_calls:.2f}; over "
        f"one without `seen`: {r.calls_per_lead() / read_first.total_calls:.2f}",
    ]


def targets(r: BulkResults) -> list[tuple[str, str, bool]]:
    return [
        (
            f"bulk move: AWS calls per lead <= {CALLS_TARGET}",
            f"{r.calls_per_lead():.2f} (a single move: {_single_calls(r)[0]})",
            r.calls_per_lead() <= CALLS_TARGET,
        ),
        (
            "bulk move: every lead moved (read back, counted, counters)",
            f"{r.moved:,} / {r.leads:,}, succeeded {r.status.get('succeeded', 0):,}, "
            f"{r.counters.get('from')} left",
            r.every_lead_moved,
        ),
    ]


def render(r: BulkResults) -> str:
    from bench.report import _table

    rows = [[name, value, "PASS" if ok else "FAIL"] for name, value, ok in targets(r)]
    return "\n".join(
        [
            *_lines(r),
            "",
            "Targets",
            *["   " + line for line in _table(["target", "measured", "result"], rows)],
        ]
    )


def _part_json(part: Part) -> dict[str, Any]:
    return {
        "count": part.count,
        "calls_by_operation": dict(part.operations),
        "sampled": part.sampled,
        "rcu_sampled": round(part.capacity.rcu, 2),
        "wcu_sampled": round(part.capacity.wcu, 2),
    }


def to_json(r: BulkResults, seconds: float) -> dict[str, Any]:
    from bench.report import _request_json

    assert r.single is not None and r.single.read_first is not None
    per = r.capacity_per_lead()
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "run_seconds": round(seconds, 1),
        "leads": r.leads,
        "messages": {"resolve": r.resolve.count, "apply": r.chunk.count},
        "seconds": round(r.seconds, 1),
        "leads_per_second": round(r.leads / r.seconds, 2),
        "calls_per_lead": round(r.calls_per_lead(), 4),
        "calls_per_lead_by_operation": {op: round(n / r.leads, 4) for op, n in r.operations.items()},
        "rcu_per_lead": round(per.rcu, 3),
        "wcu_per_lead": round(per.wcu, 3),
        "start": _part_json(r.start),
        "resolve": _part_json(r.resolve),
        "lead": _part_json(r.lead),
        "apply_message": _part_json(r.chunk),
        "outcomes": dict(r.outcomes),
        "status": {
            k: r.status.get(k) for k in ("status", "total", "succeeded", "skipped", "failed", "forbidden")
        },
        "moved": r.moved,
        "counters": r.counters,
        "single_move": _request_json(r.single.request),
        "single_move_without_seen": _request_json(r.single.read_first),
        "targets": [{"target": n, "measured": v, "pass": ok} for n, v, ok in targets(r)],
    }


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bulk")
    parser.add_argument(
        "--leads", type=int, default=LEADS, help=f"leads in the stage moved (default {LEADS:,})"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    from bench import stack

    # Before anything imports convertly: the models bind the endpoint at import.
    endpoint = stack.reserve_endpoint()

    captured = io.StringIO()  # the handlers' logs and metrics; shown only on failure
    local, meter, schema = stack.start_metered(endpoint)
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            meter.install()
            results = measure(Bench(local, meter, schema), args.leads)
    except Exception:
        sys.stderr.write(captured.getvalue()[-20_000:])
        raise
    finally:
        meter.uninstall()
        local.stop()
    print(render(results))
    RESULTS.write_text(
        json.dumps(to_json(results, time.perf_counter() - started), indent=2) + "\n", encoding="utf-8"
    )
    print(f"\nfigures written to {RESULTS} in {time.perf_counter() - started:.0f} s")
    return 0 if all(ok for _, _, ok in targets(results)) else 1


if __name__ == "__main__":
    sys.exit(main())
