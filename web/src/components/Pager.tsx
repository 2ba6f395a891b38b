import { Button } from "./ui";

/** Previous / next over a cursor-paged list, with the page number and how many rows it shows. */
export function Pager({
  page,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  busy,
  count,
  noun,
}: {
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  busy: boolean;
  count: number;
  /** What a row is, singular and plural: ["lead", "leads"]. */
  noun: readonly [string, string];
}) {
  return (
    <nav className="pager" aria-label="Pagination">
      <p className="muted" aria-live="polite">
        Page {page} · {count} {count === 1 ? noun[0] : noun[1]} shown{busy ? " · loading…" : ""}
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
