// The conversions log's filters, kept in the URL (a filtered log can be shared and survives a reload).

import { isPlatform, isStatus } from "./labels";
import type { ConversionFilters } from "./types";

/** Values the API would refuse (422) are dropped rather than sent. */
export function conversionFiltersFromParams(params: URLSearchParams): ConversionFilters {
  const filters: ConversionFilters = {};
  const platform = params.get("platform")?.trim();
  const status = params.get("status")?.trim();
  if (isPlatform(platform)) filters.platform = platform;
  if (isStatus(status)) filters.status = status;
  return filters;
}

export function paramsFromConversionFilters(filters: ConversionFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.platform) params.set("platform", filters.platform);
  if (filters.status) params.set("status", filters.status);
  return params;
}

/** Apply one select's value: "" (the "all" option) or an unknown value clears that filter. */
export function withFilter(filters: ConversionFilters, name: keyof ConversionFilters, value: string): ConversionFilters {
  const next: ConversionFilters = { ...filters };
  if (name === "platform") {
    if (isPlatform(value)) next.platform = value;
    else delete next.platform;
  } else if (isStatus(value)) {
    next.status = value;
  } else {
    delete next.status;
  }
  return next;
}

export function hasConversionFilters(filters: ConversionFilters): boolean {
  return Boolean(filters.platform || filters.status);
}
