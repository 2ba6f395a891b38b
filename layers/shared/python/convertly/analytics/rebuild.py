"""Rebuilding a tenant's cells from its items, and checking the live cells against them.

Every lead (live and deleted) and every task is refreshed: its contribution computed afresh and the
difference written, as the consumer does. Then the live cells are compared with the sum of the fresh
contributions, and any difference left (cells written by hand, a bug since fixed) is corrected.
`check` only compares, writing nothing: the no-drift test and an operator's first look use it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from convertly.accounts import service as accounts
from convertly.analytics import keys, store
from convertly.analytics.cells import Cell, CellId, Contribution, diff, total
from convertly.analytics.contribution import lead_contribution, parse, task_contribution
from convertly.analytics.facts import calendar, lead_facts, read_lead
from convertly.analytics.refresh import lead_refresh, refresh_lead, refresh_task, task_due, task_refresh
from convertly.leads import service as leads
from convertly.platform.events.envelope import DomainEvent
from convertly.work import service as work


@dataclass
class RebuildReport:
    tenant_id: str
    leads: int = 0
    tasks: int = 0
    cells_written: int = 0
    drift_corrected: int = 0
    seconds: float = 0.0
    leads_per_second: float = 0.0


@dataclass
class Check:
    """The live cells against the cells computed afresh from the items."""

    live: dict[CellId, Cell] = field(default_factory=dict)
    rebuilt: dict[CellId, Cell] = field(default_factory=dict)

    @property
    def drift(self) -> dict[CellId, Cell]:
        """What must be added to the live cells to make them the rebuilt ones."""
        return {change.cell: Cell(change.add, change.labels) for change in diff(self.live, self.rebuilt)}

    @property
    def equal(self) -> bool:
        return not self.drift


def lead_ids(tenant_id: str) -> list[str]:
    """Every lead of the tenant, live and deleted (the leads index, GSI1, by creation time)."""
    found: list[str] = []
    for deleted in (False, True):
        for lead in leads.Lead.gsi1.query(leads.leads_index(tenant_id, deleted=deleted)):
            found.append(str(lead.lead_id))
    return found


def task_ids(tenant_id: str) -> list[str]:
    return [str(task.task_id) for task in work.active_tasks(tenant_id)] + [
        str(task.task_id) for task in work.done_tasks(tenant_id)
    ]


def fresh(tenant_id: str) -> dict[CellId, Cell]:
    """The cells the tenant's items add up to now, computed in memory."""
    cal = calendar(tenant_id)
    contributions: list[Contribution] = []
    for lead_id in lead_ids(tenant_id):
        read = read_lead(tenant_id, lead_id)
        if read.lead is not None:
            contributions.append(lead_contribution(lead_facts(read), cal))
    for task_id in task_ids(tenant_id):
        contributions.append(task_contribution(tenant_id, task_due(work.get_task(tenant_id, task_id)), cal))
    return total(contributions)


def check(tenant_id: str) -> Check:
    return _against_live(tenant_id, fresh(tenant_id))


def _against_live(tenant_id: str, rebuilt: dict[CellId, Cell]) -> Check:
    return Check(live=store.tenant_cells(tenant_id, *_span(tenant_id, rebuilt)), rebuilt=rebuilt)


def rebuild(tenant_id: str) -> RebuildReport:
    """Refresh every lead and task (each read once), then correct whatever drift is left."""
    started = time.monotonic()
    report = RebuildReport(tenant_id)
    days = calendar(tenant_id)
    contributions: list[Contribution] = []
    for lead_id in lead_ids(tenant_id):
        written, contribution = lead_refresh(tenant_id, lead_id, days)
        report.cells_written += written
        report.leads += 1
        contributions.append(contribution)
    for task_id in task_ids(tenant_id):
        written, contribution = task_refresh(tenant_id, task_id, days)
        report.cells_written += written
        report.tasks += 1
        contributions.append(contribution)
    left = _against_live(tenant_id, total(contributions)).drift
    store.apply_totals(left)
    report.drift_corrected = len(left)
    report.seconds = round(time.monotonic() - started, 3)
    report.leads_per_second = round(report.leads / report.seconds, 1) if report.seconds else 0.0
    return report


# A stepped rebuild (after the tenant's time zone changed: every day moved) ----------------------------

STEP_PAGE = 50
PHASES = ("live", "deleted", "tasks")  # live leads, deleted leads, open tasks (done ones count nowhere)
REBUILD_STEP = "AnalyticsRebuildStep"


def rebuild_step(
    tenant_id: str, phase: str, cursor: str | None, seconds: float
) -> tuple[str, str | None] | None:
    """Refresh the tenant's records a page at a time for up to `seconds`, from (`phase`, `cursor`);
    the place to go on from, or None when every lead and task is done."""
    deadline = time.monotonic() + seconds
    days = calendar(tenant_id)
    while True:  # at least one page a step, so every step moves on
        if phase == "tasks":
            page, cursor = work.active_task_page(tenant_id, cursor, STEP_PAGE)
            for task_id in page:
                refresh_task(tenant_id, task_id, days)
        else:
            index = leads.leads_index(tenant_id, deleted=phase == "deleted")
            found, cursor = leads.query_leads("GSI1", index, None, None, STEP_PAGE, cursor)
            for lead in found:
                refresh_lead(tenant_id, str(lead.lead_id), days)
        if cursor is None:
            if phase == PHASES[-1]:
                return None
            phase = PHASES[PHASES.index(phase) + 1]
        if time.monotonic() >= deadline:
            return phase, cursor


def step_event(tenant_id: str, phase: str, cursor: str | None) -> DomainEvent:
    return DomainEvent(detail_type=REBUILD_STEP, tenant_id=tenant_id, data={"phase": phase, "cursor": cursor})


def _span(tenant_id: str, cells: dict[CellId, Cell]) -> tuple[date, date]:
    """The days whose partitions a comparison reads: from the tenant's start (or its oldest cell) to
    tomorrow."""
    tenant = accounts.get_tenant(tenant_id)
    days = [sk.split("#", 1)[0] for pk, sk in cells if pk.rsplit("#", 1)[1] not in keys.STATES]
    first = min([*days, _day(tenant.created_at if tenant is not None else None)])
    return date.fromisoformat(first), date.today() + timedelta(days=1)


def _day(at: str | None) -> str:
    return parse(at).date().isoformat() if at else date.today().isoformat()
