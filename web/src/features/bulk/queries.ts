// Query keys of the bulk actions, one action read again while it runs, and what a finished action
// makes the lists and the board read again.

import { useQuery, type QueryClient } from "@tanstack/react-query";
import { contactKeys } from "../contacts/queries";
import { smartListKeys } from "../contacts/lists/queries";
import { fieldsKeys } from "../fields/queries";
import { leadKeys } from "../leads/queries";
import { pipelineKeys } from "../pipelines/queries";
import { useBulkApi } from "./api";
import type { BulkLogFilters } from "./logFilters";
import { pollInterval } from "./progress";
import type { BulkObject } from "./types";

export const bulkKeys = {
  all: ["bulk-actions"] as const,
  pages: ["bulk-actions", "page"] as const,
  page: (filters: BulkLogFilters, cursor: string | null) => ["bulk-actions", "page", filters, cursor] as const,
  one: (bulkId: string) => ["bulk-actions", "one", bulkId] as const,
};

/** One bulk action, read again every POLL_MS until it is over. */
export function useBulkAction(bulkId: string | null) {
  const api = useBulkApi();
  return useQuery({
    queryKey: bulkKeys.one(bulkId ?? ""),
    queryFn: ({ signal }) => api.bulkAction(bulkId!, signal),
    enabled: Boolean(bulkId),
    refetchInterval: (query) => pollInterval(query.state.data),
  });
}

/** The reads a finished bulk action may have changed: its records' lists, pages and counters, the log. */
export function afterBulkAction(queryClient: QueryClient, object: BulkObject): Promise<unknown> {
  const keys =
    object === "leads"
      ? [leadKeys.leads, ["lead"], pipelineKeys.boards, pipelineKeys.pipelines, contactKeys.contacts]
      : [contactKeys.contacts, ["contact"], contactKeys.companies, ["company"], smartListKeys.lists];
  return Promise.all(
    [...keys, fieldsKeys.tags, bulkKeys.pages].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
  );
}
