// Each report's table: its columns, their headers and definitions, and each cell as the page shows
// it. The table view of a chart and the tables under it are built from these.

import type { Metric } from "./definitions";
import { GROUPINGS, healthPlatformLabel, outcomeInfo, revenueRowLabel } from "./labels";
import {
  formatChange,
  formatCount,
  formatDays,
  formatMinor,
  formatPercent,
  formatPeriod,
  formatMonth,
  formatSeconds,
} from "./reportFormat";
import type {
  AgentRow,
  ConversionsHealth,
  ForecastMonth,
  FunnelStage,
  GroupBy,
  HealthPlatform,
  Interval,
  OutcomeShare,
  RevenuePoint,
  RevenueRow,
  StageVelocity,
  StalledLead,
} from "./types";

export interface Column<Row> {
  key: string;
  label: string;
  /** The definition its header's tooltip shows. */
  metric?: Metric;
  numeric?: boolean;
  text: (row: Row) => string;
  /** A cell that links somewhere (a lead's page). */
  href?: (row: Row) => string;
}

export function revenueColumns(groupBy: GroupBy, currency: string): Column<RevenueRow>[] {
  const money = (minor: number | null) => formatMinor(minor, currency);
  return [
    {
      key: "label",
      label: GROUPINGS.find((option) => option.value === groupBy)?.label ?? "Source",
      text: (row) => revenueRowLabel(row, groupBy),
    },
    { key: "leads", label: "Leads", metric: "leads", numeric: true, text: (row) => formatCount(row.leads) },
    { key: "open_leads", label: "Open leads", metric: "open_leads", numeric: true, text: (row) => formatCount(row.open_leads) },
    { key: "open_value", label: "Open value", metric: "open_value", numeric: true, text: (row) => money(row.open_value_minor) },
    { key: "won", label: "Won", metric: "won", numeric: true, text: (row) => formatCount(row.won) },
    { key: "win_rate", label: "Win rate", metric: "win_rate", numeric: true, text: (row) => formatPercent(row.win_rate) },
    { key: "revenue", label: "Revenue", metric: "revenue", numeric: true, text: (row) => money(row.revenue_minor) },
    { key: "average_deal", label: "Average deal", metric: "average_deal", numeric: true, text: (row) => money(row.average_deal_minor) },
    {
      key: "median_days_to_win",
      label: "Median days to win",
      metric: "median_days_to_win",
      numeric: true,
      text: (row) => formatDays(row.median_days_to_win),
    },
  ];
}

export function funnelColumns(): Column<FunnelStage>[] {
  return [
    { key: "stage", label: "Stage", text: (stage) => stage.name },
    { key: "reached", label: "Reached", metric: "reached", numeric: true, text: (stage) => formatCount(stage.reached) },
    { key: "share", label: "Share of cohort", metric: "share", numeric: true, text: (stage) => formatPercent(stage.share) },
    { key: "to_next", label: "To next stage", metric: "to_next", numeric: true, text: (stage) => formatPercent(stage.to_next) },
    { key: "to_won", label: "Won from here", metric: "to_won", numeric: true, text: (stage) => formatPercent(stage.to_won) },
  ];
}

export function velocityColumns(): Column<StageVelocity>[] {
  return [
    { key: "stage", label: "Stage", text: (stage) => stage.name },
    { key: "exits", label: "Left the stage", metric: "exits", numeric: true, text: (stage) => formatCount(stage.exits) },
    { key: "median", label: "Median time", metric: "median_time", numeric: true, text: (stage) => formatSeconds(stage.median_seconds) },
    { key: "p90", label: "P90 time", metric: "p90_time", numeric: true, text: (stage) => formatSeconds(stage.p90_seconds) },
    {
      key: "previous_median",
      label: "Previous median",
      metric: "previous_median_time",
      numeric: true,
      text: (stage) => formatSeconds(stage.previous_median_seconds),
    },
    { key: "change", label: "Change", metric: "median_change", numeric: true, text: (stage) => formatChange(stage.median_change) },
  ];
}

export function stalledColumns(currency: string, ownerName: (ownerId: string | null) => string): Column<StalledLead>[] {
  return [
    { key: "lead", label: "Lead", text: (lead) => lead.name || "Unnamed lead", href: (lead) => `/leads/${encodeURIComponent(lead.lead_id)}` },
    { key: "days", label: "Days in stage", metric: "days_in_stage", numeric: true, text: (lead) => formatDays(lead.days_in_stage) },
    { key: "value", label: "Value", metric: "value", numeric: true, text: (lead) => formatMinor(lead.value_minor, currency) },
    { key: "owner", label: "Owner", metric: "owner", text: (lead) => ownerName(lead.owner_id) },
  ];
}

export function overTimeColumns(interval: Interval, currency: string): Column<RevenuePoint>[] {
  return [
    { key: "period", label: { day: "Day", week: "Week", month: "Month" }[interval], text: (point) => formatPeriod(point.period, interval) },
    { key: "revenue", label: "Revenue", metric: "period_revenue", numeric: true, text: (point) => formatMinor(point.revenue_minor, currency) },
    { key: "wins", label: "Wins", metric: "period_wins", numeric: true, text: (point) => formatCount(point.wins) },
    {
      key: "previous",
      label: "Previous period",
      metric: "previous_revenue",
      numeric: true,
      text: (point) => formatMinor(point.previous_revenue_minor, currency),
    },
  ];
}

export function forecastColumns(currency: string): Column<ForecastMonth>[] {
  return [
    { key: "month", label: "Expected close", text: (month) => formatMonth(month.month) },
    { key: "leads", label: "Open leads", metric: "forecast_leads", numeric: true, text: (month) => formatCount(month.leads) },
    { key: "value", label: "Value", metric: "forecast_value", numeric: true, text: (month) => formatMinor(month.value_minor, currency) },
    { key: "weighted", label: "Weighted", metric: "forecast_weighted", numeric: true, text: (month) => formatMinor(month.weighted_minor, currency) },
  ];
}

export function agentColumns(currency: string): Column<AgentRow>[] {
  const count = (value: number) => formatCount(value);
  return [
    { key: "user", label: "User", text: (row) => row.name },
    { key: "leads_owned", label: "Leads owned", metric: "leads_owned", numeric: true, text: (row) => count(row.leads_owned) },
    { key: "leads_touched", label: "Leads touched", metric: "leads_touched", numeric: true, text: (row) => count(row.leads_touched) },
    { key: "won", label: "Won", metric: "agent_won", numeric: true, text: (row) => count(row.won) },
    { key: "revenue", label: "Revenue", metric: "agent_revenue", numeric: true, text: (row) => formatMinor(row.revenue_minor, currency) },
    { key: "win_rate", label: "Win rate", metric: "agent_win_rate", numeric: true, text: (row) => formatPercent(row.win_rate) },
    {
      key: "response",
      label: "Response time",
      metric: "response_time",
      numeric: true,
      text: (row) => formatSeconds(row.median_response_seconds),
    },
    { key: "awaiting", label: "Awaiting response", metric: "awaiting_response", numeric: true, text: (row) => count(row.awaiting_response) },
    { key: "followups", label: "Follow-ups overdue", metric: "followups_overdue", numeric: true, text: (row) => count(row.followups_overdue) },
    { key: "tasks", label: "Tasks overdue", metric: "tasks_overdue", numeric: true, text: (row) => count(row.tasks_overdue) },
  ];
}

export interface HealthLine extends OutcomeShare {
  platform: HealthPlatform;
}

/** Conversions health as one line per platform and outcome. */
export function healthLines(report: ConversionsHealth): HealthLine[] {
  return report.platforms.flatMap((platform) => platform.outcomes.map((outcome) => ({ ...outcome, platform: platform.platform })));
}

export function healthColumns(currency: string): Column<HealthLine>[] {
  return [
    { key: "platform", label: "Platform", text: (line) => healthPlatformLabel(line.platform) },
    { key: "outcome", label: "Outcome", text: (line) => outcomeInfo(line.outcome).label },
    { key: "wins", label: "Wins", metric: "outcome_wins", numeric: true, text: (line) => formatCount(line.wins) },
    { key: "revenue", label: "Revenue", metric: "outcome_revenue", numeric: true, text: (line) => formatMinor(line.revenue_minor, currency) },
    { key: "share", label: "Share of won revenue", metric: "outcome_share", numeric: true, text: (line) => formatPercent(line.share) },
  ];
}

/** A row's cells as text, in the columns' order (what a table row reads). */
export function cellTexts<Row>(columns: readonly Column<Row>[], row: Row): string[] {
  return columns.map((column) => column.text(row));
}
