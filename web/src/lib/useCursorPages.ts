import { keepPreviousData, useQuery, type QueryKey } from "@tanstack/react-query";
import { useEffect } from "react";
import { useLocation, useNavigate } from "react-router";
import { currentTrail, searchWithCursor, trailsOf, withTrail } from "./cursorTrail";

/** What a cursor-paged list endpoint answers (`total` where the API can count cheaply). */
export interface CursorPage {
  next_cursor: string | null;
  total?: number | null;
}

export interface CursorPagesOptions {
  /** The query-string name of this list's cursor: two lists on one page need different ones. */
  urlKey?: string;
}

/**
 * One page of a cursor-paged list at a time, walking the API's cursors forward and back. The page
 * survives a reload and the Back button: its cursor is in the address bar, the way back in the
 * history entry. New filters start again at the first page.
 */
export function useCursorPages<Filters, Page extends CursorPage>(
  filters: Filters,
  queryKey: (filters: Filters, cursor: string | null) => QueryKey,
  fetchPage: (filters: Filters, cursor: string | null, signal: AbortSignal) => Promise<Page>,
  { urlKey = "cursor" }: CursorPagesOptions = {},
) {
  const location = useLocation();
  const navigate = useNavigate();
  const filterKey = JSON.stringify(filters);
  const urlCursor = new URLSearchParams(location.search).get(urlKey);
  const kept = trailsOf(location.state)[urlKey];
  const { cursors, known } = currentTrail(urlCursor, kept, filterKey);
  const cursor = cursors[cursors.length - 1] ?? null;
  const stale = urlCursor !== null && cursor === null; // a cursor left from other filters

  useEffect(() => {
    if (!stale) return;
    void navigate(
      { pathname: location.pathname, search: searchWithCursor(location.search, urlKey, null) },
      { replace: true, preventScrollReset: true, state: withTrail(location.state, urlKey, null) },
    );
  }, [stale, navigate, location.pathname, location.search, location.state, urlKey]);

  const query = useQuery({
    queryKey: queryKey(filters, cursor),
    queryFn: ({ signal }) => fetchPage(filters, cursor, signal),
    placeholderData: keepPreviousData,
  });
  const nextCursor = query.isPlaceholderData ? null : (query.data?.next_cursor ?? null);

  function go(trail: (string | null)[]) {
    const target = trail[trail.length - 1] ?? null;
    // Read the address bar as it is now: a filter changed in the same instant must hold.
    void navigate(
      { pathname: location.pathname, search: searchWithCursor(window.location.search, urlKey, target) },
      { preventScrollReset: true, state: withTrail(location.state, urlKey, { filterKey, cursors: trail }) },
    );
  }

  return {
    query,
    /** The page's number, null when the list was opened at a later page from a link. */
    page: known ? cursors.length : null,
    hasPrevious: cursors.length > 1,
    hasNext: nextCursor !== null,
    total: query.isPlaceholderData ? null : (query.data?.total ?? null),
    next: () => nextCursor && go([...cursors, nextCursor]),
    previous: () => go(cursors.slice(0, -1)),
  };
}
