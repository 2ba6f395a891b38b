// How the dashboard's figures read: money from minor units, rates, the work due, and the rows (and
// one-line summaries, for screen readers) of the chart tiles.

import { formatDate, formatHundredths, getDisplayLocale, sourceLabel } from "../../lib/format";
import type { AttributionModel, DueCount, FunnelReport, SourceSlice, StageSlice } from "./types";

/** An amount in hundredths (the API's `*_minor` figures) as money: "$1,234.50", or "$4,200" when there are no cents. */
export function money(minor: number, currency: string): string {
  return formatHundredths(minor, currency);
}

/** A share (0..1) as a percentage with at most one decimal, "33.3%"; "—" when there is none. */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return "—";
  return new Intl.NumberFormat(getDisplayLocale(), { style: "percent", maximumFractionDigits: 1 }).format(share);
}

export function count(value: number, one: string, many: string): string {
  return `${value.toLocaleString(getDisplayLocale())} ${value === 1 ? one : many}`;
}

export function isAllClear(due: DueCount): boolean {
  return due.due_today === 0 && due.overdue === 0;
}

/** The days the figures cover, e.g. "Nov 7, 2025 – Dec 6, 2025". */
export function rangeText(range: { date_from: string; date_to: string }): string {
  // Plain dates read at noon so that no time zone moves them to the day before.
  return `${formatDate(`${range.date_from}T12:00:00`)} – ${formatDate(`${range.date_to}T12:00:00`)}`;
}

const MODEL_LABELS: Record<AttributionModel, string> = {
  first_touch: "first touch",
  last_touch: "last touch",
  last_non_direct: "last non-direct touch",
  linear: "linear",
  position_based: "position-based",
  time_decay: "time decay",
};

export function modelLabel(model: AttributionModel): string {
  return MODEL_LABELS[model] ?? model;
}

export interface FunnelRow {
  stageId: string;
  name: string;
  reached: number;
  /** Of the cohort, the share that reached the stage (0..1). */
  share: number;
}

export function funnelRows(funnel: FunnelReport): FunnelRow[] {
  return funnel.stages.map((stage) => ({
    stageId: stage.stage_id,
    name: stage.name,
    reached: stage.reached,
    share: stage.share ?? 0,
  }));
}

export function funnelSummary(funnel: FunnelReport): string {
  const stages = funnelRows(funnel).map((row) => `${row.name} ${percent(row.share)}`);
  return `Funnel of ${count(funnel.cohort, "lead", "leads")} created in the last 30 days: ${stages.join(", ")}`;
}

export interface SliceRow {
  stageId: string;
  name: string;
  kind: string;
  leads: number;
  /** Of all the leads in the chart, the share in this stage (0..1). */
  share: number;
  valueMinor: number;
}

export function stageRows(stages: readonly StageSlice[]): SliceRow[] {
  const total = stages.reduce((sum, stage) => sum + stage.leads, 0);
  return stages.map((stage) => ({
    stageId: stage.stage_id,
    name: stage.name,
    kind: stage.kind,
    leads: stage.leads,
    share: total ? stage.leads / total : 0,
    valueMinor: stage.value_minor,
  }));
}

export function stagesSummary(stages: readonly StageSlice[]): string {
  const parts = stageRows(stages).map((row) => `${row.name} ${count(row.leads, "lead", "leads")}`);
  return `Leads per stage: ${parts.join(", ")}`;
}

export interface SourceRow {
  source: string;
  label: string;
  revenueMinor: number;
  won: number;
}

export function sourceRows(sources: readonly SourceSlice[]): SourceRow[] {
  return sources.map((slice) => ({
    source: slice.source,
    label: slice.source ? sourceLabel(slice.source) : "Unknown source",
    revenueMinor: slice.revenue_minor,
    won: slice.won,
  }));
}

export function sourcesSummary(sources: readonly SourceSlice[], currency: string): string {
  const parts = sourceRows(sources).map((row) => `${row.label} ${money(row.revenueMinor, currency)}`);
  return `Won revenue by source in the last 30 days: ${parts.join(", ")}`;
}
