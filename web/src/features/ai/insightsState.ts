// A lead's insights as its card shows them: ready, or not available for a reason the card says in
// place (the plan, or AI turned off), so that neither raises an error toast.

import type { AiApi } from "./api";
import { aiRefusal } from "./plan";
import type { LeadInsights } from "./types";

export type InsightsState =
  | { kind: "ready"; insights: LeadInsights }
  | { kind: "plan"; error: unknown }
  | { kind: "off"; message: string };

export async function readInsights(api: Pick<AiApi, "insights">, leadId: string, signal?: AbortSignal): Promise<InsightsState> {
  try {
    return { kind: "ready", insights: await api.insights(leadId, signal) };
  } catch (error) {
    const refusal = aiRefusal(error);
    if (refusal?.kind === "plan") return { kind: "plan", error: refusal.error };
    if (refusal?.kind === "off") return { kind: "off", message: refusal.message };
    throw error;
  }
}

/** While the scorer has not seen the lead yet (a new lead): read again every few seconds, a bounded number of times. */
export const UNSCORED_POLL_MS = 3_000;
export const UNSCORED_POLLS = 20;

export function unscoredPoll(state: InsightsState | undefined, reads: number): number | false {
  return state?.kind === "ready" && state.insights.score === null && reads < UNSCORED_POLLS ? UNSCORED_POLL_MS : false;
}
