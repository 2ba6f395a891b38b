// A report's filters and choices, kept in the URL so that a link opens the same view: the range of
// days (in the tenant's time zone), pipeline, owner and source, and the report's own choices (model,
// grouping, interval, chart or table). The defaults stay out of the URL.

import { DEFAULT_GROUP_BY, DEFAULT_MODEL, GROUPINGS, INTERVALS, LEAD_SOURCES, MODELS } from "./labels";
import type {
  AttributionModel,
  ExportQuery,
  GroupBy,
  Interval,
  LeadSource,
  OverTimeQuery,
  ReportQuery,
  RevenueQuery,
} from "./types";

export interface ReportState {
  date_from?: string;
  date_to?: string;
  pipeline_id?: string;
  owner_id?: string;
  source?: LeadSource;
  model?: AttributionModel;
  group_by?: GroupBy;
  interval?: Interval;
  /** The figures as a table instead of the chart. */
  view?: "table";
}

type Key = keyof ReportState;

/** The URL's keys, in the order they are written. */
const KEYS: readonly Key[] = ["date_from", "date_to", "pipeline_id", "owner_id", "source", "model", "group_by", "interval", "view"];
/** What every report takes, so switching reports keeps it. */
const SHARED: readonly Key[] = ["date_from", "date_to", "pipeline_id", "owner_id", "source", "model", "view"];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

/** A real day as YYYY-MM-DD (not 2026-02-30). */
export function isDay(value: string | null | undefined): value is string {
  if (!value || !DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A day a report can be about: typing a year passes through days such as 0002-01-05 first. */
export function isPlausibleDay(value: string | null | undefined): value is string {
  return isDay(value) && value >= "2000-01-01" && value <= "2999-12-31";
}

function day(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return isDay(trimmed) ? trimmed : undefined;
}

function id(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= 64 ? trimmed : undefined;
}

/**
 * The state a URL holds; anything not valid is left out (the report's default applies). `seesAll`:
 * a user without the team's figures sees their own leads only, so an owner in the URL is ignored.
 */
export function readReportState(params: URLSearchParams, seesAll: boolean): ReportState {
  const model = pick(params.get("model"), MODELS.map((option) => option.value));
  const groupBy = pick(params.get("group_by"), GROUPINGS.map((option) => option.value));
  const state: ReportState = {
    date_from: day(params.get("date_from")),
    date_to: day(params.get("date_to")),
    pipeline_id: id(params.get("pipeline_id")),
    owner_id: seesAll ? id(params.get("owner_id")) : undefined,
    source: pick(params.get("source"), LEAD_SOURCES),
    model: model === DEFAULT_MODEL ? undefined : model,
    group_by: groupBy === DEFAULT_GROUP_BY ? undefined : groupBy,
    interval: pick(params.get("interval"), INTERVALS.map((option) => option.value)),
    view: params.get("view") === "table" ? "table" : undefined,
  };
  return withoutEmpty(state);
}

export function writeReportState(state: ReportState, keys: readonly Key[] = KEYS): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = state[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** The part of the state every report shares, for the links between reports. */
export function sharedSearch(state: ReportState): string {
  const text = writeReportState(state, SHARED).toString();
  return text ? `?${text}` : "";
}

function withoutEmpty<T extends object>(state: T): T {
  return Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined && value !== "")) as T;
}

/** The state with some keys changed; a default or empty value leaves its key out. */
export function changeState(state: ReportState, change: Partial<Record<Key, string | undefined>>): ReportState {
  const next = { ...state, ...change } as ReportState;
  if (next.model === DEFAULT_MODEL) next.model = undefined;
  if (next.group_by === DEFAULT_GROUP_BY) next.group_by = undefined;
  if (next.view !== "table") next.view = undefined;
  return withoutEmpty(next);
}

/** Whether a filter narrows the report (the range and the report's choices do not count). */
export function isFiltered(state: ReportState): boolean {
  return Boolean(state.pipeline_id || state.owner_id || state.source);
}

export function clearFilters(state: ReportState): ReportState {
  return changeState(state, { pipeline_id: undefined, owner_id: undefined, source: undefined });
}

// The API's queries ----------------------------------------------------------------------------

/** The filters every report takes; days left out are the API's default, the last 30 days. */
export function reportQuery(state: ReportState): ReportQuery {
  return withoutEmpty({
    date_from: state.date_from,
    date_to: state.date_to,
    pipeline_id: state.pipeline_id,
    owner_id: state.owner_id,
    source: state.source,
  });
}

export function modelOf(state: ReportState): AttributionModel {
  return state.model ?? DEFAULT_MODEL;
}

export function groupByOf(state: ReportState): GroupBy {
  return state.group_by ?? DEFAULT_GROUP_BY;
}

export function revenueQuery(state: ReportState): RevenueQuery {
  return { ...reportQuery(state), model: modelOf(state), group_by: groupByOf(state) };
}

export function overTimeQuery(state: ReportState, interval: Interval): OverTimeQuery {
  return { ...reportQuery(state), interval, model: modelOf(state) };
}

/** The export's query: the same filters and choices as the report on screen. */
export function exportQuery(state: ReportState, interval: Interval): ExportQuery {
  return { ...reportQuery(state), model: modelOf(state), group_by: groupByOf(state), interval };
}

// Days and presets -----------------------------------------------------------------------------

/** Today in a time zone, as YYYY-MM-DD (the browser's zone when the name is not known). */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch {
    return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  }
}

export function addDays(dayText: string, days: number): string {
  const date = new Date(`${dayText}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function daysBetween(first: string, last: string): number {
  return Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;
}

export type PresetKey = "last_7" | "last_30" | "last_90" | "this_month" | "last_month";

export const PRESETS: readonly { key: PresetKey; label: string }[] = [
  { key: "last_7", label: "Last 7 days" },
  { key: "last_30", label: "Last 30 days" },
  { key: "last_90", label: "Last 90 days" },
  { key: "this_month", label: "This month" },
  { key: "last_month", label: "Last month" },
];

export interface DayRange {
  date_from: string;
  date_to: string;
}

export function presetRange(key: PresetKey, today: string): DayRange {
  const monthStart = `${today.slice(0, 7)}-01`;
  switch (key) {
    case "last_7":
      return { date_from: addDays(today, -6), date_to: today };
    case "last_30":
      return { date_from: addDays(today, -29), date_to: today };
    case "last_90":
      return { date_from: addDays(today, -89), date_to: today };
    case "this_month":
      return { date_from: monthStart, date_to: today };
    case "last_month": {
      const lastDay = addDays(monthStart, -1);
      return { date_from: `${lastDay.slice(0, 7)}-01`, date_to: lastDay };
    }
  }
}

/** The days a report covers: those in the URL, else the API's default (the 30 days up to today). */
export function rangeOf(state: ReportState, today: string): DayRange {
  const dateTo = state.date_to ?? today;
  return { date_from: state.date_from ?? addDays(dateTo, -29), date_to: dateTo };
}

export function activePreset(state: ReportState, today: string): PresetKey | null {
  const range = rangeOf(state, today);
  const found = PRESETS.find(({ key }) => {
    const preset = presetRange(key, today);
    return preset.date_from === range.date_from && preset.date_to === range.date_to;
  });
  return found?.key ?? null;
}

/** The interval that draws a readable chart for a range: days up to two months, then weeks, then months. */
export function autoInterval(range: DayRange): Interval {
  const days = daysBetween(range.date_from, range.date_to);
  if (days <= 62) return "day";
  return days <= 190 ? "week" : "month";
}
