// Settings > Imports' filters (person, status, days), kept in the URL and sent as GET /imports's query.

import type { Query } from "../../api/client";
import { isDay } from "../audit/filters";
import { isImportStatus } from "./status";
import type { ImportListQuery, ImportStatus } from "./types";

export interface ImportFilters {
  status?: ImportStatus;
  user_id?: string;
  /** First day, YYYY-MM-DD (UTC, as the API reads it). */
  date_from?: string;
  date_to?: string;
}

const NAMES = ["status", "user_id", "date_from", "date_to"] as const;

/** Values the API would refuse are dropped rather than sent. */
export function importFiltersFromParams(params: URLSearchParams): ImportFilters {
  const filters: ImportFilters = {};
  const status = params.get("status")?.trim();
  const user = params.get("user_id")?.trim();
  const dateFrom = params.get("date_from")?.trim();
  const dateTo = params.get("date_to")?.trim();
  if (isImportStatus(status)) filters.status = status;
  if (user && user.length <= 64) filters.user_id = user;
  if (isDay(dateFrom)) filters.date_from = dateFrom;
  if (isDay(dateTo)) filters.date_to = dateTo;
  return filters;
}

/** GET /imports's query: the filters set, in the API's names. */
export function importListQuery(filters: ImportFilters): ImportListQuery & Query {
  const query: ImportListQuery & Query = {};
  if (filters.status) query.status = filters.status;
  if (filters.user_id) query.user_id = filters.user_id;
  if (filters.date_from) query.date_from = filters.date_from;
  if (filters.date_to) query.date_to = filters.date_to;
  return query;
}

export function paramsFromImportFilters(filters: ImportFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(importListQuery(filters))) {
    if (typeof value === "string" && value) params.set(name, value);
  }
  return params;
}

/** One control's value applied: "" (or a value the API would refuse) clears that filter. */
export function withImportFilter(filters: ImportFilters, name: keyof ImportFilters, value: string): ImportFilters {
  const next: ImportFilters = { ...filters };
  delete next[name];
  if (name === "status") {
    if (isImportStatus(value)) next.status = value;
  } else if (name === "user_id") {
    if (value) next.user_id = value;
  } else if (isDay(value)) {
    next[name] = value;
  }
  return next;
}

export function hasImportFilters(filters: ImportFilters): boolean {
  return NAMES.some((name) => Boolean(filters[name]));
}

/** Why the API would refuse the days (422), in words; null when it reads them. */
export function importRangeProblem(filters: ImportFilters): string | null {
  if (filters.date_from && filters.date_to && filters.date_from > filters.date_to) {
    return "The first day is after the last one: choose the days again.";
  }
  return null;
}
