import { Button } from "./ui";
import { getDisplayLocale } from "../lib/format";

/** How much of a list a page shows: against the total where the API counts it, else honestly. */
export function pagerSummary(
  page: number | null,
  count: number,
  hasNext: boolean,
  noun: readonly [string, string],
  total?: number | null,
): string {
  const rows = (n: number) => `${n.toLocaleString(getDisplayLocale())} ${n === 1 ? noun[0] : noun[1]}`;
  const place = page === null ? "" : `Page ${page} · `;
  if (total !== undefined && total !== null) return `${place}${count.toLocaleString(getDisplayLocale())} of ${rows(total)}`;
  if (hasNext) return `${place}${count.toLocaleString(getDisplayLocale())} of many ${noun[1]}`;
  if (page === 1) return `${place}${rows(count)}, all shown`;
  return `${place}${rows(count)}, the last page`;
}

/** Previous / next over a cursor-paged list, with the page number and how many rows it shows. */
export function Pager({
  page,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  busy,
  count,
  total,
  noun,
}: {
  /** Null when the list was opened at a later page from a link (its number is not known). */
  page: number | null;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  busy: boolean;
  count: number;
  /** How many rows the whole list holds, where the API counts them cheaply. */
  total?: number | null;
  /** What a row is, singular and plural: ["lead", "leads"]. */
  noun: readonly [string, string];
}) {
  return (
    <nav className="pager" aria-label="Pagination">
      <p className="muted" aria-live="polite">
        {pagerSummary(page, count, hasNext, noun, total)}
        {busy ? " · loading…" : ""}
      </p>
      <div className="pager-buttons">
        <Button disabled={!hasPrevious || busy} onClick={onPrevious}>
          Previous page
        </Button>
        <Button disabled={!hasNext || busy} onClick={onNext}>
          Next page
        </Button>
      </div>
    </nav>
  );
}
