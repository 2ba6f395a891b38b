// Where a cursor-paged list stands, kept where a reload and the Back button find it again: the page's
// cursor in the address bar (`?cursor=…`), the cursors of the pages before it in the history entry's
// state (a cursor only leads forward, so "Previous page" needs them).

/** The pages walked so far: the cursor of each, the first page's null. */
export interface CursorTrail {
  filterKey: string;
  cursors: (string | null)[];
}

export type TrailState = Record<string, CursorTrail>;

const STATE_KEY = "cursorPages";

/** The trails kept in a history entry's state (any other state the page keeps is left alone). */
export function trailsOf(state: unknown): TrailState {
  if (!state || typeof state !== "object") return {};
  const trails = (state as Record<string, unknown>)[STATE_KEY];
  return trails && typeof trails === "object" ? (trails as TrailState) : {};
}

export function withTrail(state: unknown, urlKey: string, trail: CursorTrail | null): Record<string, unknown> {
  const base = state && typeof state === "object" ? { ...(state as Record<string, unknown>) } : {};
  const trails = { ...trailsOf(state) };
  if (trail) trails[urlKey] = trail;
  else delete trails[urlKey];
  return { ...base, [STATE_KEY]: trails };
}

/**
 * The trail to show: the history entry's own when it was made for these filters; none when the
 * filters have changed since (the first page); from a link or a typed address with a cursor and no
 * matching history, that page with the first page before it (its number unknown).
 */
export function currentTrail(
  urlCursor: string | null,
  kept: CursorTrail | undefined,
  filterKey: string,
): { cursors: (string | null)[]; known: boolean } {
  if (kept && kept.filterKey !== filterKey) return { cursors: [null], known: true };
  if (kept && kept.cursors.length > 0 && (kept.cursors[kept.cursors.length - 1] ?? null) === urlCursor) {
    return { cursors: kept.cursors, known: true };
  }
  if (urlCursor) return { cursors: [null, urlCursor], known: false };
  return { cursors: [null], known: true };
}

/** The address-bar query with the list's cursor set (or removed for the first page). */
export function searchWithCursor(search: string, urlKey: string, cursor: string | null): string {
  const params = new URLSearchParams(search);
  if (cursor) params.set(urlKey, cursor);
  else params.delete(urlKey);
  const query = params.toString();
  return query ? `?${query}` : "";
}
