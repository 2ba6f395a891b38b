// Settings > Bulk actions' filters (records, action, status, person, days), kept in the URL with the
// action whose details are open, and sent as GET /bulk-actions's query.

import type { Query } from "../../api/client";
import { isDay } from "../audit/filters";
import { BULK_ACTIONS, BULK_OBJECTS, BULK_STATUSES } from "./labels";
import type { BulkActionQuery, BulkActionType, BulkObject, BulkStatus } from "./types";

export interface BulkLogFilters {
  object?: BulkObject;
  action?: BulkActionType;
  status?: BulkStatus;
  user_id?: string;
  /** First day, YYYY-MM-DD. */
  date_from?: string;
  date_to?: string;
}

export type BulkLogFilter = keyof BulkLogFilters;

/** The URL's name of the bulk action whose details are open. */
export const DETAIL_PARAM = "bulk";

const FILTER_NAMES: readonly BulkLogFilter[] = ["object", "action", "status", "user_id", "date_from", "date_to"];

function oneOf<T extends string>(value: string | null | undefined, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

/** One filter's value as the API takes it, or undefined (nothing, or a value it would refuse). */
function checked(name: BulkLogFilter, value: string | null | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  switch (name) {
    case "object":
      return oneOf(text, BULK_OBJECTS);
    case "action":
      return oneOf(text, BULK_ACTIONS);
    case "status":
      return oneOf(text, BULK_STATUSES);
    case "user_id":
      return text.length <= 64 ? text : undefined;
    default:
      return isDay(text) ? text : undefined;
  }
}

export function bulkFiltersFromParams(params: URLSearchParams): BulkLogFilters {
  let filters: BulkLogFilters = {};
  for (const name of FILTER_NAMES) filters = withBulkFilter(filters, name, params.get(name) ?? "");
  return filters;
}

/** GET /bulk-actions's query for the filters. */
export function bulkQuery(filters: BulkLogFilters): BulkActionQuery & Query {
  const query: BulkActionQuery & Query = {};
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (value) Object.assign(query, { [name]: value });
  }
  return query;
}

/** The URL of the filters, with the details of one action open when `detail` names it. */
export function paramsFromBulkFilters(filters: BulkLogFilters, detail?: string | null): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(bulkQuery(filters))) {
    if (typeof value === "string") params.set(name, value);
  }
  if (detail) params.set(DETAIL_PARAM, detail);
  return params;
}

/** One control applied: "" (or a value the API would refuse) clears that filter. */
export function withBulkFilter(filters: BulkLogFilters, name: BulkLogFilter, value: string): BulkLogFilters {
  const next: BulkLogFilters = { ...filters };
  delete next[name];
  const kept = checked(name, value);
  if (kept) Object.assign(next, { [name]: kept });
  return next;
}

export function hasBulkFilters(filters: BulkLogFilters): boolean {
  return FILTER_NAMES.some((name) => Boolean(filters[name]));
}

/** Why the API would refuse these days; null when it reads them. */
export function bulkRangeProblem(filters: BulkLogFilters): string | null {
  if (filters.date_from && filters.date_to && filters.date_from > filters.date_to) {
    return "The first day is after the last one: choose the days again.";
  }
  return null;
}
