"""`python -m bench.spreadsheet_import [--rows N]`: a spreadsheet import of contacts with leads, end to end,
in one run with a moto of its own.

1. Memory. Two more files, of 5 MB and of 50 MB (the largest an import takes), are uploaded to imports of
   a tenant of their own; each is inspected by the import runner's handler in a child process
   (bench/import_memory.py), and the 5 MB one's first chunk run the same way once it is started: the
   peak RSS and the peak of Python's allocations of each message, against the runner's 256 MB.
2. The import. A CSV of N rows (bench/import_file.py: contacts with leads, 1% bad rows, 1% duplicates in
   the file) is uploaded as the browser does (the presigned POST of `create_import`, sent with
   requests), inspected (`run.handle_upload`, what the bucket's notification makes the runner do),
   started with `creates="leads"` and the proposed mapping, and run a chunk at a time
   (`run.run_chunk`, each chunk's event as the runner's queue hands it, until the import is done),
   in this process under the meter. Calls are counted for every chunk and told apart per row (by its
   outcome), per chunk and for the finish (bench/spans.py); read and write units come from the probe
   on one chunk in SAMPLE_EVERY, and on the last. The counts the import reports are checked against
   the file, and the leads against the board's stage counters.

Rows per second are moto's in this process on this machine, not DynamoDB's, with the probe's own
reads taken out. The tenant's lead counter gets a limit above N: no plan creates more than 5,000 leads
a month, and the counter's condition and update cost the same whatever the limit. Transactions use
devstack/moto_speedups.py and Queries bench/moto_queries.py, and moto keeps no stream records
(bench/moto_streams.py: nothing here reads the stream, and it would hold gigabytes); none of them
changes what moto answers.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import import_file
from bench.capacity import TRANSACTION_FACTOR, Capacity, Observation, call_capacity, write_target_units
from bench.contact_backfill import SampledProbe
from bench.meter import Call
from bench.scenarios import Bench, _detail
from bench.spans import Marks, marked

RESULTS = Path(__file__).resolve().parent / ".results-spreadsheet_import.json"
ROOT = Path(__file__).resolve().parents[1]
ROWS = 100_000
# Rows `python -m bench` imports: 100,000 would take close to two hours in moto here; 40,000 took 53
# minutes on 2026-12-06 (bench/README.md).
FITS_HERE = 40_000
SAMPLE_EVERY = 20  # chunks: the probe sees one chunk in twenty (and the last)
MEMORY_TARGET_MB = 256  # the import runner's memory (convertly/imports/resources.py)
MEMORY_FILES = (("5 MB", 5 * 1024 * 1024), ("50 MB", 50 * 1024 * 1024))  # 50 MB: uploads.MAX_BYTES
OUTCOMES = ("created", "updated", "failed", "skipped")


def _progress(message: str) -> None:
    print(message, file=sys.__stderr__, flush=True)


# The tenant and its files --------------------------------------------------------------------------


def _admin(bench: Bench, email: str) -> Any:
    from convertly.permissions import Role
    from convertly.platform.principal import Principal

    tenant = bench.sign_up(email)
    user = bench.api.call("GET", "/me", token=tenant.token)["user"]
    return Principal(user["user_id"], tenant.tenant_id, Role.ADMIN, user["email"], user["name"]), tenant


def _lift_lead_limit(tenant_id: str, limit: int) -> None:
    """This month's lead counter with room for `limit` leads (written outside any recording)."""
    from convertly.billing import keys as billing_keys
    from convertly.billing.items import LeadUsageItem
    from convertly.billing.usage import month_of

    counter = LeadUsageItem(billing_keys.usage(tenant_id), billing_keys.lead_usage_sk(month_of()))
    counter.update(actions=[LeadUsageItem.lead_limit.set(limit)], condition=LeadUsageItem.PK.exists())


def _stage_names(bench: Bench, token: str) -> tuple[str, list[str]]:
    pipeline = bench.api.call("GET", "/pipelines", token=token)["items"][0]
    return str(pipeline["pipeline_id"]), [str(stage["name"]) for stage in pipeline["stages"]]


def _upload(principal: Any, path: Path) -> str:
    """Create the import and post the file as the browser does; the import's id."""
    import requests

    from convertly.imports.domain import ImportCreate
    from convertly.imports.use_cases import create_import

    created = create_import(principal, ImportCreate(file_name=path.name, size_bytes=path.stat().st_size))
    with path.open("rb") as file:
        files = {"file": (path.name, file, "text/csv")}
        answer = requests.post(created.upload.url, data=created.upload.fields, files=files, timeout=600)
    if answer.status_code != 201:
        raise RuntimeError(f"upload of {path.name}: {answer.status_code} {answer.text[:300]}")
    return created.import_id


def _start(principal: Any, import_id: str) -> list[str]:
    """Start the import with the mapping proposed from its header (checked against the file's); the
    mapping."""
    from convertly.imports.domain import ImportOptions, ImportStart
    from convertly.imports.use_cases import get_import, start_import

    proposed = get_import(principal, import_id).proposed
    if proposed != import_file.MAPPING:
        raise RuntimeError(f"proposed mapping {proposed}, expected {import_file.MAPPING}")
    start_import(principal, import_id, ImportStart(mapping=proposed, options=ImportOptions(creates="leads")))
    return proposed


# 1. Memory ------------------------------------------------------------------------------------------


@dataclass
class MemoryReport:
    name: str  # "inspect 5 MB", "chunk (5 MB file)"
    file_bytes: int
    rows: int
    rss_after_import_mb: float
    rss_peak_mb: float  # ru_maxrss
    hwm_peak_mb: float  # VmHWM, the same peak as the kernel keeps it for the memory map
    traced_peak_mb: float
    seconds: float

    @property
    def ok(self) -> bool:
        return self.rss_peak_mb <= MEMORY_TARGET_MB


def _child(mode: str, tenant_id: str, import_id: str, n: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.import_memory", mode, tenant_id, import_id, str(n)]
    # Through a shell that forks it rather than from here: Linux carries a process's peak RSS over
    # exec, so a child exec'd from this process (which holds moto's data) would start its ru_maxrss at
    # this process's size. The shell is small, and a fork starts the count afresh.
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        ["/bin/sh", "-c", '"$@"; exit $?', "sh", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith('{"mode"')]
    if done.returncode != 0 or not lines:
        raise RuntimeError(
            f"bench.import_memory {mode}: {done.returncode}\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    found: dict[str, Any] = json.loads(lines[-1])
    return found


def _memory_report(name: str, size: int, rows: int, found: dict[str, Any]) -> MemoryReport:
    return MemoryReport(
        name,
        size,
        rows,
        float(found["rss_after_import_mb"]),
        float(found["rss_peak_mb"]),
        float(found["hwm_peak_mb"]),
        float(found["traced_peak_mb"]),
        float(found["seconds"]),
    )


def measure_memory(bench: Bench, folder: Path) -> list[MemoryReport]:
    """Inspect a 5 MB and a 50 MB file, then run the 5 MB one's first chunk, each in a child process."""
    from convertly.imports.use_cases import find_import

    principal, tenant = _admin(bench, "import-memory@bench.test")
    _, stages = _stage_names(bench, tenant.token)
    reports, imports = [], []
    for label, size in MEMORY_FILES:
        path = folder / f"contacts-{label.replace(' ', '')}.csv"
        expected = import_file.write(path, stages=stages, size=size - 1024)
        import_id = _upload(principal, path)
        _progress(f"inspecting the {label} file ({expected.rows:,} rows) in a child process ...")
        found = _child("inspect", tenant.tenant_id, import_id, path.stat().st_size)
        item = find_import(tenant.tenant_id, import_id)
        if item is None or item.status != "ready" or int(item.rows_total) != expected.rows:
            raise RuntimeError(f"the {label} file: {item.status if item else None}, {expected.rows} rows")
        reports.append(_memory_report(f"inspect the {label} file", path.stat().st_size, expected.rows, found))
        imports.append((label, import_id, path))
    label, import_id, path = imports[0]
    _start(principal, import_id)
    _progress(f"running the {label} file's first chunk in a child process ...")
    found = _child("chunk", tenant.tenant_id, import_id, 0)
    item = find_import(tenant.tenant_id, import_id)
    if item is None or int(item.chunk or 0) != 1:
        raise RuntimeError(f"the {label} file's first chunk did not checkpoint: {item}")
    reports.append(_memory_report(f"a chunk ({label} file)", path.stat().st_size, int(item.rows_read), found))
    return reports


# 2. The import -------------------------------------------------------------------------------------


@dataclass
class Part:
    """The calls of one part of the run: the rows of one outcome, the chunks' own, the finish."""

    count: int = 0  # rows, chunks, or 1
    operations: Counter[str] = field(default_factory=Counter)
    sampled: int = 0  # of `count`, in the chunks the probe saw
    capacity: Capacity = field(default_factory=Capacity)  # of the sampled ones
    wcu_by_kind: Counter[str] = field(default_factory=Counter)  # of the sampled ones
    transactions: int = 0
    transaction_items: int = 0
    events: int = 0  # outbox items written (every one, sampled or not)

    def add(self, calls: list[Call], sampled: bool, schema: Any, outbox: str) -> None:
        self.count += 1
        self.sampled += sampled
        for call in calls:
            self.operations[call.operation] += 1
            if call.operation == "TransactWriteItems":
                items = call.params.get("TransactItems", [])
                self.transactions += 1
                self.transaction_items += len(items)
                self.events += sum(1 for entry in items if _partition(entry) == outbox)
            if sampled:
                self.capacity += call_capacity(
                    call.operation, call.params, call.response, call.observed, schema
                )
                _by_kind(self.wcu_by_kind, call, schema)

    def per(self, value: float) -> float:
        return value / self.sampled if self.sampled else 0.0

    def total(self) -> Capacity:
        """Every unit of the part: its sampled units scaled to all of it."""
        scale = self.count / self.sampled if self.sampled else 0.0
        return Capacity(self.capacity.rcu * scale, self.capacity.wcu * scale)


def _partition(entry: dict[str, Any]) -> str | None:
    (_, request), *_ = entry.items()
    item = request.get("Item") or request.get("Key") or {}
    value = item.get("PK", {}).get("S")
    return str(value) if value is not None else None


def _by_kind(tally: Counter[str], call: Call, schema: Any) -> None:
    """A write's units by what it wrote: the item's type and the action (Lead Put, ...)."""
    if not isinstance(call.observed, Observation):
        return
    factor = TRANSACTION_FACTOR if call.operation == "TransactWriteItems" else 1
    for target in call.observed.writes:
        image = target.after or target.before or {}
        kind = f"{image.get('type', {}).get('S', '?')} {target.action}"
        tally[kind] += write_target_units(target, schema.get(target.table), factor)


@dataclass
class ImportResults:
    rows: int
    file_bytes: int
    expected: dict[str, int]
    counts: dict[str, int] = field(default_factory=dict)
    problem_rows: int = 0
    board_leads: int = 0
    chunks: int = 0
    seconds: float = 0.0  # the chunks' run, less the probe's reads
    inspection_seconds: float = 0.0
    first_progress_seconds: float = 0.0
    inspection: Part = field(default_factory=Part)
    example: list[str] = field(default_factory=list)  # one sampled created row's calls
    parts: dict[str, Part] = field(
        default_factory=lambda: {n: Part() for n in (*OUTCOMES, "chunk", "finish")}
    )

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    @property
    def operations(self) -> Counter[str]:
        """Every call of the run (not the inspection)."""
        return sum((part.operations for part in self.parts.values()), Counter())

    def capacity_per_row(self) -> Capacity:
        total = sum((part.total() for part in self.parts.values()), Capacity())
        return Capacity(total.rcu / self.rows, total.wcu / self.rows)

    @property
    def matches(self) -> bool:
        keys = ("rows_total", "created", "leads_created", "failed", "skipped", "companies_created")
        counted = all(self.counts.get(k) == self.expected[k] for k in keys)
        problems = self.problem_rows == self.expected["failed"] + self.expected["skipped"]
        return counted and problems and self.board_leads == self.expected["created"]


def _row_outcome(args: tuple[Any, ...]) -> Any:
    tally = args[1]
    before = {name: getattr(tally, name) for name in OUTCOMES}
    return lambda: next((n for n in OUTCOMES if getattr(tally, n) != before[n]), "updated")


def _chunk_event(tenant_id: str, import_id: str, number: int) -> Any:
    from convertly.platform.events.envelope import DomainEvent

    detail = "ImportStarted" if number == 0 else "ImportContinued"
    return DomainEvent(
        detail_type=detail, tenant_id=tenant_id, data={"import_id": import_id, "chunk": number}
    )


def _tally_chunk(
    results: ImportResults, calls: list[Call], marks: Marks, sampled: bool, bench: Bench, outbox: str
) -> None:
    for label, first, end in marks.spans:
        results.parts[label].add(calls[first:end], sampled, bench.schema, outbox)
        if sampled and label == "created" and not results.example:
            results.example = [f"{c.operation}: {_detail(c)}" for c in calls[first:end]]
    inside = marks.inside()
    own = [call for i, call in enumerate(calls) if i not in inside]
    results.parts["chunk"].add(own, sampled, bench.schema, outbox)


def _inspect(bench: Bench, results: ImportResults, tenant_id: str, import_id: str, size: int) -> None:
    from convertly.imports import run

    with bench.meter.recording() as recording:
        started = time.perf_counter()
        run.handle_upload(f"imports/{tenant_id}/{import_id}/source", size)
        results.inspection_seconds = time.perf_counter() - started
    results.inspection.add(recording.calls, True, bench.schema, "")


def _run_chunks(bench: Bench, results: ImportResults, tenant_id: str, import_id: str, chunks: int) -> None:
    """Every chunk, in order, until the import is done; the probe on the sampled ones."""
    from convertly.imports import run
    from convertly.imports.use_cases import find_import
    from convertly.platform.clock import parse_iso
    from convertly.platform.store import keys as platform_keys

    outbox, marks = platform_keys.outbox(tenant_id), Marks()
    probe = SampledProbe(bench.meter.probe) if bench.meter.probe is not None else None
    original, bench.meter.probe = bench.meter.probe, probe
    try:
        with (
            marked(run, "_apply_row", marks, _row_outcome),
            marked(run, "finish", marks, lambda _: lambda: "finish"),
        ):
            began = time.perf_counter()
            for number in range(chunks + 1):
                sampled = number % SAMPLE_EVERY == SAMPLE_EVERY // 2 or number == chunks - 1
                if probe is not None:
                    probe.on = sampled
                with bench.meter.recording() as recording:
                    marks.start(recording)
                    started = time.perf_counter()
                    run.run_chunk(_chunk_event(tenant_id, import_id, number))
                    results.seconds += time.perf_counter() - started
                marks.recording = None
                _tally_chunk(results, recording.calls, marks, sampled, bench, outbox)
                item = find_import(tenant_id, import_id)
                assert item is not None
                if number == 0 and item.first_progress_at and item.started_at:
                    spent = parse_iso(item.first_progress_at) - parse_iso(item.started_at)
                    results.first_progress_seconds = spent.total_seconds()
                results.chunks = number + 1
                if item.status == "done":
                    break
                if number % 25 == 24:
                    rate = int(item.rows_read) / (time.perf_counter() - began)
                    _progress(f"   {int(item.rows_read):,} of {results.rows:,} rows, {rate:.1f} a second ...")
    finally:
        bench.meter.probe = original
    results.seconds -= probe.seconds if probe is not None else 0.0


def _board_leads(bench: Bench, token: str, pipeline_id: str) -> int:
    board = bench.api.call("GET", f"/pipelines/{pipeline_id}/board", token=token)
    return int(sum(column["lead_count"] for column in board["columns"]))


def measure_import(bench: Bench, folder: Path, rows: int) -> ImportResults:
    from convertly.imports import run
    from convertly.imports.use_cases import get_import

    principal, tenant = _admin(bench, "import@bench.test")
    _lift_lead_limit(tenant.tenant_id, rows + 1_000)
    pipeline_id, stages = _stage_names(bench, tenant.token)
    path = folder / "contacts-with-leads.csv"
    expected = import_file.write(path, stages=stages, count=rows)
    results = ImportResults(rows, path.stat().st_size, expected.as_counts())
    _progress(f"uploading and inspecting {rows:,} rows ({results.file_bytes / 1024 / 1024:.1f} MB) ...")
    import_id = _upload(principal, path)
    _inspect(bench, results, tenant.tenant_id, import_id, results.file_bytes)
    _start(principal, import_id)
    chunks = -(-rows // run.CHUNK)
    _progress(f"running {chunks:,} chunks of {run.CHUNK} rows ...")
    _run_chunks(bench, results, tenant.tenant_id, import_id, chunks)
    done = get_import(principal, import_id)
    results.counts = done.counts.model_dump()
    results.problem_rows = done.problem_rows
    results.board_leads = _board_leads(bench, tenant.token, pipeline_id)
    return results


# Output ---------------------------------------------------------------------------------------------


def _ops(operations: Counter[str], per: float) -> str:
    return ", ".join(f"{op} {n / per:.3g}" for op, n in sorted(operations.items())) or "none"


def _memory_lines(reports: list[MemoryReport]) -> list[str]:
    from bench.report import _table

    rows = [
        [r.name, f"{r.file_bytes / 1024 / 1024:.1f} MB", f"{r.rows:,}", f"{r.rss_after_import_mb:.0f}",
         f"{r.rss_peak_mb:.0f}", f"{r.hwm_peak_mb:.0f}", f"{r.traced_peak_mb:.1f}", f"{r.seconds:.1f}"]
        for r in reports
    ]  # fmt: skip
    header = ["message", "file", "rows", "RSS after import", "peak RSS", "VmHWM", "traced peak", "s"]
    return [
        "1. Memory of the import runner (a child process per message; moto serves from the parent), MB:",
        "   peak RSS is ru_maxrss; VmHWM the same peak from /proc; traced peak is tracemalloc's during the",
        "   message (Python's own allocations, the modules it loads on first use included)",
        "",
        *["   " + line for line in _table(header, rows)],
        *_growth(reports),
    ]


def _growth(reports: list[MemoryReport]) -> list[str]:
    inspections = [r for r in reports if r.name.startswith("inspect")]
    if len(inspections) < 2:
        return []
    small, large = inspections[0], inspections[-1]
    megabytes = (small.file_bytes / 1024 / 1024, large.file_bytes / 1024 / 1024)
    return [
        "",
        f"   from the {megabytes[0]:.0f} MB file to the {megabytes[1]:.0f} MB one "
        f"({megabytes[1] / megabytes[0]:.0f} times the bytes) the inspection's peak RSS grows "
        f"{large.rss_peak_mb - small.rss_peak_mb:+.0f} MB, its traced peak "
        f"{large.traced_peak_mb - small.traced_peak_mb:+.1f} MB",
        "   (the times include tracemalloc's own cost)",
    ]


def _import_lines(r: ImportResults) -> list[str]:
    from convertly.imports.run import CHUNK

    per_row, created, chunk = r.capacity_per_row(), r.parts["created"], r.parts["chunk"]
    lines = [
        "",
        f"2. Import of {r.rows:,} rows ({r.file_bytes / 1024 / 1024:.1f} MB CSV, creates=leads), "
        f"{r.chunks:,} chunks of {CHUNK}",
        "",
        f"   rows/second: {r.rows_per_second:.1f} (moto's, in this process on this machine, not DynamoDB's; "
        f"{r.seconds:.0f} s, the probe's reads taken out)",
        *_full_size(r),
        f"   inspection: {r.inspection_seconds:.1f} s; {_ops(r.inspection.operations, 1)}",
        "   (here and in the finish the upload of the file written, rows.csv or problems.csv, is not",
        "   counted: boto3's transfer manager sends it from threads of its own, which the meter cannot see)",
        f"   first progress: {r.first_progress_seconds:.2f} s from the start to the first checkpoint (the "
        "first chunk's run in moto; no queue or relay delay here)",
        f"   counts: {_counts(r.counts)}",
        f"   from the file: {_counts(r.expected)}",
        f"   problem rows {r.problem_rows:,}; leads on the board {r.board_leads:,}",
        "",
        f"   AWS calls per row, every call of the run over its rows: {_ops(r.operations, r.rows)}",
    ]
    for name in OUTCOMES:
        part = r.parts[name]
        if part.count:
            lines.append(f"     per {name} row ({part.count:,}): {_ops(part.operations, part.count)}")
    finish = r.parts["finish"]
    lines += [
        f"     per chunk, besides its rows ({chunk.count:,}): {_ops(chunk.operations, chunk.count)}",
        f"     the finish, once (the problems file from every chunk's part): {_ops(finish.operations, 1)}",
        f"   a created row's transaction: {created.transaction_items / max(1, created.transactions):.1f} "
        f"items, {created.events / max(1, created.count):.2f} events in the outbox (the relay's calls are "
        "not counted here)",
        f"   RCU per row {per_row.rcu:.2f}, WCU per row {per_row.wcu:.1f} (each part's sampled units scaled "
        "to the run)",
        f"   per created row: RCU {created.per(created.capacity.rcu):.2f}, WCU "
        f"{created.per(created.capacity.wcu):.1f} ({created.sampled:,} rows in the probe's "
        f"{chunk.sampled} chunks), WCU by item written:",
        *textwrap.wrap(
            ", ".join(f"{k} {created.per(v):.1f}" for k, v in created.wcu_by_kind.most_common() if v),
            100,
            initial_indent="     ",
            subsequent_indent="     ",
        ),
        "   one created row's calls:",
        *[f"     {line}" for line in r.example],
    ]
    return lines


def _full_size(r: ImportResults) -> list[str]:
    """What the default size would take at this run's rate, when the run measured fewer rows."""
    if r.rows >= ROWS or not r.rows_per_second:
        return []
    minutes = ROWS / r.rows_per_second / 60
    return [
        f"   {ROWS:,} rows would take about {minutes:.0f} minutes of chunks here at this rate, so this run "
        f"measured {r.rows:,} (--rows); per row the figures are the same at any size (bench/README.md)"
    ]


def _counts(counts: dict[str, int]) -> str:
    keys = ("rows_total", "created", "leads_created", "updated", "failed", "skipped", "companies_created")
    return ", ".join(f"{k} {counts[k]:,}" for k in keys if k in counts)


def targets(memory: list[MemoryReport], r: ImportResults) -> list[tuple[str, str, bool]]:
    found = [
        (f"import runner peak RSS <= {MEMORY_TARGET_MB} MB: {m.name}", f"{m.rss_peak_mb:.0f} MB", m.ok)
        for m in memory
    ]
    found.append(
        (
            "import counts match the file (and the board's leads)",
            ", ".join(
                f"{k} {r.counts.get(k, 0):,} / {r.expected[k]:,}" for k in ("created", "failed", "skipped")
            ),
            r.matches,
        )
    )
    return found


def render(memory: list[MemoryReport], r: ImportResults) -> str:
    from bench.report import _table

    out = [
        "Spreadsheet import: memory of the runner, and an import of contacts with leads (computed capacity)",
        "",
    ]
    out += _memory_lines(memory)
    out += _import_lines(r)
    rows = [[name, value, "PASS" if ok else "FAIL"] for name, value, ok in targets(memory, r)]
    out += ["", "Targets", *["   " + line for line in _table(["target", "measured", "result"], rows)]]
    return "\n".join(out)


def _part_json(part: Part) -> dict[str, Any]:
    return {
        "count": part.count,
        "calls_by_operation": dict(part.operations),
        "sampled": part.sampled,
        "rcu_per_sampled": round(part.per(part.capacity.rcu), 3),
        "wcu_per_sampled": round(part.per(part.capacity.wcu), 3),
        "wcu_per_sampled_by_item": {k: round(part.per(v), 3) for k, v in part.wcu_by_kind.items()},
        "transaction_items": part.transaction_items,
        "events": part.events,
    }


def to_json(memory: list[MemoryReport], r: ImportResults, seconds: float) -> dict[str, Any]:
    per_row = r.capacity_per_row()
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "run_seconds": round(seconds, 1),
        "memory": [m.__dict__ for m in memory],
        "import": {
            "rows": r.rows,
            "file_bytes": r.file_bytes,
            "chunks": r.chunks,
            "seconds": round(r.seconds, 1),
            "rows_per_second": round(r.rows_per_second, 2),
            "inspection_seconds": round(r.inspection_seconds, 2),
            "first_progress_seconds": round(r.first_progress_seconds, 3),
            "counts": r.counts,
            "expected": r.expected,
            "problem_rows": r.problem_rows,
            "board_leads": r.board_leads,
            "calls_per_row": {op: round(n / r.rows, 4) for op, n in r.operations.items()},
            "rcu_per_row": round(per_row.rcu, 3),
            "wcu_per_row": round(per_row.wcu, 3),
            "inspection": _part_json(r.inspection),
            "parts": {name: _part_json(part) for name, part in r.parts.items()},
        },
        "targets": [{"target": n, "measured": v, "pass": ok} for n, v, ok in targets(memory, r)],
    }


# The run -------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.spreadsheet_import")
    parser.add_argument(
        "--rows", type=int, default=ROWS, help=f"rows in the imported file (default {ROWS:,})"
    )
    parser.add_argument("--no-memory", action="store_true", help="skip part 1 (the child processes)")
    args = parser.parse_args()
    started = time.perf_counter()
    from bench import stack

    # Before anything imports convertly: the models bind the endpoint at import.
    endpoint = stack.reserve_endpoint()

    from bench.moto_streams import drop_stream_records
    from convertly.resources import TABLE
    from devstack.bootstrap.extras import ensure_uploads

    captured = io.StringIO()  # the handlers' logs and metrics; shown only on failure
    local, meter, schema = stack.start_metered(endpoint)
    ensure_uploads(local.client("s3"), None)  # the bench hands the runner each upload itself
    drop_stream_records(TABLE.name)  # and each chunk's event: nothing reads the stream
    try:
        with (
            contextlib.redirect_stdout(captured),
            contextlib.redirect_stderr(captured),
            tempfile.TemporaryDirectory(prefix="bench-import-") as folder,
        ):
            meter.install()
            bench = Bench(local, meter, schema)
            memory = [] if args.no_memory else measure_memory(bench, Path(folder))
            results = measure_import(bench, Path(folder), args.rows)
    except Exception:
        sys.stderr.write(captured.getvalue()[-20_000:])
        raise
    finally:
        meter.uninstall()
        local.stop()
    print(render(memory, results))
    RESULTS.write_text(
        json.dumps(to_json(memory, results, time.perf_counter() - started), indent=2) + "\n", encoding="utf-8"
    )
    print(f"\nfigures written to {RESULTS} in {time.perf_counter() - started:.0f} s")
    return 0 if all(ok for _, _, ok in targets(memory, results)) else 1


if __name__ == "__main__":
    sys.exit(main())
