// A bulk action's progress and outcome in numbers and words: whether it is over, how far it is
// (unknown until the run has found every record), and what its summary says.

import type { BulkAction, BulkReason, BulkStatus } from "./types";
import { getDisplayLocale } from "../../lib/format";

/** How often a running bulk action is read again. */
export const POLL_MS = 1500;

export function isFinished(status: BulkStatus): boolean {
  return status === "done" || status === "failed";
}

/** How soon to read the action again; false once it is over. */
export function pollInterval(action: Pick<BulkAction, "status"> | undefined): number | false {
  return action && !isFinished(action.status) ? POLL_MS : false;
}

export interface Progress {
  /** Whether the total is known (the run has found every record): the bar then has a maximum. */
  known: boolean;
  value: number;
  max: number | null;
  /** 0 to 100 when known. */
  percent: number | null;
  text: string;
}

type ProgressFields = Pick<BulkAction, "status" | "total" | "resolved" | "processed">;

/**
 * How far the action is. Until the run has found every record (`resolved`), `total` is only what it
 * has found so far: no maximum, no percentage.
 */
export function progressOf(action: ProgressFields): Progress {
  const processed = Math.max(0, action.processed);
  if (!action.resolved && !isFinished(action.status)) {
    const text =
      action.status === "queued" && action.total === 0
        ? "Waiting to start…"
        : `Finding the records… ${action.total.toLocaleString(getDisplayLocale())} found so far`;
    return { known: false, value: processed, max: null, percent: null, text };
  }
  const max = Math.max(action.total, processed);
  const percent = max === 0 ? 100 : Math.min(100, Math.floor((processed / max) * 100));
  return {
    known: true,
    value: processed,
    max,
    percent,
    text: `${processed.toLocaleString(getDisplayLocale())} of ${max.toLocaleString(getDisplayLocale())} processed`,
  };
}

/** The most frequent reasons first (the API sends them so), at most `limit`. */
export function topReasons(reasons: readonly BulkReason[], limit = 3): BulkReason[] {
  return [...reasons].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)).slice(0, limit);
}

export interface Tally {
  label: string;
  count: number;
  /** What the number means, for the summary's hint. */
  hint: string;
}

/** The outcome's four numbers, in the order the summary shows them. */
export function tallies(action: Pick<BulkAction, "succeeded" | "skipped" | "failed" | "forbidden">): Tally[] {
  return [
    { label: "Succeeded", count: action.succeeded, hint: "changed as asked" },
    { label: "Skipped", count: action.skipped, hint: "already as asked, or gone" },
    { label: "Failed", count: action.failed, hint: "could not be changed" },
    { label: "Forbidden", count: action.forbidden, hint: "not yours to change" },
  ];
}
