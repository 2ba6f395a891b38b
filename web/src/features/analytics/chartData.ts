// What each chart draws (amounts in major units, durations in a unit that suits them) and the
// sentence that summarises it for a screen reader (the chart's aria-label).

import { healthPlatformLabel, modelLabel, OUTCOMES, outcomeInfo, revenueRowLabel, GROUPINGS } from "./labels";
import { DAY_SECONDS, formatMinor, formatMonth, formatPercent, formatPeriod, formatSeconds } from "./reportFormat";
import type {
  AgentReport,
  ConversionsHealth,
  FunnelReport,
  Outcome,
  RevenueOverTime,
  RevenueReport,
  VelocityReport,
} from "./types";

/** The bars a chart draws at most; the table view lists every row. */
export const MAX_BARS = 12;
/** The items a summary names before "and N more". */
const NAMED = 5;

function listed(items: readonly string[]): string {
  if (items.length === 0) return "nothing yet";
  const named = items.slice(0, NAMED).join("; ");
  return items.length > NAMED ? `${named}; and ${items.length - NAMED} more` : named;
}

const major = (minor: number) => minor / 100;

// Revenue by source --------------------------------------------------------------------------------

export function revenueChart(report: RevenueReport) {
  return report.rows.slice(0, MAX_BARS).map((row) => ({ name: revenueRowLabel(row, report.group_by), revenue: major(row.revenue_minor) }));
}

export function revenueSummary(report: RevenueReport): string {
  const currency = report.range.currency;
  const grouping = (GROUPINGS.find((option) => option.value === report.group_by)?.label ?? "source").toLowerCase();
  const items = report.rows
    .filter((row) => row.revenue_minor > 0)
    .map((row) => `${revenueRowLabel(row, report.group_by)} ${formatMinor(row.revenue_minor, currency)}`);
  return `Bar chart of revenue by ${grouping}, ${modelLabel(report.model)} model, ${formatMinor(report.total.revenue_minor, currency)} in all: ${listed(items)}.`;
}

// Funnel -------------------------------------------------------------------------------------------

export function funnelChart(report: FunnelReport) {
  return report.stages.map((stage) => ({ name: stage.name, reached: stage.reached, label: `${stage.reached} · ${formatPercent(stage.share)}` }));
}

export function funnelSummary(report: FunnelReport): string {
  const items = report.stages.map((stage) => `${stage.name} ${stage.reached} (${formatPercent(stage.share)})`);
  return `Funnel of the ${report.cohort} ${report.cohort === 1 ? "lead" : "leads"} created in the range, ${report.won} won now: ${listed(items)}.`;
}

// Stage velocity -----------------------------------------------------------------------------------

export interface DurationUnit {
  /** For the legend: "Median (hours)". */
  name: "minutes" | "hours" | "days";
  /** For the axis: "3 h". */
  short: string;
  seconds: number;
}

/** The unit that keeps the longest bar readable: minutes, hours, or days. */
export function durationUnit(longestSeconds: number): DurationUnit {
  if (longestSeconds < 2 * 3600) return { name: "minutes", short: "min", seconds: 60 };
  if (longestSeconds < 2 * DAY_SECONDS) return { name: "hours", short: "h", seconds: 3600 };
  return { name: "days", short: "d", seconds: DAY_SECONDS };
}

export function velocityChart(report: VelocityReport) {
  const longest = Math.max(0, ...report.stages.map((stage) => stage.p90_seconds ?? stage.median_seconds ?? 0));
  const unit = durationUnit(longest);
  const inUnit = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / unit.seconds) * 10) / 10);
  return {
    unit,
    data: report.stages.map((stage) => ({ name: stage.name, median: inUnit(stage.median_seconds), p90: inUnit(stage.p90_seconds) })),
  };
}

export function velocitySummary(report: VelocityReport): string {
  const items = report.stages
    .filter((stage) => stage.exits > 0)
    .map((stage) => `${stage.name} median ${formatSeconds(stage.median_seconds)}, p90 ${formatSeconds(stage.p90_seconds)}`);
  return `Bar chart of the time leads spent in each stage before leaving it: ${listed(items)}.`;
}

// Revenue over time --------------------------------------------------------------------------------

export function overTimeChart(report: RevenueOverTime) {
  return report.points.map((point) => ({
    name: formatPeriod(point.period, report.interval),
    revenue: major(point.revenue_minor),
    previous: major(point.previous_revenue_minor),
  }));
}

export function overTimeSummary(report: RevenueOverTime): string {
  const currency = report.range.currency;
  const best = report.points.reduce<(typeof report.points)[number] | null>(
    (top, point) => (point.revenue_minor > (top?.revenue_minor ?? 0) ? point : top),
    null,
  );
  const peak = best ? ` The best ${report.interval} was ${formatPeriod(best.period, report.interval)} with ${formatMinor(best.revenue_minor, currency)}.` : "";
  return (
    `Line chart of won revenue by ${report.interval}: ${formatMinor(report.total_minor, currency)} in the range, ` +
    `against ${formatMinor(report.previous_total_minor, currency)} in the period before (dashed line).${peak}`
  );
}

export function forecastChart(report: RevenueOverTime) {
  return report.forecast.map((month) => ({ name: formatMonth(month.month), value: major(month.value_minor), weighted: major(month.weighted_minor) }));
}

export function forecastSummary(report: RevenueOverTime): string {
  const currency = report.range.currency;
  const items = report.forecast.map(
    (month) => `${formatMonth(month.month)} ${formatMinor(month.value_minor, currency)}, weighted ${formatMinor(month.weighted_minor, currency)}`,
  );
  return `Bar chart of open pipeline by expected close month: ${listed(items)}.`;
}

// Agents -------------------------------------------------------------------------------------------

export function agentsChart(report: AgentReport) {
  return report.rows.slice(0, MAX_BARS).map((row) => ({ name: row.name, revenue: major(row.revenue_minor) }));
}

export function agentsSummary(report: AgentReport): string {
  const items = report.rows.map((row) => `${row.name} ${formatMinor(row.revenue_minor, report.range.currency)}`);
  return `Bar chart of revenue per user: ${listed(items)}.`;
}

// Conversions health -------------------------------------------------------------------------------

/** The outcomes any platform has, in the legend's order. */
export function healthOutcomes(report: ConversionsHealth): Outcome[] {
  const present = new Set(report.platforms.flatMap((platform) => platform.outcomes.map((outcome) => outcome.outcome)));
  return OUTCOMES.map((option) => option.value).filter((outcome) => present.has(outcome));
}

export function healthChart(report: ConversionsHealth) {
  return report.platforms.map((platform) => {
    const bar: Record<string, string | number> = { name: healthPlatformLabel(platform.platform) };
    for (const outcome of platform.outcomes) bar[outcome.outcome] = major(outcome.revenue_minor);
    return bar;
  });
}

export function healthSummary(report: ConversionsHealth): string {
  const currency = report.range.currency;
  const items = report.platforms.map((platform) => {
    const parts = platform.outcomes.map((outcome) => `${outcomeInfo(outcome.outcome).label} ${formatMinor(outcome.revenue_minor, currency)}`);
    return `${healthPlatformLabel(platform.platform)} was told of ${formatPercent(platform.reached_share)} (${parts.join(", ") || "no wins"})`;
  });
  return `Stacked bar chart of the ${formatMinor(report.won_revenue_minor, currency)} won, per ad platform, by what became of its conversion: ${listed(items)}.`;
}
