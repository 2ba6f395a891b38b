import { useCursorPages } from "../../lib/useCursorPages";
import { useLeadsApi } from "./api";
import type { LeadFilters } from "./filters";
import { leadKeys } from "./queries";

export const PAGE_SIZE = 25;

/** One page of leads at a time, walking the API's cursors forward and back. */
export function useLeadPages(filters: LeadFilters) {
  const api = useLeadsApi();
  return useCursorPages(filters, leadKeys.leadPage, (f, cursor, signal) =>
    api.listLeads(f, cursor, PAGE_SIZE, signal),
  );
}
