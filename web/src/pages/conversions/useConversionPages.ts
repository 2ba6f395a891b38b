import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ConversionFilters } from "../../api/types";
import { useApi } from "../../context";
import { conversionKeys } from "./queries";

export const LOG_PAGE_SIZE = 25;

/** One page of the conversions log at a time, walking the API's cursors forward and back. */
export function useConversionPages(filters: ConversionFilters) {
  const api = useApi();
  const filterKey = JSON.stringify(filters);
  const [state, setState] = useState<{ filterKey: string; cursors: (string | null)[] }>({
    filterKey,
    cursors: [null],
  });
  // New filters start again at the first page.
  const cursors = state.filterKey === filterKey ? state.cursors : [null];
  const cursor = cursors[cursors.length - 1] ?? null;
  const query = useQuery({
    queryKey: conversionKeys.logPage(filters, cursor),
    queryFn: ({ signal }) => api.conversions(filters, cursor, LOG_PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });
  const nextCursor = query.isPlaceholderData ? null : (query.data?.next_cursor ?? null);
  return {
    query,
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: nextCursor !== null,
    next: () => nextCursor && setState({ filterKey, cursors: [...cursors, nextCursor] }),
    previous: () => setState({ filterKey, cursors: cursors.slice(0, -1) }),
  };
}
