"""The dashboard: tiles read from the stage counters and the cells, and each user's layout."""

from __future__ import annotations

from convertly.analytics import keys, reports, store
from convertly.analytics.domain import (
    TILES,
    Dashboard,
    DashboardLayout,
    DashboardLayoutUpdate,
    DueCount,
    SourceSlice,
    StageSlice,
)
from convertly.analytics.filters import Filters, resolve
from convertly.analytics.items import DashboardLayoutItem
from convertly.analytics.models import CODES, Model
from convertly.pipelines import service as pipelines
from convertly.platform.clock import iso
from convertly.platform.errors import ValidationError
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys

DEFAULT_MODEL = Model.LAST_NON_DIRECT
TOP_SOURCES = 5


def dashboard(principal: Principal, model: Model = DEFAULT_MODEL) -> Dashboard:
    """Every tile, from one read of the last 30 days' lead cells, one of the win cells since the
    earlier of 30 days ago and the 1st of the month, the stage counters, the work due and the layout."""
    filters = resolve(principal)  # the last 30 days; a user who sees only their leads sees theirs
    every = pipelines.pipelines_of(principal.tenant_id)
    chosen = reports.pipeline_of(principal.tenant_id, None, every)
    code = CODES[model]
    month_start = filters.today.replace(day=1)
    lead_cells = reports.cells_in(filters, keys.LEADS)
    since = min(filters.first, month_start)
    wins = [
        (day, cell)
        for day, cell in store.daily_cells(filters.tenant_id, keys.WINS, since, filters.today)
        if filters.matches(cell)
    ]
    recent = [cell for day, cell in wins if day >= filters.first.isoformat()]
    cohort = reports.revenue_from(filters, lead_cells, recent, model, "source")
    won_leads = sum(cell.counters.get("won", 0) for cell in lead_cells)
    opportunities, value = _open_totals(filters, every)
    tasks, followups = _due(filters)
    top = [row for row in cohort.rows if row.revenue_minor or row.won][:TOP_SOURCES]
    return Dashboard(
        range=filters.as_range(),
        layout=layout(principal),
        opportunities=opportunities,
        pipeline_value_minor=value,
        conversion_rate=reports.ratio(won_leads, cohort.total.leads),
        won_this_month_minor=sum(
            cell.counters.get(f"c_{code}", 0) for day, cell in wins if day >= month_start.isoformat()
        ),
        funnel=reports.funnel_from(filters, chosen, lead_cells) if chosen.pipeline.show_in_funnel else None,
        stages=_stages(filters, chosen) if chosen.pipeline.show_in_pie else [],
        top_sources=[
            SourceSlice(source=row.source or "", revenue_minor=row.revenue_minor, won=row.won) for row in top
        ],
        model=model,
        tasks=tasks,
        followups=followups,
    )


def _open_totals(filters: Filters, every: list[pipelines.PipelineWithStages]) -> tuple[int, int]:
    """Open leads and their value over every pipeline, from the stage counters (or the owner's)."""
    count = value = 0
    for found in every:
        counters = _counters(filters, found)
        for stage in found.stages:
            if stage.kind == "open":
                count += counters.get(stage.stage_id, (0, 0))[0]
                value += counters.get(stage.stage_id, (0, 0))[1]
    return count, value


def _counters(filters: Filters, found: pipelines.PipelineWithStages) -> dict[str, tuple[int, int]]:
    if filters.owner_id is None:
        return {
            stage.stage_id: (int(stage.lead_count or 0), int(stage.lead_value or 0)) for stage in found.stages
        }
    owned = pipelines.owner_counters(filters.tenant_id, filters.owner_id, found.pipeline.pipeline_id)
    return {
        stage_id: (int(item.lead_count or 0), int(item.lead_value or 0)) for stage_id, item in owned.items()
    }


def _stages(filters: Filters, found: pipelines.PipelineWithStages) -> list[StageSlice]:
    counters = _counters(filters, found)
    return [
        StageSlice(
            stage_id=stage.stage_id,
            name=stage.name,
            kind=stage.kind,
            leads=counters.get(stage.stage_id, (0, 0))[0],
            value_minor=counters.get(stage.stage_id, (0, 0))[1],
        )
        for stage in found.stages
        if stage.show_in_pie
    ]


def _due(filters: Filters) -> tuple[DueCount, DueCount]:
    counts = {"task": [0, 0], "followup": [0, 0]}
    for kind, user_id, today, overdue in reports.due_work(filters):
        if kind in counts and (filters.owner_id is None or user_id == filters.owner_id):
            counts[kind][0] += today
            counts[kind][1] += overdue
    return (
        DueCount(due_today=counts["task"][0], overdue=counts["task"][1]),
        DueCount(due_today=counts["followup"][0], overdue=counts["followup"][1]),
    )


# Layout ----------------------------------------------------------------------------------------------


def layout(principal: Principal) -> DashboardLayout:
    try:
        item = DashboardLayoutItem.get(
            platform_keys.tenant(principal.tenant_id), keys.dashboard_layout_sk(principal.user_id)
        )
    except DashboardLayoutItem.DoesNotExist:
        return DashboardLayout.model_validate({"order": list(TILES), "hidden": []})
    order = [str(tile) for tile in item.order if tile in TILES]
    order += [tile for tile in TILES if tile not in order]  # tiles added since it was saved
    hidden = [str(tile) for tile in item.hidden if tile in TILES]
    return DashboardLayout.model_validate({"order": order, "hidden": hidden})


def save_layout(principal: Principal, body: DashboardLayoutUpdate) -> DashboardLayout:
    if sorted(body.order) != sorted(TILES):
        raise ValidationError(
            "Some fields are not valid", fields={"order": "List every tile once: " + ", ".join(TILES)}
        )
    DashboardLayoutItem(
        platform_keys.tenant(principal.tenant_id),
        keys.dashboard_layout_sk(principal.user_id),
        user_id=principal.user_id,
        order=list(body.order),
        hidden=sorted(set(body.hidden)),
        updated_at=iso(),
    ).save()
    return layout(principal)
