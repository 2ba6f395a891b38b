// Pieces the partner portal's pages share: the copy button with its "Copied" status, status badges,
// a list's loading and error states and its "Load more".

import type { UseInfiniteQueryResult } from "@tanstack/react-query";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { errorMessage } from "../../../api/errors";
import { Alert, Button, Spinner } from "../../../components/ui";
import { entryStatusLabel, payoutStatusLabel, referralStatusLabel } from "./portalModel";
import "./portal.css";

/** Copy text to the clipboard; false where the browser refuses (then `select` picks the text to copy by hand). */
export async function copyText(text: string, select?: () => void): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    select?.();
    return false;
  }
}

/** A Copy button that says, next to it, whether the text was copied. */
export function CopyButton({
  text,
  label = "Copy",
  name,
  disabled,
  select,
}: {
  text: string;
  label?: string;
  /** The button's accessible name when several copy buttons share a page ("Copy referral link"). */
  name?: string;
  disabled?: boolean;
  select?: () => void;
}) {
  const [state, setState] = useState<"idle" | "copied" | "refused">("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  async function copy() {
    const copied = await copyText(text, select);
    setState(copied ? "copied" : "refused");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), copied ? 4000 : 8000);
  }
  return (
    <span className="copy-control">
      <Button className="btn-small" aria-label={name} disabled={disabled} onClick={() => void copy()}>
        {label}
      </Button>
      <span role="status" aria-live="polite" className={`copy-status copy-status-${state}`}>
        {state === "copied" && "Copied"}
        {state === "refused" && "Your browser did not allow copying: select the text and press Ctrl+C (⌘C)"}
      </span>
    </span>
  );
}

export function ReferralStatusBadge({ status }: { status: string }) {
  return <span className={`badge partner-status partner-status-${status}`}>{referralStatusLabel(status)}</span>;
}

export function EntryStatusBadge({ status }: { status: string }) {
  return <span className={`badge partner-status partner-status-${status}`}>{entryStatusLabel(status)}</span>;
}

export function PayoutStatusBadge({ status }: { status: string }) {
  return <span className={`badge partner-status partner-status-${status}`}>{payoutStatusLabel(status)}</span>;
}

/** A failed read, with a retry. */
export function LoadError({ what, error, retry }: { what: string; error: unknown; retry: () => void }) {
  return (
    <Alert title={`${what} could not be loaded`} actions={<Button onClick={retry}>Try again</Button>}>
      {errorMessage(error)}
    </Alert>
  );
}

/**
 * A "Load more" list's states: loading, failed, empty (`empty`), else its rows (`children`) with the
 * button for the next page while there is one.
 */
export function LoadMoreList<Page>({
  query,
  count,
  what,
  noun,
  empty,
  children,
}: {
  query: UseInfiniteQueryResult<{ pages: Page[] }>;
  count: number;
  what: string;
  noun: readonly [string, string];
  empty: ReactNode;
  children: ReactNode;
}) {
  if (query.isPending) return <Spinner label={`Loading ${noun[1]}`} />;
  if (query.isError && count === 0) return <LoadError what={what} error={query.error} retry={() => void query.refetch()} />;
  if (count === 0) return <>{empty}</>;
  return (
    <>
      {children}
      <div className="pager">
        <p className="muted" aria-live="polite">
          {count} {count === 1 ? noun[0] : noun[1]} shown{query.isFetchingNextPage ? " · loading…" : ""}
        </p>
        {query.hasNextPage && (
          <Button busy={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            Load more
          </Button>
        )}
      </div>
      {query.isFetchNextPageError && <Alert title="The next page could not be loaded">{errorMessage(query.error)}</Alert>}
    </>
  );
}
