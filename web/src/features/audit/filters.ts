// The audit log's filters (days, category, person), kept in the URL, checked as the API checks them,
// and sent the same way to the page and to the CSV export.

import type { Query } from "../../api/client";
import type { AuditCategory, AuditQuery } from "./types";

export interface AuditFilters {
  /** First day, YYYY-MM-DD (UTC, as the API reads it). */
  date_from?: string;
  date_to?: string;
  category?: AuditCategory;
  actor_id?: string;
}

export const AUDIT_CATEGORIES: readonly AuditCategory[] = ["team", "leads", "contacts", "settings", "access"];

const CATEGORY_LABELS: Record<string, string> = {
  team: "Team",
  leads: "Leads",
  contacts: "Contacts and companies",
  settings: "Settings and exports",
  access: "Access and support",
  other: "Other",
};

/** The API's defaults and bounds (convertly/audit/use_cases.py). */
export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? category;
}

export function isCategory(value: string | null | undefined): value is AuditCategory {
  return AUDIT_CATEGORIES.includes(value as AuditCategory);
}

/** A real calendar day written YYYY-MM-DD. */
export function isDay(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Today as the API counts days (UTC). */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Values the API would refuse are dropped rather than sent. */
export function auditFiltersFromParams(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  const dateFrom = params.get("date_from")?.trim();
  const dateTo = params.get("date_to")?.trim();
  const category = params.get("category")?.trim();
  const actor = params.get("actor_id")?.trim();
  if (isDay(dateFrom)) filters.date_from = dateFrom;
  if (isDay(dateTo)) filters.date_to = dateTo;
  if (isCategory(category)) filters.category = category;
  if (actor && actor.length <= 64) filters.actor_id = actor;
  return filters;
}

export function paramsFromAuditFilters(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(auditQuery(filters))) {
    if (typeof value === "string" && value) params.set(name, value);
  }
  return params;
}

/** GET /audit's and GET /audit/export's query: the filters set, in the API's names. */
export function auditQuery(filters: AuditFilters): AuditQuery & Query {
  const query: AuditQuery & Query = {};
  if (filters.date_from) query.date_from = filters.date_from;
  if (filters.date_to) query.date_to = filters.date_to;
  if (filters.category) query.category = filters.category;
  if (filters.actor_id) query.actor_id = filters.actor_id;
  return query;
}

/** One control's value applied: "" (or a value the API would refuse) clears that filter. */
export function withAuditFilter(filters: AuditFilters, name: keyof AuditFilters, value: string): AuditFilters {
  const next: AuditFilters = { ...filters };
  delete next[name];
  if (name === "category") {
    if (isCategory(value)) next.category = value;
  } else if (name === "actor_id") {
    if (value) next.actor_id = value;
  } else if (isDay(value)) {
    next[name] = value;
  }
  return next;
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return Boolean(filters.date_from || filters.date_to || filters.category || filters.actor_id);
}

/** The days the API reads for these filters: up to today, the 30 days before the last one by default. */
export function effectiveRange(filters: AuditFilters, today: string): { from: string; to: string } {
  const to = filters.date_to ?? today;
  return { from: filters.date_from ?? shift(to, -(DEFAULT_DAYS - 1)), to };
}

/** Why the API would refuse these days (422), in words; null when it reads them. */
export function rangeProblem(filters: AuditFilters, today: string): string | null {
  const { from, to } = effectiveRange(filters, today);
  if (from > to) return "The first day is after the last one: choose the days again.";
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
  if (days > MAX_DAYS) return `Choose at most ${MAX_DAYS} days at a time.`;
  return null;
}

/** "audit-log-2026-11-07-2026-12-06.csv": the days the file covers. */
export function auditFileName(filters: AuditFilters, today: string, prefix = "audit-log"): string {
  const { from, to } = effectiveRange(filters, today);
  return `${prefix}-${from}-${to}.csv`;
}
