// What a refused question means to the person asking: each answer of POST .../messages that is not a
// 202, in words, what the page does about it, and whether sending the same question again may work
// (then the same request key goes with it).

import { ApiError, errorMessage } from "../../../api/errors";
import { formatDay, getDisplayLocale } from "../../../lib/format";

export const NOT_CONFIGURED_TEXT =
  "Pipeline questions are not set up on this installation (it has no OpenAI API key). Scores still work.";

export type AskProblemKind =
  /** A plan without AI: the page shows the lock. */
  | "plan"
  /** AI turned off by an Admin: the page says so. */
  | "off"
  | "not_configured"
  | "budget"
  /** The thread's last answer is still being written: the page reads the thread again. */
  | "busy"
  /** The thread holds all it can: a new thread. */
  | "full"
  /** The thread was deleted meanwhile. */
  | "gone"
  | "invalid"
  | "other";

export interface AskProblem {
  kind: AskProblemKind;
  text: string;
  /** Sending the same question again may work: "Try again" keeps its request key. */
  retry: boolean;
  /** The refusal itself (the plan lock reads the plan that has AI from it). */
  error?: unknown;
}

function count(value: unknown): string | null {
  return typeof value === "number" && Number.isFinite(value) ? value.toLocaleString(getDisplayLocale()) : null;
}

function budgetText(error: ApiError): string {
  const used = count(error.details.used);
  const budget = count(error.details.budget);
  const resets = typeof error.details.resets_on === "string" ? formatDay(error.details.resets_on) : null;
  const spent = used && budget ? ` (${used} of ${budget} tokens)` : "";
  return `This month's AI budget is used up${spent}. You can ask again ${resets ? `on ${resets}` : "next month"}.`;
}

const BY_CODE: Record<string, (error: ApiError) => AskProblem> = {
  plan_feature_required: (error) => ({ kind: "plan", text: error.message, retry: false, error }),
  ai_disabled: (error) => ({ kind: "off", text: error.message, retry: false }),
  ai_not_configured: () => ({ kind: "not_configured", text: NOT_CONFIGURED_TEXT, retry: false }),
  ai_budget_exhausted: (error) => ({ kind: "budget", text: budgetText(error), retry: false }),
  answer_in_progress: (error) => ({ kind: "busy", text: error.message, retry: false }),
  thread_full: (error) => ({ kind: "full", text: error.message, retry: false }),
  thread_not_found: () => ({ kind: "gone", text: "This thread was deleted. Start a new thread to ask.", retry: false }),
  ai_unavailable: (error) => ({ kind: "other", text: error.message, retry: true }),
};

export function askProblem(error: unknown): AskProblem {
  if (!(error instanceof ApiError)) return { kind: "other", text: errorMessage(error), retry: true };
  const known = BY_CODE[error.code];
  if (known) return known(error);
  if (error.status === 422) return { kind: "invalid", text: error.fields.question ?? error.message, retry: false };
  const retry = error.status === 0 || error.status === 429 || error.status >= 500;
  return { kind: "other", text: errorMessage(error), retry };
}
