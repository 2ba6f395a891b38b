// Waiting for an answer: the page reads the pending answer every 1.5 s, then every 3 s once it has
// waited 30 s, until it is done or failed (the API fails an answer not written within 5 minutes, so
// the wait always ends).

import type { ThreadMessage } from "./types";

export const POLL_MS = 1_500;
export const SLOW_POLL_MS = 3_000;
/** After this long, an answer is read every SLOW_POLL_MS. */
export const SLOW_AFTER_MS = 30_000;

/** An answer still being written: pending, or working on it. */
export function isWaiting(message: Pick<ThreadMessage, "role" | "status">): boolean {
  return message.role === "assistant" && (message.status === "pending" || message.status === "working");
}

/** How long until the answer is read again, having waited `waitedMs` for it; false once it is written or failed. */
export function answerPoll(message: Pick<ThreadMessage, "role" | "status"> | undefined, waitedMs: number): number | false {
  if (message && !isWaiting(message)) return false;
  return waitedMs < SLOW_AFTER_MS ? POLL_MS : SLOW_POLL_MS;
}

/** What the page says while it waits: the answer's own progress, else that it is being written. */
export function progressText(message: Pick<ThreadMessage, "status" | "progress">): string {
  if (message.status === "working" && message.progress) return `${message.progress}…`;
  return message.status === "pending" ? "Waiting for the answer…" : "Thinking…";
}
