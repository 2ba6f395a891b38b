// Asking for a lead's brief: the call, and once more after a short wait when another view is writing
// it (409 `summary_in_progress`); whatever else it answers becomes a problem to show, never a throw.

import { IN_PROGRESS_RETRY_MS, summaryProblem, type SummaryProblem } from "./summaryProblems";
import type { LeadSummary } from "./types";

export type SummaryOutcome = { summary: LeadSummary; problem: null } | { summary: null; problem: SummaryProblem };

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function writeSummary(
  call: () => Promise<LeadSummary>,
  wait: (ms: number) => Promise<void> = pause,
): Promise<SummaryOutcome> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return { summary: await call(), problem: null };
    } catch (error) {
      const problem = summaryProblem(error);
      if (problem.kind !== "in_progress" || attempt > 0) return { summary: null, problem };
      await wait(IN_PROGRESS_RETRY_MS);
    }
  }
}
