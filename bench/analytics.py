"""`python -m bench.analytics`: what the analytics cost, in one run with a moto of its own.

1. Every report and the dashboard against the tenant's size: a tenant of 1,000 leads and one of
   100,000 over the same 100 days and the same dimension values (bench/analytics_seeding.py: the
   cells written straight to the table, summed from each lead's contribution by the real
   `lead_contribution` and `cells.total`, and the leads with their index keys), each report read as
   the handler reads it (functions/analytics/handler.py: `filters.resolve`, then the report) as the
   tenant's Admin, for the last 30 days and for the last 90. Read units are computed from what each
   call read (bench/capacity.py); the target is the large tenant's over the small one's.
2. The write cost the aggregates add: in a tenant built through the use cases, the consumer's
   refresh (`refresh.refresh_lead`) after a lead's creation, a stage change, a redelivery, a win of a
   lead entered by hand and a win of a lead whose contact came through two ads (two form posts).
3. The rebuild (`rebuild.rebuild`) of a tenant of REBUILD_LEADS leads created through
   `create_lead` and moved through `change_stage`.

Transactions use devstack/moto_speedups.py and Queries bench/moto_queries.py, as in bench/contacts.py.
Parts 2 and 3 run first, while the table is small; part 1's 100,000 leads last.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.analytics_seeding import (
    CHANNELS,
    LANDING,
    SeededAnalytics,
    SeedTenant,
    first_day,
    seed_tenant,
)
from bench.capacity import Capacity, call_capacity
from bench.contact_seeding import Writer
from bench.scenarios import Bench, RequestReport, Tenant

if TYPE_CHECKING:
    from convertly.analytics.domain import GroupBy, Interval
    from convertly.analytics.models import Model

RESULTS = Path(__file__).resolve().parent / ".results-analytics.json"
SIZES = (1_000, 100_000)
RATIO_TARGET = 1.1
REBUILD_LEADS = 2_000
SPANS = (30, 90)  # days: the reports' default range, and a longer one
# us-east-1 on-demand, per million request units. A transactional write costs two write units per
# KB; the computed units count it so already (bench/capacity.py).
WRITE_PRICE = 0.625
READ_PRICE = 0.125
PASSWORD = "Correct-Horse-9"


def _progress(message: str) -> None:
    print(message, file=sys.__stderr__, flush=True)


def _admin(bench: Bench, tenant: Tenant) -> Any:
    from convertly.permissions import Role
    from convertly.platform.principal import Principal

    user = bench.api.call("GET", "/me", token=tenant.token)["user"]
    return Principal(user["user_id"], tenant.tenant_id, Role.ADMIN, user["email"], user["name"])


def _professional(tenant_id: str) -> None:
    """The tenant on the Professional plan, as the billing webhook leaves it after an upgrade:
    conversions health is Professional's, and its 5,000 leads a month let part 3 create its leads."""
    from convertly.billing import keys as billing_keys
    from convertly.billing.items import BillingItem
    from convertly.billing.plans import PLANS, PlanId
    from convertly.billing.usage import set_plan_limits
    from convertly.platform.clock import now
    from convertly.platform.store import keys as platform_keys
    from convertly.platform.store.transaction import Transaction

    limits = PLANS[PlanId.PROFESSIONAL].limits
    tx = Transaction()
    set_plan_limits(tx, tenant_id, PlanId.PROFESSIONAL, now())
    billing = BillingItem(platform_keys.tenant(tenant_id), billing_keys.BILLING_SK)
    actions = [
        BillingItem.plan.set(PlanId.PROFESSIONAL.value),
        BillingItem.status.set("active"),
        BillingItem.user_limit.set(limits.users),
        BillingItem.lead_limit.set(limits.leads_per_month),
    ]
    tx.update("billing", billing, actions)
    tx.commit()


def _stages(bench: Bench, tenant: Tenant) -> tuple[str, list[dict[str, Any]]]:
    pipeline = bench.api.call("GET", "/pipelines", token=tenant.token)["items"][0]
    return str(pipeline["pipeline_id"]), list(pipeline["stages"])


def _stage_by_name(bench: Bench, tenant: Tenant) -> dict[str, str]:
    return {stage["name"]: stage["stage_id"] for stage in _stages(bench, tenant)[1]}


# 1. Reports against the tenant's size ---------------------------------------------------------------


@dataclass(frozen=True)
class ReportSpec:
    """A report as its route runs it, what it counted (leads, wins, exits: 100 times more in the large
    tenant), and what must hold for the two tenants to read alike."""

    name: str
    run: Callable[[Any, Any], Any]  # (principal, the span's date_from or None) -> the report
    counted: Callable[[Any], int]
    spans: tuple[int, ...] = SPANS
    problem: Callable[[Any], str | None] = lambda _: None


def _filters(principal: Any, date_from: str | None) -> Any:
    from convertly.analytics.filters import resolve

    return resolve(principal, date_from)


def _revenue(model: Model, group_by: GroupBy) -> Callable[[Any, Any], Any]:
    from convertly.analytics import reports

    return lambda principal, since: reports.revenue(_filters(principal, since), model, group_by)


def _over_time(interval: Interval, model: Model) -> Callable[[Any, Any], Any]:
    from convertly.analytics import reports

    return lambda principal, since: reports.over_time(_filters(principal, since), interval, model)


def _agents(principal: Any, since: str | None) -> Any:
    from convertly.analytics import reports
    from convertly.analytics.access import team_of

    filters = _filters(principal, since)
    return reports.agents(filters, team_of(filters.tenant_id))


def _conversions(principal: Any, since: str | None) -> Any:
    from convertly.analytics import reports
    from convertly.analytics.access import require_conversions_health

    filters = _filters(principal, since)
    require_conversions_health(principal)
    return reports.conversions(filters)


def _stalled_short(report: Any) -> str | None:
    """Each open stage with a p90 must list ten stalled leads and have more, in both tenants: else the
    small tenant's stage index Query reads fewer items than the large one's."""
    short = [
        s.name
        for s in report.stages
        if s.kind == "open" and s.p90_seconds and not (s.stalled_more and s.stalled)
    ]
    return f"stalled leads short in {', '.join(short)}" if short else None


def report_specs() -> list[ReportSpec]:
    from convertly.analytics import dashboard, reports
    from convertly.analytics.models import Model

    return [
        ReportSpec("revenue (last non-direct, by campaign)", _revenue(Model.LAST_NON_DIRECT, "campaign"),
                   lambda r: r.total.leads),
        ReportSpec("revenue (first touch, by source)", _revenue(Model.FIRST_TOUCH, "source"),
                   lambda r: r.total.leads),
        ReportSpec("revenue (linear, by ad)", _revenue(Model.LINEAR, "content"), lambda r: r.total.leads),
        ReportSpec("revenue (time decay, by platform)", _revenue(Model.TIME_DECAY, "platform"),
                   lambda r: r.total.leads),
        ReportSpec("funnel", lambda p, since: reports.funnel(_filters(p, since)), lambda r: r.cohort),
        ReportSpec("velocity", lambda p, since: reports.velocity(_filters(p, since)),
                   lambda r: sum(s.exits for s in r.stages), problem=_stalled_short),
        ReportSpec("over time (by day, last non-direct)", _over_time("day", Model.LAST_NON_DIRECT),
                   lambda r: sum(p.wins for p in r.points)),
        ReportSpec("over time (by month, time decay)", _over_time("month", Model.TIME_DECAY),
                   lambda r: sum(p.wins for p in r.points)),
        ReportSpec("agents", _agents, lambda r: sum(row.leads_owned for row in r.rows)),
        ReportSpec("conversions", _conversions, lambda r: r.wins),
        ReportSpec("dashboard", lambda p, _: dashboard.dashboard(p), lambda r: r.opportunities, spans=(30,)),
    ]  # fmt: skip


@dataclass
class ReportTenant:
    size: int
    principal: Any
    seeded: SeededAnalytics
    seed_seconds: float


@dataclass
class ReportCase:
    name: str
    days: int
    reports: list[RequestReport]  # one per tenant, in SIZES order
    counted: list[int]

    @property
    def ratio(self) -> float:
        small, large = self.reports[0].computed.rcu, self.reports[-1].computed.rcu
        return large / small if small else float("inf")

    @property
    def scaled(self) -> bool:
        """The large tenant counted as many times more as it holds leads."""
        return self.counted[-1] == self.counted[0] * SIZES[-1] // SIZES[0] and self.counted[0] > 0


def _report_tenant(bench: Bench, writer: Writer, size: int, now: datetime) -> ReportTenant:
    from convertly.accounts.service import get_tenant
    from convertly.analytics import store

    started = time.perf_counter()
    tenant = bench.sign_up(f"analytics{size}@bench.test")
    principal = _admin(bench, tenant)
    owners = [principal.user_id]
    for name in ("Sam Sales", "Rita Rep"):
        email = f"{name.split()[0].lower()}{size}@bench.test"
        body = {"email": email, "name": name, "role": "Sales", "password": PASSWORD}
        owners.append(bench.api.call("POST", "/users", body, tenant.token)["user_id"])
    _professional(tenant.tenant_id)
    pipeline_id, stages = _stages(bench, tenant)
    plan = SeedTenant(
        tenant.tenant_id,
        pipeline_id,
        tuple(s["stage_id"] for s in stages),
        tuple(s["kind"] for s in stages),
        tuple(owners),
        now,
    )
    stored_tenant = get_tenant(tenant.tenant_id)
    if stored_tenant is None or stored_tenant.timezone != "UTC":
        raise RuntimeError("the seeded days are UTC days: the tenant's time zone must be UTC")
    seeded = seed_tenant(writer, plan, size)
    stored = store.tenant_cells(tenant.tenant_id, first_day(now), now.date())
    if stored != seeded.cells:
        raise RuntimeError(f"{len(stored)} cells read back, {len(seeded.cells)} written, and they differ")
    return ReportTenant(size, principal, seeded, time.perf_counter() - started)


def _measure_report(
    bench: Bench, tenant: ReportTenant, spec: ReportSpec, days: int
) -> tuple[RequestReport, int]:
    from convertly.analytics.filters import DEFAULT_DAYS

    # The default range as the page asks for it (no dates); a longer one from its first day.
    since = (
        None if days == DEFAULT_DAYS else (datetime.now(UTC).date() - timedelta(days=days - 1)).isoformat()
    )
    spec.run(tenant.principal, since)  # warm-up: the connection, the stage directory, as in a warm Lambda
    with bench.meter.recording() as recording:
        result = spec.run(tenant.principal, since)
    problem = spec.problem(result)
    if problem:
        raise RuntimeError(f"{spec.name}, {days} days, {tenant.size:,} leads: {problem}")
    name = f"{spec.name}, {days} days ({tenant.size:,})"
    return bench._report(name, spec.name, recording.calls, 0), spec.counted(result)


def measure_reports(
    bench: Bench, writer: Writer, now: datetime
) -> tuple[list[ReportCase], list[ReportTenant]]:
    tenants = []
    for size in SIZES:
        _progress(f"seeding a tenant of {size:,} leads and its cells ...")
        tenants.append(_report_tenant(bench, writer, size, now))
    _progress("measuring the reports ...")
    cases = []
    for spec in report_specs():
        for days in spec.spans:
            measured = [_measure_report(bench, t, spec, days) for t in tenants]
            cases.append(ReportCase(spec.name, days, [r for r, _ in measured], [n for _, n in measured]))
    return cases, tenants


# 2. What the aggregates add to a write -------------------------------------------------------------


@dataclass
class WriteCase:
    name: str
    lead_id: str
    request: RequestReport | None  # the use case's own write (None: a redelivered event)
    consumer: RequestReport  # refresh_lead
    cells: int  # cells the refresh changed
    items: int  # items of its TransactWriteItems (cells + the contribution)

    @property
    def cost_per_thousand(self) -> float:
        """Dollars for 1,000 of these refreshes at on-demand prices."""
        units = self.consumer.computed
        return 1000 * (units.wcu * WRITE_PRICE + units.rcu * READ_PRICE) / 1_000_000


@dataclass
class WriteResults:
    cases: list[WriteCase] = field(default_factory=list)
    leads_of_contact: int = 0  # the two-ad contact's leads: 2
    rebuild_equal: bool = False  # the consumer's cells equal a rebuild's afterwards
    cell_layout: list[str] = field(default_factory=list)  # a cell the consumer wrote: keys and type

    def case(self, name: str) -> WriteCase:
        return next(case for case in self.cases if case.name == name)


def _lead_create(n: int, channel: int, owner_id: str | None = None) -> Any:
    from convertly.capture.service import touch_dims
    from convertly.leads.domain.leads import Attribution, LeadCreate

    attribution = {**CHANNELS[channel], "landing_page": LANDING}
    return LeadCreate(
        first_name="Dana",
        last_name=f"Roofer{n}",
        email=f"dana.roofer{n}@example.test",
        phone=f"+1 415 {5_000_000 + n:07d}",
        value=Decimal(1250 + n % 500),
        owner_id=owner_id,
        source=touch_dims(attribution)[0],  # type: ignore[arg-type]
        attribution=Attribution.model_validate(attribution),
    )


def _board_move(
    principal: Any, lead_id: str, stage_id: str, value: Decimal | None = None
) -> Callable[[], Any]:
    """The board's move, to be made: the card's fields as `seen`, so the move is its one transaction
    (the lead is read now, before any metering)."""
    from convertly.leads.domain.leads import SeenLead, StageChange
    from convertly.leads.items import LeadItem
    from convertly.leads.keys import LEAD_SK, lead
    from convertly.pipelines.stage_change import change_stage

    item = LeadItem.get(lead(principal.tenant_id, lead_id), LEAD_SK, consistent_read=True)
    seen = SeenLead(
        stage_id=item.stage_id,
        stage_entered_at=item.stage_entered_at,
        owner_id=item.owner_id,
        value=Decimal(int(item.value or 0)) / 100,
        currency=item.currency,
        source=item.source,
    )
    request = StageChange(stage_id=stage_id, version=int(item.version), seen=seen, value=value)
    return lambda: change_stage(principal, lead_id, request)


def _write_case(
    bench: Bench, tenant_id: str, name: str, lead_id: str | None, write: Callable[[], Any] | None
) -> WriteCase:
    """`write` (the use case) metered, then the consumer's refresh of the lead (`lead_id`, or the
    lead `write` created)."""
    from convertly.analytics.refresh import refresh_lead

    request = None
    if write is not None:
        with bench.meter.recording() as recording:
            written = write()
        request = bench._report(f"{name}: the write", name, recording.calls, 0)
        lead_id = lead_id or str(written.lead_id)
    assert lead_id is not None
    with bench.meter.recording() as recording:
        cells = refresh_lead(tenant_id, lead_id)
    consumer = bench._report(f"{name}: refresh_lead", "refresh_lead", recording.calls, 0)
    items = sum(
        len(call.params.get("TransactItems", []))
        for call in recording.calls
        if call.operation == "TransactWriteItems"
    )
    return WriteCase(name, lead_id, request, consumer, cells, items)


CREATED, MOVED, AGAIN = "lead created", "stage change", "redelivered (nothing changed)"
WON_ALONE, WON_TWO_ADS = "win (a contact of 1 lead, 1 touch)", "win (a contact of 2 leads from 2 ads)"


def measure_writes(bench: Bench) -> WriteResults:
    """A lead through its life, each step followed by the consumer's refresh, after a warm-up of the
    same steps (imports, the stage directory, connections: a warm Lambda)."""
    from bench import forms
    from convertly.analytics.rebuild import check
    from convertly.analytics.refresh import refresh_lead
    from convertly.contacts.writes import find_contact
    from convertly.leads.use_cases import create_lead

    tenant = bench.sign_up("analytics-writes@bench.test")
    principal, stage, tid = _admin(bench, tenant), _stage_by_name(bench, tenant), tenant.tenant_id
    warm = create_lead(principal, _lead_create(0, 0))
    refresh_lead(tid, warm.lead_id)
    _board_move(principal, warm.lead_id, stage["Contacted"])()
    refresh_lead(tid, warm.lead_id)
    results = WriteResults()
    results.cases.append(
        _write_case(bench, tid, CREATED, None, lambda: create_lead(principal, _lead_create(1, 3)))
    )
    lead_id = results.cases[0].lead_id
    # One after the other: each move reads the lead as the one before left it.
    moved = _board_move(principal, lead_id, stage["Contacted"])
    results.cases.append(_write_case(bench, tid, MOVED, lead_id, moved))
    results.cases.append(_write_case(bench, tid, AGAIN, lead_id, None))
    won = _board_move(principal, lead_id, stage["Closed Won"])
    results.cases.append(_write_case(bench, tid, WON_ALONE, lead_id, won))
    # A contact who came from a Google ad, then from a Meta ad: two leads (the "create" policy), each
    # with its touch, both refreshed on their LeadCreated.
    form, visitor = forms._form(bench, tenant, "create"), forms._Visitor(bench)
    google, meta = forms._post(40), forms._post(40)
    meta["attribution"] = {**CHANNELS[3], "landing_page": LANDING}
    visitor.post("from a Google ad", form, google, "analytics-google")
    visitor.post("from a Meta ad", form, meta, "analytics-meta")
    match = find_contact(tid, google["fields"]["email"], None)
    links = [link.lead_id for link in match.links] if match is not None else []
    results.leads_of_contact = len(links)
    for other in links:
        refresh_lead(tid, other)
    if links:
        won = _board_move(principal, links[0], stage["Closed Won"], Decimal("1850.00"))
        results.cases.append(_write_case(bench, tid, WON_TWO_ADS, links[0], won))
    results.rebuild_equal = check(tid).equal
    results.cell_layout = _cell_layout(tid)
    return results


def _cell_layout(tenant_id: str) -> list[str]:
    """What a cell the consumer wrote holds besides its labels and counters (as the seeded ones)."""
    from convertly.analytics import keys
    from convertly.analytics.items import CellItem
    from convertly.platform.clock import now

    table = CellItem._get_connection()
    pk = keys.month_partition(tenant_id, keys.LEADS, now().strftime("%Y-%m"))
    for raw in table.query(pk, limit=1).get("Items", []):
        return sorted(
            f"{k}={v.get('S', '')}" if k == "type" else k for k, v in raw.items() if k in ("PK", "SK", "type")
        )
    return []


# 3. The rebuild --------------------------------------------------------------------------------------


@dataclass
class RebuildResults:
    leads: int
    fates: Counter[str]
    seed_seconds: float
    seconds: float  # the rebuild's, less the probe's reads
    cells_written: int
    drift_corrected: int
    equal_after: bool
    operations: Counter[str] = field(default_factory=Counter)
    units: Capacity = field(default_factory=Capacity)
    transaction_items: int = 0
    check_operations: Counter[str] = field(default_factory=Counter)  # the final comparison alone
    check_units: Capacity = field(default_factory=Capacity)

    @property
    def leads_per_second(self) -> float:
        return self.leads / self.seconds if self.seconds else 0.0


# Per 20 leads: where each ends, by the stages' names (moves through the ones before it).
REBUILD_FATES = (
    ("New",) * 8 + ("Contacted",) * 4 + ("Qualified",) * 2 + ("Closed Won",) * 3 + ("Closed Lost",) * 3
)
_PATHS = {
    "New": (),
    "Contacted": ("Contacted",),
    "Qualified": ("Contacted", "Qualified"),
    "Closed Won": ("Contacted", "Closed Won"),
    "Closed Lost": ("Closed Lost",),
}


def _seed_rebuild(principal: Any, stage: dict[str, str], count: int) -> Counter[str]:
    """`count` leads through create_lead over the last 90 days, half of them the Admin's, each moved
    to its fate through change_stage; a note on one in ten."""
    from convertly.leads.domain.leads import NoteCreate, StageChange
    from convertly.leads.use_cases import add_note, create_lead
    from convertly.pipelines.stage_change import change_stage
    from convertly.platform.clock import iso

    start, fates = datetime.now(UTC) - timedelta(days=90), Counter[str]()
    for n in range(count):
        body = _lead_create(10_000 + n, n % len(CHANNELS), principal.user_id if n % 2 else None)
        lead = create_lead(principal, body, at=iso(start + timedelta(days=90) * n / count))
        fate, version = REBUILD_FATES[n % len(REBUILD_FATES)], int(lead.version)
        for name in _PATHS[fate]:
            lost = "Price" if name == "Closed Lost" else None
            move = StageChange(stage_id=stage[name], version=version, lost_reason=lost)
            version = change_stage(principal, lead.lead_id, move).version
        if n % 10 == 5:
            add_note(principal, lead.lead_id, NoteCreate(body="Called: wants a quote for the garage roof."))
        fates[fate] += 1
    return fates


def measure_rebuild(bench: Bench, count: int) -> RebuildResults:
    from bench.contact_backfill import SampledProbe
    from convertly.analytics import rebuild as rebuild_module
    from convertly.analytics.rebuild import check, rebuild

    tenant = bench.sign_up("analytics-rebuild@bench.test")
    _professional(tenant.tenant_id)
    principal = _admin(bench, tenant)
    started = time.perf_counter()
    fates = _seed_rebuild(principal, _stage_by_name(bench, tenant), count)
    seed_seconds = time.perf_counter() - started
    _progress(f"  {count:,} leads created in {seed_seconds:.0f} s; rebuilding ...")
    probe = SampledProbe(bench.meter.probe) if bench.meter.probe is not None else None
    original, bench.meter.probe = bench.meter.probe, probe
    if probe is not None:
        probe.on = True  # every write's items, for the write units; its time is taken out
    comparison: list[tuple[int, int]] = []  # the calls of the rebuild's final comparison
    compare = rebuild_module._against_live
    try:
        with bench.meter.recording() as recording:

            def against_live(tenant_id: str, rebuilt: Any) -> Any:
                first = len(recording.calls)
                found = compare(tenant_id, rebuilt)
                comparison.append((first, len(recording.calls)))
                return found

            rebuild_module._against_live = against_live
            started = time.perf_counter()
            report = rebuild(tenant.tenant_id)
            seconds = time.perf_counter() - started
    finally:
        bench.meter.probe = original
        rebuild_module._against_live = compare
    results = RebuildResults(
        report.leads,
        fates,
        seed_seconds,
        seconds - (probe.seconds if probe is not None else 0.0),
        report.cells_written,
        report.drift_corrected,
        False,
    )
    for call in recording.calls:
        results.operations[call.operation] += 1
        results.units += call_capacity(
            call.operation, call.params, call.response, call.observed, bench.schema
        )
        results.transaction_items += len(call.params.get("TransactItems", []))
    for first, last in comparison:
        for call in recording.calls[first:last]:
            results.check_operations[call.operation] += 1
            results.check_units += call_capacity(
                call.operation, call.params, call.response, call.observed, bench.schema
            )
    results.equal_after = check(tenant.tenant_id).equal
    return results


# The run -------------------------------------------------------------------------------------------


@dataclass
class AnalyticsResults:
    reports: list[ReportCase]
    tenants: list[ReportTenant]
    writes: WriteResults
    rebuild: RebuildResults
    seconds: float = 0.0


def main() -> int:
    started = time.perf_counter()
    from bench import stack

    # Before anything imports convertly: the models bind the endpoint at import.
    endpoint = stack.reserve_endpoint()

    from bench import report
    from convertly.resources import TABLE

    captured = io.StringIO()  # the handlers' logs and metrics; shown only on failure
    local, meter, schema = stack.start_metered(endpoint)
    now = datetime.now(UTC)
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            meter.install()
            bench = Bench(local, meter, schema)
            writer = Writer(local.client("dynamodb"), TABLE.name)
            _progress("measuring what the consumer writes after a lead's changes ...")
            writes = measure_writes(bench)
            _progress(f"creating {REBUILD_LEADS:,} leads through the use cases for the rebuild ...")
            rebuilt = measure_rebuild(bench, REBUILD_LEADS)
            cases, tenants = measure_reports(bench, writer, now)
    except Exception:
        sys.stderr.write(captured.getvalue()[-20_000:])
        raise
    finally:
        meter.uninstall()
        local.stop()
    results = AnalyticsResults(cases, tenants, writes, rebuilt, time.perf_counter() - started)
    print(report.render_analytics(results))
    RESULTS.write_text(json.dumps(report.analytics_json(results), indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {RESULTS} in {time.perf_counter() - started:.0f} s")
    return 0 if all(ok for _, _, ok in report.analytics_targets(results)) else 1


if __name__ == "__main__":
    sys.exit(main())
