import { keepPreviousData, useQuery, type QueryKey } from "@tanstack/react-query";
import { useState } from "react";

/** What a cursor-paged list endpoint answers. */
export interface CursorPage {
  next_cursor: string | null;
}

/**
 * One page of a cursor-paged list at a time, walking the API's cursors forward and back.
 * New filters start again at the first page.
 */
export function useCursorPages<Filters, Page extends CursorPage>(
  filters: Filters,
  queryKey: (filters: Filters, cursor: string | null) => QueryKey,
  fetchPage: (filters: Filters, cursor: string | null, signal: AbortSignal) => Promise<Page>,
) {
  const filterKey = JSON.stringify(filters);
  const [state, setState] = useState<{ filterKey: string; cursors: (string | null)[] }>({
    filterKey,
    cursors: [null],
  });
  const cursors = state.filterKey === filterKey ? state.cursors : [null];
  const cursor = cursors[cursors.length - 1] ?? null;
  const query = useQuery({
    queryKey: queryKey(filters, cursor),
    queryFn: ({ signal }) => fetchPage(filters, cursor, signal),
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
