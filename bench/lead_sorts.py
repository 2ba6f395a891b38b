"""`python -m bench.lead_sorts`: the lead list's sorts and its total against the tenant's size.

GET /leads in each of its orders (docs/data-model.md, "The lead list's sorts"), in one run with a moto
of its own. Two tenants of 1,000 and 20,000 live leads (`--large N` for another size: on a 2-core
machine 20,000 seed in about half a minute and 100,000 in about three, and a page reads the same at
either), each with two Sales users besides the Admin. The leads are written straight to the table in
the stored shapes: a LeadItem through `apply_index_keys` (every index key as a lead write sets it), 25
to a BatchWriteItem call, and the stage and owner counters moved by `placement_of` and
`CounterChanges` (the lead writes' own counters) in one transaction, so `total` is what the lead
writes would have left. 2% more leads are deleted (newest updates of all, so a sparse index that kept
one would show it first). Names, values and update times vary, with ties and the cases the sorts must
get right:

* names with accents, in upper and lower case, by first name only, or only an email or a phone;
* values of 0, a block of equal values just below the largest, a 3-decimal currency's fractions of a
  hundredth, and the largest value a lead may hold;
* a block of leads updated at the same moment, the latest of the live ones.

Each page (25) is read through the API (app.py, the real handler) as the Admin, warm, under the meter:
created (the default), updated, value and name, each with its second page from the cursor; the
stage-filtered list by value (a stage holding a fifth of the leads); the owner-filtered list, by
creation (its own index) and by update (the update index, filtered); and `counted_leads`, the
`total`'s read, alone. Per request: AWS calls by operation and read units computed from what each
call read (bench/capacity.py). Each page is also checked: its leads are exactly the next 25 of the
seeded live leads in that order (worked out here from what was seeded), and `total` is the seeded
count; a wrong page or total makes the run exit 1, as a missed target does. Target: the large
tenant's read units over the small one's at most 1.1 for every page and the total. A filtered page
reads with how few leads match the filter (the stage's fifth: 250 leads; Sam's one in 20 by update:
about 900, near the 1,000 a page may read), not with the tenant: the shares are the same in both.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
import time
import unicodedata
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import accumulate
from pathlib import Path
from typing import Any

from bench.contact_seeding import Writer
from bench.scenarios import Bench, RequestReport, Tenant

RESULTS = Path(__file__).resolve().parent / ".results-lead_sorts.json"
SMALL = 1_000
LARGE = 20_000  # the large tenant by default: seeds in about 30 s here (README)
PAGE = 25
RATIO_TARGET = 1.1
SEED = 20261207
PASSWORD = "Correct-Horse-9"
NAME_CHARS = 80  # the name sort's key holds the first 80 characters of the folded name
DELETED_SHARE = 0.02  # more leads, deleted, on top of the live ones
# The default pipeline's five stages: the second holds a fifth of the leads, the filtered page's.
STAGE_WEIGHTS = (35, 20, 20, 15, 10)
FILTERED_STAGE = 1
# Who owns a lead: the Admin, Rita Rep, Sam Sales (the filtered owner: one lead in 20), nobody.
OWNER_SHARES = (("admin", 25), ("rita", 25), ("sam", 5), (None, 45))  # percents
_FIRST = ("Aaliyah", "Aisha", "Ana", "Ángel", "Åsa", "Chen", "Diego", "Élodie", "Émile", "İlker", "Ines",
          "Inés", "James", "Kwame", "Lena", "Liam", "Marco", "Maria", "María", "Marta", "Noor", "Olga",
          "Omar", "Priya", "Sofia", "Sofía", "Søren", "Tom", "Yuki", "Zoë")  # fmt: skip
_LAST = ("Costa", "de la Cruz", "García", "Garcia", "Haddad", "Ivanova", "Khan", "Kowalski", "Larsen",
         "Łukasik", "Moreau", "Mueller", "Müller", "Murphy", "Nguyễn", "Novák", "O'Brien", "Okafor",
         "Ørsted", "Rossi", "Schmidt", "Silva", "Smith", "Tanaka", "van Dijk")  # fmt: skip
_SOURCES = ("google_ads", "meta_ads", "organic_search", "referral", "form")
TIED_VALUE = 5_000_000  # hundredths: $50,000, above every random value, held by a block of leads
LARGEST_VALUE = 100_000_000_000_000  # hundredths: MAX_AMOUNT, 10^12 of the currency


def _progress(message: str) -> None:
    print(message, file=sys.__stderr__, flush=True)


def folded(name: str) -> str:
    """A name as the list sorts it: lower case, accents removed, whitespace collapsed, first 80
    characters (docs/data-model.md)."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())[:NAME_CHARS]


# Seeding ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seeded:
    """A live lead as the list should order it."""

    lead_id: str
    created_at: str
    updated_at: str
    value: Decimal  # as stored: hundredths, maybe with a fraction
    name: str  # the name the list shows
    stage_id: str
    owner_id: str | None


@dataclass
class SortTenant:
    size: int
    tenant: Tenant
    stage_ids: list[str]
    owners: dict[str, str]  # "admin", "rita", "sam" -> user id
    live: list[Seeded] = field(default_factory=list)
    deleted: int = 0
    seconds: float = 0.0

    @property
    def filtered_stage(self) -> str:
        return self.stage_ids[FILTERED_STAGE]


def _person(rnd: random.Random, n: int) -> dict[str, Any]:
    """Name, email and phone: first and last name (a quarter of them typed in capitals or lower
    case), else a first name only (one lead in 20, in turn through every first name), an email only
    (one in 50) or a phone only (one in 400)."""
    first, last = rnd.choice(_FIRST), rnd.choice(_LAST)
    local = f"{folded(first)}.{folded(last)}".encode("ascii", "ignore").decode().replace(" ", "")
    email = f"{local}{n}@example.test"
    phone = f"+1 415 555 {n % 10_000:04d}"
    if n % 20 == 0:
        return {
            "first_name": _FIRST[(n // 20) % len(_FIRST)],
            "last_name": "",
            "email": email,
            "phone": phone,
        }
    if n % 50 == 1:
        return {"first_name": "", "last_name": "", "email": email, "phone": phone}
    if n % 400 == 2:
        return {"first_name": "", "last_name": "", "email": None, "phone": phone}
    if n % 8 == 3:
        first, last = first.upper(), last.upper()
    elif n % 8 == 4:
        first, last = first.lower(), last.lower()
    return {"first_name": first, "last_name": last, "email": email, "phone": phone}


def _value(rnd: random.Random, n: int) -> tuple[Decimal, str]:
    """(the stored value, its currency)."""
    if n in (5, 6):
        return Decimal(LARGEST_VALUE - (n - 5)), "USD"
    roll = rnd.random()
    if roll < 0.05:
        return Decimal(0), "USD"
    if roll < 0.08:
        return Decimal(TIED_VALUE), "USD"
    if roll < 0.09:  # a 3-decimal currency's value: hundredths with a fraction
        return Decimal(rnd.randrange(100_000, 2_500_000)) + Decimal("0.5"), "KWD"
    return Decimal(rnd.randrange(100, 2_500_000)), "USD"


def _share(slot: int, percents: tuple[int, ...]) -> int:
    """Which of the shares (percents adding up to 100) a lead's slot (0-99) falls in: every 100
    consecutive leads hold each share exactly, so both tenants hold the same shares."""
    for position, bound in enumerate(accumulate(percents)):
        if slot < bound:
            return position
    return len(percents) - 1


def _lead(
    tenant: SortTenant, rnd: random.Random, n: int, now: datetime, tied_update: str, deleted_at: str | None
) -> tuple[Any, Seeded]:
    from convertly.leads import keys as lead_keys
    from convertly.leads.items import LeadItem
    from convertly.leads.store import apply_index_keys, display_name
    from convertly.platform.clock import iso, new_id

    person = _person(rnd, n)
    value, currency = _value(rnd, n)
    created = now - timedelta(days=365) + timedelta(seconds=rnd.uniform(0, 364 * 86400))
    entered = created + (now - timedelta(hours=2) - created) * rnd.random() * 0.5
    updated = iso(entered + (now - timedelta(hours=2) - entered) * rnd.random())
    if deleted_at:
        updated = deleted_at
    elif rnd.random() < 0.02:
        updated = tied_update  # a bulk edit: the newest live updates, all at one moment
    stage_id = tenant.stage_ids[_share((n * 37) % 100, STAGE_WEIGHTS)]
    # Another order of the same 100 slots in each block of 100: an owner's leads fall in every stage.
    slot = (n * 53 + 11 + (n // 100) * 31) % 100
    owner = OWNER_SHARES[_share(slot, tuple(w for _, w in OWNER_SHARES))][0]
    owner_id = tenant.owners[owner] if owner else None
    source = rnd.choice(_SOURCES)
    lead_id = new_id()
    lead = LeadItem(
        lead_keys.lead(tenant.tenant.tenant_id, lead_id),
        lead_keys.LEAD_SK,
        lead_id=lead_id,
        tenant_id=tenant.tenant.tenant_id,
        **person,
        country="US",
        company=f"{rnd.choice(_LAST)} Roofing {n % 300}" if n % 3 else None,
        contact_id=new_id(),
        value=int(value) if value == int(value) else float(value),
        currency=currency,
        owner_id=owner_id,
        source=source,
        tags=["roof-repair", "q3"] if n % 4 == 0 else [],
        attribution={
            "utm_source": source,
            "utm_medium": "cpc",
            "utm_campaign": "roof-repair-bay-area",
            "landing_page": f"https://roofing.example.test/quote?utm_source={source}&lead={n}",
            "referrer": "https://www.google.com/",
        },
        pipeline_id=tenant.tenant.pipeline_id,
        stage_id=stage_id,
        stage_entered_at=iso(entered),
        created_at=iso(created),
        created_by="bench",
        updated_at=updated,
        deleted_at=deleted_at,
        version=2,
    )
    apply_index_keys(lead)
    seeded = Seeded(lead_id, lead.created_at, updated, value, display_name(lead), stage_id, owner_id)
    return lead, seeded


def _sort_tenant(bench: Bench, writer: Writer, size: int, now: datetime) -> SortTenant:
    from convertly.leads.writes import placement_of
    from convertly.pipelines.service import CounterChanges
    from convertly.platform.clock import iso
    from convertly.platform.store.transaction import Transaction

    started = time.perf_counter()
    tenant = bench.sign_up(f"sorts{size}@bench.test")
    admin = bench.api.call("GET", "/me", token=tenant.token)["user"]["user_id"]
    owners = {"admin": admin}
    for key, name in (("rita", "Rita Rep"), ("sam", "Sam Sales")):
        body = {"email": f"{key}{size}@bench.test", "name": name, "role": "Sales", "password": PASSWORD}
        owners[key] = bench.api.call("POST", "/users", body, tenant.token)["user_id"]
    pipeline = bench.api.call("GET", "/pipelines", token=tenant.token)["items"][0]
    stage_ids = [stage["stage_id"] for stage in pipeline["stages"]]
    if len(stage_ids) != len(STAGE_WEIGHTS):
        raise RuntimeError(f"the default pipeline has {len(stage_ids)} stages, {len(STAGE_WEIGHTS)} expected")
    seeded = SortTenant(size, tenant, stage_ids, owners)
    rnd = random.Random(SEED + size)
    tied_update, deleted_at = iso(now - timedelta(hours=1)), iso(now - timedelta(minutes=10))
    deleted = round(size * DELETED_SHARE)
    every = (size + deleted) // deleted  # one lead in `every` is a deleted one
    counters, batch = CounterChanges(), []
    for n in range(size + deleted):
        gone = n % every == 7 and seeded.deleted < deleted
        lead, row = _lead(seeded, rnd, n, now, tied_update, deleted_at if gone else None)
        if gone:
            seeded.deleted += 1
        else:
            seeded.live.append(row)
        # The stage and owner counters, moved as the lead's write moves them (a deleted lead: nowhere).
        counters.move(None, placement_of(lead))
        batch.append(lead.serialize())
        if len(batch) >= 2_500:
            writer.write(batch)
            batch = []
    writer.write(batch)
    if len(seeded.live) != size:
        raise RuntimeError(f"{len(seeded.live)} live leads seeded, {size} meant")
    tx = Transaction()
    counters.write(tx)
    tx.commit()
    seeded.seconds = time.perf_counter() - started
    return seeded


# What each page should hold --------------------------------------------------------------------


def _by_created(lead: Seeded) -> tuple[Any, ...]:
    return (lead.created_at, lead.lead_id)


def _by_updated(lead: Seeded) -> tuple[Any, ...]:
    return (lead.updated_at, lead.lead_id)


def _by_value(lead: Seeded) -> tuple[Any, ...]:
    return (lead.value, lead.lead_id)


def _by_name(lead: Seeded) -> tuple[Any, ...]:
    return (folded(lead.name), lead.lead_id)


@dataclass(frozen=True)
class Pattern:
    name: str
    kind: str  # unfiltered | filtered
    params: Callable[[SortTenant], dict[str, str]]
    order: Callable[[Seeded], tuple[Any, ...]]
    descending: bool
    keep: Callable[[SortTenant, Seeded], bool] = lambda _t, _l: True
    page: int = 1  # the second page follows the first's cursor
    counted: Callable[[SortTenant], int] = lambda t: len(t.live)

    def expected(self, tenant: SortTenant) -> list[Seeded]:
        kept = [lead for lead in tenant.live if self.keep(tenant, lead)]
        return sorted(kept, key=self.order, reverse=self.descending)


def _in_stage(tenant: SortTenant, lead: Seeded) -> bool:
    return lead.stage_id == tenant.filtered_stage


def _sams(tenant: SortTenant, lead: Seeded) -> bool:
    return lead.owner_id == tenant.owners["sam"]


def _stage_count(tenant: SortTenant) -> int:
    return sum(_in_stage(tenant, lead) for lead in tenant.live)


def _sam_count(tenant: SortTenant) -> int:
    return sum(_sams(tenant, lead) for lead in tenant.live)


def _unfiltered(params: dict[str, str]) -> Callable[[SortTenant], dict[str, str]]:
    return lambda _tenant: params


def _stage_by_value(tenant: SortTenant) -> dict[str, str]:
    return {"stage_id": tenant.filtered_stage, "sort": "value", "order": "desc"}


def _sam_by_created(tenant: SortTenant) -> dict[str, str]:
    return {"owner_id": tenant.owners["sam"]}


def _sam_by_updated(tenant: SortTenant) -> dict[str, str]:
    return {"owner_id": tenant.owners["sam"], "sort": "updated", "order": "desc"}


def _patterns() -> list[Pattern]:
    patterns = []
    for label, params, order, descending in (
        ("created (default)", {}, _by_created, True),
        ("updated desc", {"sort": "updated", "order": "desc"}, _by_updated, True),
        ("value desc", {"sort": "value", "order": "desc"}, _by_value, True),
        ("name asc", {"sort": "name", "order": "asc"}, _by_name, False),
    ):
        for page in (1, 2):
            name = label if page == 1 else f"{label}, page 2"
            patterns.append(Pattern(name, "unfiltered", _unfiltered(params), order, descending, page=page))
    patterns += [
        Pattern("stage=<a fifth>, value desc", "filtered", _stage_by_value, _by_value, True, _in_stage,
                counted=_stage_count),
        Pattern("owner=<Sam, 1 in 20> (created)", "filtered", _sam_by_created, _by_created, True, _sams,
                counted=_sam_count),
        Pattern("owner=<Sam, 1 in 20>, updated desc", "filtered", _sam_by_updated, _by_updated, True, _sams,
                counted=_sam_count),
    ]  # fmt: skip
    return patterns


# Measuring --------------------------------------------------------------------------------------


@dataclass
class Run:
    """One pattern read in one tenant."""

    report: RequestReport
    read: dict[str, int]  # items each Query read (before any filter), by index or "table"
    total: int | None
    expected_total: int
    problems: list[str]

    @property
    def rcu(self) -> float:
        return self.report.computed.rcu


def _reads(calls: list[Any]) -> dict[str, int]:
    from bench.capacity import Observation

    read: Counter[str] = Counter()
    for call in calls:
        if call.operation != "Query":
            continue
        observed = call.observed
        scanned = (
            observed.scanned if isinstance(observed, Observation) and observed.scanned is not None else None
        )
        read[call.params.get("IndexName", "table")] += len(
            scanned if scanned is not None else call.response.get("Items", [])
        )
    return dict(read)


def _path(params: dict[str, str], cursor: str | None = None) -> str:
    query = {**params, "limit": str(PAGE), **({"cursor": cursor} if cursor else {})}
    return "/leads?" + urllib.parse.urlencode(query)


def _order_problems(pattern: Pattern, tenant: SortTenant, page: dict[str, Any], start: int) -> list[str]:
    """How the page differs from the next PAGE leads of the expected order, each seeded lead by id."""
    expected = pattern.expected(tenant)
    wanted = expected[start : start + PAGE]
    got = [item["lead_id"] for item in page["items"]]
    problems = []
    if len(got) != len(wanted):
        problems.append(f"{len(got)} leads, {len(wanted)} expected")
    seeded = {lead.lead_id: lead for lead in tenant.live}
    for position, (lead_id, want) in enumerate(zip(got, wanted, strict=False)):
        if lead_id != want.lead_id:
            have = seeded.get(lead_id)
            shown = f"{have.name!r} {pattern.order(have)[0]}" if have else "a lead that is not live"
            problems.append(
                f"at {start + position + 1}: {shown} ({lead_id}), expected {want.name!r} "
                f"{pattern.order(want)[0]} ({want.lead_id})"
            )
            break
    more = len(expected) > start + PAGE
    if more != (page.get("next_cursor") is not None):
        problems.append(f"next_cursor {page.get('next_cursor')!r} with {len(expected)} leads in the list")
    return problems


def _measure(bench: Bench, tenant: SortTenant, pattern: Pattern) -> Run:
    params = pattern.params(tenant)
    cursor = None
    if pattern.page == 2:
        cursor = bench.api.call("GET", _path(params), token=tenant.tenant.token)["next_cursor"]
    path = _path(params, cursor)
    bench.api.call("GET", path, token=tenant.tenant.token)  # warm-up: as a warm Lambda answers it
    with bench.meter.recording() as recording:
        page = bench.api.call("GET", path, token=tenant.tenant.token)
    report = bench._report(f"{pattern.name} ({tenant.size:,})", "GET /leads", recording.calls, 0)
    expected_total = pattern.counted(tenant)
    problems = _order_problems(pattern, tenant, page, (pattern.page - 1) * PAGE)
    if page.get("total") != expected_total:
        problems.append(f"total {page.get('total')}, {expected_total} seeded")
    return Run(report, _reads(recording.calls), page.get("total"), expected_total, problems)


@dataclass(frozen=True)
class TotalCase:
    name: str
    arguments: Callable[[SortTenant], dict[str, str]]
    counted: Callable[[SortTenant], int]


TOTALS = (
    TotalCase("all live leads", lambda _t: {}, lambda t: len(t.live)),
    TotalCase("stage=<a fifth>", lambda t: {"stage_id": t.filtered_stage}, _stage_count),
    TotalCase("owner=<Sam>", lambda t: {"owner_id": t.owners["sam"]}, _sam_count),
)


def _measure_total(bench: Bench, tenant: SortTenant, case: TotalCase) -> Run:
    from convertly.pipelines.service import counted_leads

    arguments = case.arguments(tenant)
    tenant_id = tenant.tenant.tenant_id
    counted_leads(tenant_id, **arguments)  # warm-up
    with bench.meter.recording() as recording:
        total = counted_leads(tenant_id, **arguments)
    report = bench._report(f"total, {case.name} ({tenant.size:,})", "counted_leads", recording.calls, 0)
    expected = case.counted(tenant)
    problems = [] if total == expected else [f"counted {total}, {expected} seeded"]
    return Run(report, _reads(recording.calls), total, expected, problems)


# The report -------------------------------------------------------------------------------------


@dataclass
class Row:
    pattern: str
    kind: str  # unfiltered | filtered | total
    runs: list[Run]  # the small tenant's, then the large one's

    @property
    def ratio(self) -> float:
        small, large = self.runs[0].rcu, self.runs[-1].rcu
        return large / small if small else float("inf")

    @property
    def passed(self) -> bool:
        return self.ratio <= RATIO_TARGET

    @property
    def correct(self) -> bool:
        return not any(run.problems for run in self.runs)


def _ops(operations: Counter[str]) -> str:
    return ", ".join(f"{name} {count}" for name, count in sorted(operations.items())) or "none"


def _read(run: Run) -> str:
    return ", ".join(f"{where} {n:,}" for where, n in sorted(run.read.items())) or "-"


def render(rows: list[Row], tenants: list[SortTenant], seconds: float) -> tuple[str, bool]:
    sizes = [t.size for t in tenants]
    small, large = sizes
    lines = [
        "Lead list sorts and total against the tenant's size (GET /leads as the Admin, warm; computed RCU)",
        "",
    ]
    for tenant in tenants:
        stage, sam = _stage_count(tenant), _sam_count(tenant)
        lines.append(
            f"{tenant.size:,} live leads (+{tenant.deleted} deleted), seeded in {tenant.seconds:.0f} s: "
            f"{stage:,} in the filtered stage ({stage / tenant.size:.1%}), "
            f"{sam:,} Sam's ({sam / tenant.size:.1%})"
        )
    lines += [
        "",
        f"| request | calls (each tenant) | RCU {small:,} | RCU {large:,} | ratio | items read by Query, "
        f"{small:,} / {large:,} | total | order, total | target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        first, last = row.runs[0], row.runs[-1]
        calls = _ops(first.report.operations)
        if last.report.operations != first.report.operations:
            calls += f" / {_ops(last.report.operations)}"
        totals = " / ".join(f"{run.total:,}" if run.total is not None else "-" for run in row.runs)
        target = f"<= {RATIO_TARGET} {'PASS' if row.passed else 'FAIL'}"
        if row.kind == "filtered":
            target += " (fixed share)"
        lines.append(
            f"| {row.pattern} | {calls} | {first.rcu:g} | {last.rcu:g} | {row.ratio:.2f} | "
            f"{_read(first)} / {_read(last)} | {totals} | {'right' if row.correct else 'WRONG'} | {target} |"
        )
    lines += ["", f"calls of the {large:,} tenant's requests:"]
    for row in rows:
        details = "; ".join(f"{c.operation}: {c.detail}" for c in row.runs[-1].report.calls)
        lines.append(f"  {row.pattern}: {details}")
    problems = [
        f"{row.pattern} ({size:,}): {p}"
        for row in rows
        for size, run in zip(sizes, row.runs, strict=True)
        for p in run.problems
    ]
    if problems:
        lines += ["", "WRONG pages or totals:"] + [f"  {p}" for p in problems]
    targets = all(row.passed for row in rows)
    lines += [
        "",
        f"targets: {'PASS' if targets else 'FAIL'}; pages in order and totals right: "
        f"{'PASS' if not problems else 'FAIL'}   ({seconds:.0f} s)",
    ]
    return "\n".join(lines), targets and not problems


def results_json(rows: list[Row], tenants: list[SortTenant], seconds: float) -> dict[str, Any]:
    sizes = [t.size for t in tenants]
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
        "sizes": sizes,
        "page": PAGE,
        "ratio_target": RATIO_TARGET,
        "tenants": {
            str(t.size): {
                "live": len(t.live),
                "deleted": t.deleted,
                "filtered_stage": _stage_count(t),
                "sam": _sam_count(t),
                "seed_seconds": round(t.seconds, 1),
            }
            for t in tenants
        },
        "rows": [
            {
                "request": row.pattern,
                "kind": row.kind,
                "ratio": round(row.ratio, 3),
                "passed": row.passed,
                "correct": row.correct,
                "runs": {
                    str(size): {
                        "rcu": run.rcu,
                        "calls": dict(run.report.operations),
                        "read": run.read,
                        "total": run.total,
                        "expected_total": run.expected_total,
                        "problems": run.problems,
                        "detail": [f"{c.operation}: {c.detail}" for c in run.report.calls],
                    }
                    for size, run in zip(sizes, row.runs, strict=True)
                },
            }
            for row in rows
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--large", type=int, default=LARGE, help="the large tenant's live leads")
    arguments = parser.parse_args(argv)
    started = time.perf_counter()
    from bench import stack

    # Before anything imports convertly: the models bind the endpoint at import.
    endpoint = stack.reserve_endpoint()
    from convertly.resources import TABLE

    captured = io.StringIO()  # the handlers' logs and metrics; shown only on failure
    local, meter, schema = stack.start_metered(endpoint)
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            meter.install()
            bench = Bench(local, meter, schema)
            writer = Writer(local.client("dynamodb"), TABLE.name)
            now = datetime.now(UTC)
            tenants = []
            for size in (SMALL, arguments.large):
                _progress(f"seeding {size:,} live leads ...")
                tenants.append(_sort_tenant(bench, writer, size, now))
            _progress("measuring the pages and the totals ...")
            rows = [Row(p.name, p.kind, [_measure(bench, t, p) for t in tenants]) for p in _patterns()]
            rows += [
                Row(f"total alone: {case.name}", "total", [_measure_total(bench, t, case) for t in tenants])
                for case in TOTALS
            ]
    except Exception:
        sys.stderr.write(captured.getvalue()[-20_000:])
        raise
    finally:
        meter.uninstall()
        local.stop()
    seconds = time.perf_counter() - started
    text, passed = render(rows, tenants, seconds)
    print(text)
    RESULTS.write_text(json.dumps(results_json(rows, tenants, seconds), indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {RESULTS} in {time.perf_counter() - started:.0f} s")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
