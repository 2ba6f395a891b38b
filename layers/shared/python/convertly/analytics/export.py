"""Each report as CSV: the rows the page shows, money in major units with cents, one header row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from convertly.analytics.domain import (
    AgentReport,
    ConversionsHealth,
    FunnelReport,
    RevenueOverTime,
    RevenueReport,
    VelocityReport,
)

DAY = 86400


def _money(minor: int | None) -> str:
    return "" if minor is None else f"{minor / 100:.2f}"


def _number(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _write(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return out.getvalue()


def revenue_csv(report: RevenueReport) -> str:
    header = ["source", "medium", "campaign", "content", "platform", "leads", "open leads", "open value"]
    header += ["won", "win rate", "revenue", "average deal", "median days to win"]
    return _write(
        header,
        (
            [
                row.source,
                row.medium,
                row.campaign,
                row.content,
                row.platform,
                row.leads,
                row.open_leads,
                _money(row.open_value_minor),
                _number(row.won, 3),
                _number(row.win_rate, 4),
                _money(row.revenue_minor),
                _money(row.average_deal_minor),
                _number(row.median_days_to_win),
            ]
            for row in [*report.rows, report.total.model_copy(update={"source": "Total"})]
        ),
    )


def funnel_csv(report: FunnelReport) -> str:
    return _write(
        ["stage", "kind", "reached", "share of cohort", "to next stage", "to won"],
        (
            [s.name, s.kind, s.reached, _number(s.share, 4), _number(s.to_next, 4), _number(s.to_won, 4)]
            for s in report.stages
        ),
    )


def velocity_csv(report: VelocityReport) -> str:
    return _write(
        ["stage", "exits", "median days", "p90 days", "previous median days", "previous p90 days", "stalled"],
        (
            [
                s.name,
                s.exits,
                _days(s.median_seconds),
                _days(s.p90_seconds),
                _days(s.previous_median_seconds),
                _days(s.previous_p90_seconds),
                len(s.stalled),
            ]
            for s in report.stages
        ),
    )


def _days(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds / DAY:.2f}"


def over_time_csv(report: RevenueOverTime) -> str:
    """Won revenue per period, then the forecast per expected close month, told apart by `kind`."""
    header = ["kind", "period", "revenue", "wins", "previous period revenue", "leads", "value", "weighted"]
    won = [
        ["won", p.period, _money(p.revenue_minor), p.wins, _money(p.previous_revenue_minor), "", "", ""]
        for p in report.points
    ]
    ahead = [
        ["forecast", f.month, "", "", "", f.leads, _money(f.value_minor), _money(f.weighted_minor)]
        for f in report.forecast
    ]
    return _write(header, [*won, *ahead])


def agents_csv(report: AgentReport) -> str:
    header = ["user", "leads owned", "leads touched", "won", "revenue", "win rate", "median response hours"]
    header += ["awaiting response", "follow-ups overdue", "tasks overdue"]
    return _write(
        header,
        (
            [
                r.name,
                r.leads_owned,
                r.leads_touched,
                r.won,
                _money(r.revenue_minor),
                _number(r.win_rate, 4),
                _number(
                    r.median_response_seconds / 3600 if r.median_response_seconds is not None else None, 2
                ),
                r.awaiting_response,
                r.followups_overdue,
                r.tasks_overdue,
            ]
            for r in report.rows
        ),
    )


def conversions_csv(report: ConversionsHealth) -> str:
    return _write(
        ["platform", "outcome", "wins", "revenue", "share of won revenue"],
        (
            [p.platform, o.outcome, o.wins, _money(o.revenue_minor), _number(o.share, 4)]
            for p in report.platforms
            for o in p.outcomes
        ),
    )
