import { useApi } from "../../context";
import type { LeadFilters } from "../../lib/filters";
import { keys } from "../../lib/queries";
import { useCursorPages } from "../../lib/useCursorPages";

export const PAGE_SIZE = 25;

/** One page of leads at a time, walking the API's cursors forward and back. */
export function useLeadPages(filters: LeadFilters) {
  const api = useApi();
  return useCursorPages(filters, keys.leadPage, (f, cursor, signal) =>
    api.listLeads(f, cursor, PAGE_SIZE, signal),
  );
}
