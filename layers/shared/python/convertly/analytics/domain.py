"""The analytics API's shapes. Money is in minor units of the tenant's currency (`*_minor`), so every
figure adds up to the cent; durations are in seconds; shares are 0..1. docs/analytics.md defines each
figure, and the web app shows those definitions as tooltips."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from convertly.analytics.models import Model
from convertly.platform.domain import DomainModel

GroupBy = Literal["source", "medium", "campaign", "content", "platform"]
Interval = Literal["day", "week", "month"]
TileId = Literal[
    "opportunities",
    "pipeline_value",
    "conversion_rate",
    "won_this_month",
    "funnel",
    "stages",
    "top_sources",
    "tasks_due",
    "followups_due",
]
TILES: tuple[str, ...] = TileId.__args__  # type: ignore[attr-defined]


class ReportRange(DomainModel):
    """The filters a report was computed with (days in the tenant's time zone)."""

    date_from: str
    date_to: str
    pipeline_id: str | None = None
    owner_id: str | None = None
    source: str | None = None
    timezone: str
    currency: str


# Revenue by source, campaign and ad --------------------------------------------------------------


class RevenueRow(DomainModel):
    source: str | None = None
    medium: str | None = None
    campaign: str | None = None
    content: str | None = Field(default=None, description="utm_content: the ad")
    platform: str | None = Field(default=None, description="the ad click id kind (gclid, fbclid...)")
    leads: int = Field(description="leads created in the range whose first touch is this row's")
    open_leads: int = Field(description="of those, the ones still open")
    open_value_minor: int = Field(description="their value")
    won: float = Field(description="wins credited to this row by the model (a share of each win)")
    win_rate: float | None = Field(description="won / leads")
    revenue_minor: int = Field(description="won revenue credited to this row by the model")
    average_deal_minor: int | None = Field(description="revenue / won")
    median_days_to_win: float | None = Field(description="from creation to the win, of the wins credited")


class RevenueReport(DomainModel):
    range: ReportRange
    model: Model
    group_by: GroupBy
    rows: list[RevenueRow]
    total: RevenueRow


# Funnel --------------------------------------------------------------------------------------------


class FunnelStage(DomainModel):
    stage_id: str
    name: str
    kind: str
    reached: int = Field(description="leads of the cohort that were ever in this stage")
    share: float | None = Field(description="reached / cohort")
    to_next: float | None = Field(description="reached by the next stage drawn / reached by this one")
    to_won: float | None = Field(description="of those that reached this stage, the share won now")


class FunnelReport(DomainModel):
    range: ReportRange
    pipeline_id: str
    pipeline_name: str
    cohort: int = Field(description="leads created in the range")
    won: int = Field(description="of the cohort, the leads won now")
    stages: list[FunnelStage]


# Stage velocity ------------------------------------------------------------------------------------


class StalledLead(DomainModel):
    lead_id: str
    name: str
    owner_id: str | None
    value_minor: int
    days_in_stage: float


class StageVelocity(DomainModel):
    stage_id: str
    name: str
    kind: str
    exits: int = Field(description="leads that left the stage in the range")
    median_seconds: float | None
    p90_seconds: float | None
    previous_exits: int
    previous_median_seconds: float | None
    previous_p90_seconds: float | None
    median_change: float | None = Field(description="median / previous median - 1")
    stalled: list[StalledLead] = Field(description="leads in the stage longer than its p90, oldest first")
    stalled_more: bool = Field(description="more stalled leads than listed")


class VelocityReport(DomainModel):
    range: ReportRange
    previous_from: str
    previous_to: str
    pipeline_id: str
    pipeline_name: str
    stages: list[StageVelocity]


# Revenue over time ---------------------------------------------------------------------------------


class RevenuePoint(DomainModel):
    period: str = Field(description="the day, the week's Monday or the month (YYYY-MM)")
    revenue_minor: int
    wins: int
    previous_revenue_minor: int = Field(description="the same place in the previous period")


class ForecastMonth(DomainModel):
    month: str = Field(description="YYYY-MM of the expected close date, or 'none'")
    leads: int
    value_minor: int
    weighted_minor: int = Field(description="each lead's value times its stage's win probability")


class RevenueOverTime(DomainModel):
    range: ReportRange
    interval: Interval
    previous_from: str
    previous_to: str
    points: list[RevenuePoint]
    total_minor: int
    previous_total_minor: int
    forecast: list[ForecastMonth]


# Agents --------------------------------------------------------------------------------------------


class AgentRow(DomainModel):
    user_id: str
    name: str
    leads_owned: int = Field(description="leads created in the range that the user owns")
    leads_touched: int = Field(
        description="leads the user moved, noted or completed a follow-up on (per day)"
    )
    won: int
    revenue_minor: int
    win_rate: float | None = Field(description="won / leads owned")
    median_response_seconds: float | None = Field(
        description="creation to first stage move, note or done follow-up"
    )
    awaiting_response: int = Field(description="open leads owned with nothing done yet")
    followups_overdue: int
    tasks_overdue: int


class AgentReport(DomainModel):
    range: ReportRange
    rows: list[AgentRow]


# Conversions health --------------------------------------------------------------------------------

Outcome = Literal[
    "sent", "no_identifier", "no_value", "expired_click", "failed", "pending", "not_connected", "not_sent"
]


class OutcomeShare(DomainModel):
    outcome: Outcome
    wins: int
    revenue_minor: int
    share: float | None = Field(description="revenue_minor / won revenue")


Platform = Literal["google_ads", "meta"]


class PlatformHealth(DomainModel):
    platform: Platform
    outcomes: list[OutcomeShare]
    reached_share: float | None = Field(description="the share of won revenue the platform was told of")


class ConversionsHealth(DomainModel):
    range: ReportRange
    won_revenue_minor: int
    wins: int
    platforms: list[PlatformHealth]


# Dashboard -----------------------------------------------------------------------------------------


class StageSlice(DomainModel):
    stage_id: str
    name: str
    kind: str
    leads: int
    value_minor: int


class SourceSlice(DomainModel):
    source: str
    revenue_minor: int
    won: float


class DueCount(DomainModel):
    due_today: int
    overdue: int


class DashboardLayout(DomainModel):
    order: list[TileId]
    hidden: list[TileId]


class Dashboard(DomainModel):
    range: ReportRange
    layout: DashboardLayout
    opportunities: int
    pipeline_value_minor: int
    conversion_rate: float | None = Field(description="leads created in the last 30 days that are won now")
    won_this_month_minor: int
    funnel: FunnelReport | None
    stages: list[StageSlice]
    top_sources: list[SourceSlice]
    model: Model
    tasks: DueCount
    followups: DueCount


class DashboardLayoutUpdate(DomainModel):
    order: list[TileId] = Field(max_length=len(TILES))
    hidden: list[TileId] = Field(default_factory=list, max_length=len(TILES))
