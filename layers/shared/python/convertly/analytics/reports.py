"""The reports, each read from cells: what a report reads grows with the days in its range and the
dimensions they hold, never with the number of leads (bench/analytics.py measures it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from convertly.analytics import histogram, keys, store
from convertly.analytics.cells import Cell
from convertly.analytics.domain import (
    AgentReport,
    AgentRow,
    ConversionsHealth,
    ForecastMonth,
    FunnelReport,
    FunnelStage,
    GroupBy,
    Interval,
    Outcome,
    OutcomeShare,
    Platform,
    PlatformHealth,
    RevenueOverTime,
    RevenuePoint,
    RevenueReport,
    RevenueRow,
    StageVelocity,
    StalledLead,
    VelocityReport,
)
from convertly.analytics.filters import Filters
from convertly.analytics.models import CODES, WIN_SHARE, Model
from convertly.leads import service as leads
from convertly.pipelines import service as pipelines
from convertly.platform.clock import iso, now, parse_iso
from convertly.platform.errors import NotFoundError

DAY_SECONDS = 86400

# The labels a row of the revenue report is keyed by, for each grouping.
GROUPS: dict[str, tuple[str, ...]] = {
    "source": ("s",),
    "medium": ("s", "med"),
    "campaign": ("s", "cmp"),
    "content": ("s", "cmp", "ad"),
    "platform": ("plt",),
}
_FIELDS = {"s": "source", "med": "medium", "cmp": "campaign", "ad": "content", "plt": "platform"}


def ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


# Revenue by source, campaign and ad --------------------------------------------------------------


@dataclass
class _Line:
    leads: int = 0
    open_leads: int = 0
    open_value: int = 0
    cents: int = 0
    share: int = 0  # thousandths of wins
    days: dict[int, int] = field(default_factory=dict)

    def row(self, labels: dict[str, str]) -> RevenueRow:
        won = self.share / WIN_SHARE
        median = histogram.percentile(self.days, 0.5)
        return RevenueRow(
            **labels,
            leads=self.leads,
            open_leads=self.open_leads,
            open_value_minor=self.open_value,
            won=round(won, 3),
            win_rate=ratio(won, self.leads),
            revenue_minor=self.cents,
            average_deal_minor=round(self.cents / won) if won else None,
            median_days_to_win=round(median / DAY_SECONDS, 1) if median is not None else None,
        )


def revenue(filters: Filters, model: Model, group_by: GroupBy) -> RevenueReport:
    return revenue_from(filters, cells_in(filters, keys.LEADS), cells_in(filters, keys.WINS), model, group_by)


def revenue_from(
    filters: Filters, lead_cells: Iterable[Cell], win_cells: Iterable[Cell], model: Model, group_by: GroupBy
) -> RevenueReport:
    group = GROUPS[group_by]
    code = CODES[model]
    lines: dict[tuple[str, ...], _Line] = {}
    everything = _Line()

    def line_of(cell: Cell) -> _Line:
        return lines.setdefault(tuple(cell.labels.get(name, "") for name in group), _Line())

    for cell in lead_cells:
        counters = cell.counters
        for line in (line_of(cell), everything):
            line.leads += counters.get("leads", 0)
            line.open_leads += counters.get("open_n", 0)
            line.open_value += counters.get("open_v", 0)
    prefix = f"h_{code}_"
    for cell in win_cells:
        counters = cell.counters
        if not counters.get(f"w_{code}"):
            continue
        days = {int(name[len(prefix) :]): n for name, n in counters.items() if name.startswith(prefix)}
        for line in (line_of(cell), everything):
            line.cents += counters.get(f"c_{code}", 0)
            line.share += counters.get(f"w_{code}", 0)
            line.days = histogram.merge([line.days, days])
    rows = [
        line.row({_FIELDS[name]: value for name, value in zip(group, key, strict=True)})
        for key, line in lines.items()
    ]
    rows.sort(key=lambda row: (-row.revenue_minor, -row.leads, row.source or "", row.campaign or ""))
    return RevenueReport(
        range=filters.as_range(), model=model, group_by=group_by, rows=rows, total=everything.row({})
    )


def _cells(
    filters: Filters,
    family: str,
    first: date | None = None,
    last: date | None = None,
    *,
    owner_label: str = "o",
) -> Iterable[tuple[str, Cell]]:
    """(day, cell) of `family` in the range (or from `first` to `last`) that match the filters."""
    first, last = first or filters.first, last or filters.last
    for day, cell in store.daily_cells(filters.tenant_id, family, first, last):
        if filters.matches(cell, owner_label=owner_label):
            yield day, cell


def cells_in(filters: Filters, family: str) -> list[Cell]:
    return [cell for _, cell in _cells(filters, family)]


# Funnel --------------------------------------------------------------------------------------------


def pipeline_of(
    tenant_id: str, pipeline_id: str | None, found: list[pipelines.PipelineWithStages] | None = None
) -> pipelines.PipelineWithStages:
    """The pipeline asked for, else the default one (from `found`, the tenant's pipelines if read)."""
    found = found if found is not None else pipelines.pipelines_of(tenant_id)
    if pipeline_id:
        chosen = next((p for p in found if p.pipeline.pipeline_id == pipeline_id), None)
        if chosen is None:
            raise NotFoundError("No such pipeline", code="pipeline_not_found")
        return chosen
    chosen = next((p for p in found if p.pipeline.is_default), found[0] if found else None)
    if chosen is None:
        raise NotFoundError("No pipeline yet", code="pipeline_not_found")
    return chosen


def funnel(filters: Filters, pipeline_id: str | None = None) -> FunnelReport:
    chosen = pipeline_of(filters.tenant_id, pipeline_id or filters.pipeline_id)
    return funnel_from(filters, chosen, cells_in(filters, keys.LEADS))


def funnel_from(
    filters: Filters, chosen: pipelines.PipelineWithStages, lead_cells: Iterable[Cell]
) -> FunnelReport:
    pid = chosen.pipeline.pipeline_id
    totals: dict[str, int] = {}
    for cell in lead_cells:
        if cell.labels.get("p") != pid:
            continue
        for name, amount in cell.counters.items():
            totals[name] = totals.get(name, 0) + amount
    cohort = totals.get("leads", 0)
    drawn = [stage for stage in chosen.stages if stage.show_in_funnel]
    stages = []
    for index, stage in enumerate(drawn):
        reached = totals.get(f"r_{stage.stage_id}", 0)
        after = drawn[index + 1] if index + 1 < len(drawn) else None
        stages.append(
            FunnelStage(
                stage_id=stage.stage_id,
                name=stage.name,
                kind=stage.kind,
                reached=reached,
                share=ratio(reached, cohort),
                to_next=ratio(totals.get(f"r_{after.stage_id}", 0), reached) if after else None,
                to_won=ratio(totals.get(f"rw_{stage.stage_id}", 0), reached),
            )
        )
    return FunnelReport(
        range=filters.as_range(),
        pipeline_id=pid,
        pipeline_name=chosen.pipeline.name,
        cohort=cohort,
        won=totals.get("won", 0),
        stages=stages,
    )


# Stage velocity ------------------------------------------------------------------------------------

STALLED_LISTED = 10


def velocity(filters: Filters, pipeline_id: str | None = None) -> VelocityReport:
    chosen = pipeline_of(filters.tenant_id, pipeline_id or filters.pipeline_id)
    pid = chosen.pipeline.pipeline_id
    previous_first, previous_last = filters.previous()
    now, then = (
        _stage_histograms(filters, pid),
        _stage_histograms(filters, pid, previous_first, previous_last),
    )
    stages = []
    for stage in chosen.stages:
        current = now.get(stage.stage_id, {})
        before = then.get(stage.stage_id, {})
        median, p90 = histogram.percentile(current, 0.5), histogram.percentile(current, 0.9)
        previous_median = histogram.percentile(before, 0.5)
        stalled: list[StalledLead] = []
        more = False
        if stage.kind == "open" and (p90 or histogram.percentile(before, 0.9)):
            stalled, more = _stalled(filters, stage.stage_id, p90 or histogram.percentile(before, 0.9) or 0)
        stages.append(
            StageVelocity(
                stage_id=stage.stage_id,
                name=stage.name,
                kind=stage.kind,
                exits=sum(current.values()),
                median_seconds=_round(median),
                p90_seconds=_round(p90),
                previous_exits=sum(before.values()),
                previous_median_seconds=_round(previous_median),
                previous_p90_seconds=_round(histogram.percentile(before, 0.9)),
                median_change=round(median / previous_median - 1, 4) if median and previous_median else None,
                stalled=stalled,
                stalled_more=more,
            )
        )
    return VelocityReport(
        range=filters.as_range(),
        previous_from=previous_first.isoformat(),
        previous_to=previous_last.isoformat(),
        pipeline_id=pid,
        pipeline_name=chosen.pipeline.name,
        stages=stages,
    )


def _round(seconds: float | None) -> float | None:
    return round(seconds, 1) if seconds is not None else None


def _stage_histograms(
    filters: Filters, pipeline_id: str, first: date | None = None, last: date | None = None
) -> dict[str, dict[int, int]]:
    found: dict[str, dict[int, int]] = {}
    for _, cell in _cells(filters, keys.STAGES, first, last):
        if cell.labels.get("p") != pipeline_id:
            continue
        buckets = {int(name[1:]): n for name, n in cell.counters.items() if name.startswith("h")}
        stage_id = cell.labels.get("st", "")
        found[stage_id] = histogram.merge([found.get(stage_id, {}), buckets])
    return found


def _stalled(filters: Filters, stage_id: str, p90_seconds: float) -> tuple[list[StalledLead], bool]:
    """The stage's live leads that entered it longer than its p90 ago, oldest first: one Query of the
    stage's index (or the owner's), sorted by when each lead entered the stage."""
    moment = now()
    cutoff = iso(moment - timedelta(seconds=p90_seconds))
    if filters.owner_id:
        index, hash_key = "GSI5", leads.owner_stage_index(filters.tenant_id, filters.owner_id, stage_id)
        sort_key = leads.Lead.GSI5SK
    else:
        index, hash_key = "GSI2", leads.stage_index(filters.tenant_id, stage_id)
        sort_key = leads.Lead.GSI2SK
    source = leads.Lead.source == filters.source if filters.source else None
    # A page reads one lead past it to know whether there are more (the cursor).
    found, more = leads.query_leads(
        index, hash_key, sort_key < cutoff, source, STALLED_LISTED, None, oldest_first=True
    )
    listed = []
    for lead in found:
        entered = parse_iso(str(lead.stage_entered_at))
        listed.append(
            StalledLead(
                lead_id=lead.lead_id,
                name=leads.display_name(lead),
                owner_id=lead.owner_id,
                value_minor=int(lead.value or 0),
                days_in_stage=round((moment - entered).total_seconds() / DAY_SECONDS, 1),
            )
        )
    return listed, more is not None


# Revenue over time ---------------------------------------------------------------------------------


def period_of(day: date, interval: Interval) -> str:
    if interval == "day":
        return day.isoformat()
    if interval == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    return day.strftime("%Y-%m")


def over_time(filters: Filters, interval: Interval, model: Model) -> RevenueOverTime:
    code = CODES[model]
    previous_first, previous_last = filters.previous()
    offset = filters.first - previous_first
    points: dict[str, RevenuePoint] = {}
    day = filters.first
    while day <= filters.last:
        period = period_of(day, interval)
        points.setdefault(
            period, RevenuePoint(period=period, revenue_minor=0, wins=0, previous_revenue_minor=0)
        )
        day += timedelta(days=1)
    share: dict[str, int] = {}
    for day_text, cell in _cells(filters, keys.WINS):
        point = points[period_of(date.fromisoformat(day_text), interval)]
        point.revenue_minor += cell.counters.get(f"c_{code}", 0)
        share[point.period] = share.get(point.period, 0) + cell.counters.get(f"w_{code}", 0)
    for point in points.values():
        point.wins = round(share.get(point.period, 0) / WIN_SHARE)
    previous_total = 0
    for day_text, cell in _cells(filters, keys.WINS, previous_first, previous_last):
        cents = cell.counters.get(f"c_{code}", 0)
        previous_total += cents
        later = points.get(period_of(date.fromisoformat(day_text) + offset, interval))
        if later is not None:
            later.previous_revenue_minor += cents
    ordered = [points[key] for key in sorted(points)]
    return RevenueOverTime(
        range=filters.as_range(),
        interval=interval,
        previous_from=previous_first.isoformat(),
        previous_to=previous_last.isoformat(),
        points=ordered,
        total_minor=sum(point.revenue_minor for point in ordered),
        previous_total_minor=previous_total,
        forecast=forecast(filters),
    )


def forecast(filters: Filters) -> list[ForecastMonth]:
    """Open leads by expected close month, weighted by their stage's win probability (read now, so a
    changed probability counts at once)."""
    probabilities = {
        stage.stage_id: float(stage.probability or 0) / 100
        for found in pipelines.pipelines_of(filters.tenant_id)
        for stage in found.stages
    }
    months: dict[str, list[float]] = {}
    for month, cell in store.state_cells(filters.tenant_id, keys.FORECAST):
        if not filters.matches(cell):
            continue
        line = months.setdefault(month, [0, 0, 0.0])
        value = cell.counters.get("v", 0)
        line[0] += cell.counters.get("n", 0)
        line[1] += value
        line[2] += value * probabilities.get(cell.labels.get("st", ""), 0.0)
    return [
        ForecastMonth(month=month, leads=int(n), value_minor=int(v), weighted_minor=round(w))
        for month, (n, v, w) in sorted(months.items(), key=lambda item: (item[0] == "none", item[0]))
    ]


# Agents --------------------------------------------------------------------------------------------


@dataclass
class _Agent:
    owned: int = 0
    touched: int = 0
    won: int = 0
    revenue: int = 0
    waiting: int = 0
    response: dict[int, int] = field(default_factory=dict)
    overdue: dict[str, int] = field(default_factory=dict)


def agents(filters: Filters, team: Iterable[tuple[str, str]]) -> AgentReport:
    """Per user of `team` ((user id, name) pairs, in their order), plus anyone else the cells name."""
    names = dict(team)
    found: dict[str, _Agent] = {user_id: _Agent() for user_id in names}
    for _, cell in _cells(filters, keys.AGENTS, owner_label="u"):
        agent = found.setdefault(cell.labels.get("u", ""), _Agent())
        counters = cell.counters
        agent.owned += counters.get("owned", 0)
        agent.touched += counters.get("acted", 0)
        agent.won += counters.get("won", 0)
        agent.revenue += counters.get("rev", 0)
        agent.waiting += counters.get("waiting", 0)
        buckets = {int(name[2:]): n for name, n in counters.items() if name.startswith("rh")}
        agent.response = histogram.merge([agent.response, buckets])
    for kind, user_id, _, overdue in due_work(filters):
        if user_id in found or filters.owner_id is None:
            agent = found.setdefault(user_id, _Agent())
            agent.overdue[kind] = agent.overdue.get(kind, 0) + overdue
    rows = []
    for user_id, agent in found.items():
        if filters.owner_id and user_id != filters.owner_id:
            continue
        median = histogram.percentile(agent.response, 0.5)
        rows.append(
            AgentRow(
                user_id=user_id,
                name=names.get(user_id, "Former user"),
                leads_owned=agent.owned,
                leads_touched=agent.touched,
                won=agent.won,
                revenue_minor=agent.revenue,
                win_rate=ratio(agent.won, agent.owned),
                median_response_seconds=_round(median),
                awaiting_response=agent.waiting,
                followups_overdue=agent.overdue.get("followup", 0),
                tasks_overdue=agent.overdue.get("task", 0),
            )
        )
    rows.sort(key=lambda row: (-row.revenue_minor, -row.won, row.name))
    return AgentReport(range=filters.as_range(), rows=rows)


def due_work(filters: Filters) -> list[tuple[str, str, int, int]]:
    """(kind, assignee, due today, overdue) for open follow-ups and tasks due up to today: one Query
    of the work-due cells (days up to today, each day's cell per kind and assignee)."""
    totals: dict[tuple[str, str], list[int]] = {}
    today = filters.today.isoformat()
    for day, cell in store.state_cells(filters.tenant_id, keys.DUE, high=f"{today}#~"):
        line = totals.setdefault((cell.labels.get("k", ""), cell.labels.get("u", "")), [0, 0])
        line[0 if day == today else 1] += cell.counters.get("n", 0)
    return [(kind, user, today_n, overdue) for (kind, user), (today_n, overdue) in totals.items()]


# Conversions health --------------------------------------------------------------------------------

OUTCOMES: tuple[Outcome, ...] = Outcome.__args__  # type: ignore[attr-defined]
PLATFORMS: tuple[Platform, ...] = ("google_ads", "meta")


def conversions(filters: Filters) -> ConversionsHealth:
    """Won revenue by ad platform and what became of its conversion there."""
    table: dict[str, dict[str, list[int]]] = {platform: {} for platform in PLATFORMS}
    for _, cell in _cells(filters, keys.CONVERSIONS):
        lines = table.get(cell.labels.get("plt", ""))
        if lines is None:
            continue
        line = lines.setdefault(cell.labels.get("out", "pending"), [0, 0])
        line[0] += cell.counters.get("n", 0)
        line[1] += cell.counters.get("v", 0)
    # Every win counts once on each platform: either platform's lines add up to the won revenue.
    won = sum(value for _, value in table["google_ads"].values())
    wins = sum(count for count, _ in table["google_ads"].values())
    platforms = []
    for platform in PLATFORMS:
        outcomes = table[platform]
        shares = []
        for outcome in OUTCOMES:
            count, value = outcomes.get(outcome, (0, 0))
            if count:
                shares.append(
                    OutcomeShare(outcome=outcome, wins=count, revenue_minor=value, share=ratio(value, won))
                )
        sent = outcomes.get("sent", [0, 0])[1]
        platforms.append(PlatformHealth(platform=platform, outcomes=shares, reached_share=ratio(sent, won)))
    return ConversionsHealth(range=filters.as_range(), won_revenue_minor=won, wins=wins, platforms=platforms)
