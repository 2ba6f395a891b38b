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
