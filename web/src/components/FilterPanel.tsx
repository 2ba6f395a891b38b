import { useSyncExternalStore, type ReactNode } from "react";

const PHONE = "(max-width: 760px)";

function subscribe(change: () => void): () => void {
  const query = window.matchMedia(PHONE);
  query.addEventListener("change", change);
  return () => query.removeEventListener("change", change);
}

/** Whether the screen is a phone's width (the layout's own breakpoint). */
export function usePhoneWidth(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PHONE).matches,
    () => false,
  );
}

/** "Filters" with how many are set: what the folded panel's button says. */
export function filterSummary(active: number): string {
  return active > 0 ? `Filters · ${active} set` : "Filters";
}

/**
 * On a phone, `children` (a list's filters) folded behind a "Filters" button that says how many are
 * set, so the list, not its filters, fills the first screen; on a wide screen, `children` as they are.
 */
export function FoldOnPhone({ active, children }: { active: number; children: ReactNode }) {
  const phone = usePhoneWidth();
  if (!phone) return <>{children}</>;
  return (
    <details className="filter-panel">
      <summary className="btn btn-secondary">{filterSummary(active)}</summary>
      {children}
    </details>
  );
}

/** A list's filters as a search landmark, folded on a phone (FoldOnPhone). */
export function FilterPanel({
  label,
  active,
  className = "",
  children,
}: {
  /** The search landmark's name ("Board filters"). */
  label: string;
  /** How many filters are set. */
  active: number;
  className?: string;
  children: ReactNode;
}) {
  return (
    <FoldOnPhone active={active}>
      <div className={`filters ${className}`} role="search" aria-label={label}>
        {children}
      </div>
    </FoldOnPhone>
  );
}
