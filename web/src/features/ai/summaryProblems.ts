// What a refused brief means to the person reading the lead: each answer of GET or POST
// /leads/{id}/summary that is not a brief, in words, and whether asking again can help.

import { ApiError, errorMessage } from "../../api/errors";
import { formatDay, getDisplayLocale } from "../../lib/format";

export const NOT_CONFIGURED_TEXT = "Summaries are not set up on this installation (it has no OpenAI API key). The score still works.";
export const IN_PROGRESS_TEXT = "Someone else is writing this summary right now. It shows in a few seconds: try again then.";
/** How long a view waits before it asks again after 409 `summary_in_progress` (once). */
export const IN_PROGRESS_RETRY_MS = 2_000;

export type SummaryProblemKind = "not_configured" | "unavailable" | "budget" | "in_progress" | "other";

export interface SummaryProblem {
  kind: SummaryProblemKind;
  text: string;
  /** Asking again later may work (the person gets a Try again). */
  retry: boolean;
}

function count(value: unknown): string | null {
  return typeof value === "number" && Number.isFinite(value) ? value.toLocaleString(getDisplayLocale()) : null;
}

function budgetText(error: ApiError): string {
  const used = count(error.details.used);
  const budget = count(error.details.budget);
  const resets = typeof error.details.resets_on === "string" ? formatDay(error.details.resets_on) : null;
  const spent = used && budget ? ` (${used} of ${budget} tokens)` : "";
  return `This month's AI budget is used up${spent}. Summaries are back ${resets ? `on ${resets}` : "next month"}; the score still works.`;
}

export function summaryProblem(error: unknown): SummaryProblem {
  if (!(error instanceof ApiError)) return { kind: "other", text: errorMessage(error), retry: true };
  switch (error.code) {
    case "ai_not_configured":
      return { kind: "not_configured", text: NOT_CONFIGURED_TEXT, retry: false };
    case "ai_unavailable":
    case "ai_bad_answer":
      return { kind: "unavailable", text: error.message, retry: true };
    case "ai_budget_exhausted":
      return { kind: "budget", text: budgetText(error), retry: false };
    case "summary_in_progress":
      return { kind: "in_progress", text: IN_PROGRESS_TEXT, retry: true };
    default:
      return { kind: "other", text: errorMessage(error), retry: error.status >= 500 || error.status === 0 };
  }
}

/** The brief's five parts with their headings, in reading order. */
export const BRIEF_PARTS = [
  { key: "who", heading: "Who" },
  { key: "asked", heading: "What they asked" },
  { key: "came_from", heading: "Where they came from" },
  { key: "happened", heading: "What happened" },
  { key: "next", heading: "What's next" },
] as const;
