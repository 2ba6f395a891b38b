// The lead list's filters, kept in the URL so a filtered list can be shared and survives a reload.

export interface LeadFilters {
  q?: string;
  stage_id?: string;
  source?: string;
  owner_id?: string;
  created_from?: string;
  created_to?: string;
  deleted?: boolean;
}

export const FILTER_KEYS = ["q", "stage_id", "source", "owner_id", "created_from", "created_to"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export function filtersFromParams(params: URLSearchParams): LeadFilters {
  const filters: LeadFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

export function paramsFromFilters(filters: LeadFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  return params;
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

