// The lead list's filters and order, kept in the URL so a filtered, sorted list can be shared and
// survives a reload.

import { MIN_SCORE_PARAM, SORT_PARAM, scoreViewFromParams, withScoreView, type ScoreView } from "../ai/scoreView";
import type { LeadSort, SortOrder } from "./types";

export interface LeadFilters {
  q?: string;
  stage_id?: string;
  source?: string;
  owner_id?: string;
  created_from?: string;
  created_to?: string;
  deleted?: boolean;
  /** Left out for the first order (created, newest first), so a plain list has a plain URL. */
  sort?: LeadSort;
  /** Left out when it is the sort's own default. */
  order?: SortOrder;
}

export const FILTER_KEYS = ["q", "stage_id", "source", "owner_id", "created_from", "created_to"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const LEAD_SORTS: readonly { value: LeadSort; label: string }[] = [
  { value: "created", label: "Created" },
  { value: "updated", label: "Last updated" },
  { value: "value", label: "Value" },
  { value: "name", label: "Name" },
];

/** Each sort's order unless one is chosen: dates and values highest first, names A to Z (as the API). */
export const DEFAULT_ORDER: Readonly<Record<LeadSort, SortOrder>> = {
  created: "desc",
  updated: "desc",
  value: "desc",
  name: "asc",
};

const ORDER_LABELS: Readonly<Record<LeadSort, Readonly<Record<SortOrder, string>>>> = {
  created: { desc: "Newest first", asc: "Oldest first" },
  updated: { desc: "Latest first", asc: "Earliest first" },
  value: { desc: "Highest first", asc: "Lowest first" },
  name: { asc: "A to Z", desc: "Z to A" },
};

function isSort(value: string | null): value is LeadSort {
  return LEAD_SORTS.some((sort) => sort.value === value);
}

/** The order the list is read in: the sort (created by default) and its direction. */
export function listOrder(filters: LeadFilters): { sort: LeadSort; order: SortOrder } {
  const sort = filters.sort ?? "created";
  return { sort, order: filters.order ?? DEFAULT_ORDER[sort] };
}

export function orderLabel(sort: LeadSort, order: SortOrder): string {
  return ORDER_LABELS[sort][order];
}

/** `filters` read in `sort` and `order` (the sort's default order when none is given), defaults left out. */
export function withOrder(filters: LeadFilters, sort: LeadSort, order?: SortOrder): LeadFilters {
  const next: LeadFilters = { ...filters };
  const direction = order ?? DEFAULT_ORDER[sort];
  if (sort === "created") delete next.sort;
  else next.sort = sort;
  if (direction === DEFAULT_ORDER[sort]) delete next.order;
  else next.order = direction;
  return next;
}

/** A column header's click: its sort in the sort's own order, or, when the list is in it, the other way. */
export function sortByColumn(filters: LeadFilters, sort: LeadSort): LeadFilters {
  const current = listOrder(filters);
  if (current.sort !== sort) return withOrder(filters, sort);
  return withOrder(filters, sort, current.order === "asc" ? "desc" : "asc");
}

export function filtersFromParams(params: URLSearchParams): LeadFilters {
  const filters: LeadFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  // `sort=score` is the AI score view's (../ai/scoreView), not an order of this list.
  const sort = params.get(SORT_PARAM);
  const order = params.get("order");
  const direction = order === "asc" || order === "desc" ? order : undefined;
  return isSort(sort) ? withOrder(filters, sort, direction) : withOrder(filters, "created", direction);
}

export function paramsFromFilters(filters: LeadFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  if (filters.sort) params.set(SORT_PARAM, filters.sort);
  if (filters.order) params.set("order", filters.order);
  return params;
}

/**
 * The page's query string for `filters`, with the AI score view's choices in `current` kept: its
 * floor (`min_score`), and `sort=score` unless the filters name a sort of their own (one just chosen).
 */
export function listParams(current: URLSearchParams, filters: LeadFilters): URLSearchParams {
  const params = paramsFromFilters(filters);
  const floor = current.get(MIN_SCORE_PARAM);
  if (floor !== null) params.set(MIN_SCORE_PARAM, floor);
  if (!filters.sort && current.get(SORT_PARAM) === "score") params.set(SORT_PARAM, "score");
  return params;
}

/** The query string once the list's order is chosen: "score" is the AI score view; any other sort
 * leaves that view (its sort and its floor) and reads the list in that order. */
export function chooseOrder(
  current: URLSearchParams,
  filters: LeadFilters,
  choice: LeadSort | "score",
  order?: SortOrder,
): URLSearchParams {
  if (choice !== "score") return paramsFromFilters(withOrder(filters, choice, order));
  const view: ScoreView = { sort: "score", minScore: scoreViewFromParams(current).minScore };
  return withScoreView(paramsFromFilters(withOrder(filters, "created")), view);
}

/** The score view's change (its floor typed, say) with the list's own order kept for when it ends. */
export function withScoreChoice(current: URLSearchParams, view: ScoreView): URLSearchParams {
  const next = withScoreView(current, view);
  const sort = current.get(SORT_PARAM);
  if (view.sort !== "score" && isSort(sort)) next.set(SORT_PARAM, sort);
  return next;
}

export function activeFilterCount(filters: LeadFilters): number {
  return FILTER_KEYS.filter((key) => Boolean(filters[key])).length;
}

/** `latest` with the filters that differ between `shown` and `next` set as in `next` (or removed). */
export function changedFilters(latest: LeadFilters, shown: LeadFilters, next: LeadFilters): LeadFilters {
  const merged: Record<string, unknown> = { ...latest };
  const keys = new Set([...Object.keys(shown), ...Object.keys(next)]) as Set<keyof LeadFilters>;
  for (const key of keys) {
    if (shown[key] === next[key]) continue;
    if (next[key] === undefined || next[key] === null || next[key] === "") delete merged[key];
    else merged[key] = next[key];
  }
  return merged as LeadFilters;
}

