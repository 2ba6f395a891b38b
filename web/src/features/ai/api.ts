// The AI operations: a lead's insights and brief, the leads ranked by score, and Settings > AI.
// Each answers 402 `plan_feature_required` on a plan without AI and 409 `ai_disabled` while an Admin
// has turned AI off; a brief can also answer 503 `ai_not_configured` / `ai_unavailable`, 402
// `ai_budget_exhausted` and 409 `summary_in_progress`.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import { leadKeys } from "../leads/queries";
import type {
  AiSettings,
  AiSettingsUpdate,
  LeadInsights,
  LeadSummary,
  ScoredLeadPage,
  ScoresQuery,
  SummaryRequest,
  TrainingAccepted,
} from "./types";

const lead = (leadId: string) => `/leads/${encodeURIComponent(leadId)}`;

export function aiApi(client: ApiClient) {
  return {
    insights: (leadId: string, signal?: AbortSignal) => client.get<LeadInsights>(`${lead(leadId)}/insights`, undefined, signal),
    /** The stored brief while it is current, else a new one (a second or two). */
    summary: (leadId: string) => client.get<LeadSummary>(`${lead(leadId)}/summary`),
    regenerateSummary: (leadId: string) =>
      client.post<LeadSummary>(`${lead(leadId)}/summary`, { regenerate: true } satisfies SummaryRequest),
    /** Open leads by score, highest first unless `order` is asc (Sales: their own). */
    scores: (query: ScoresQuery, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<ScoredLeadPage>("/ai/scores", { ...query, cursor, limit }, signal),
    settings: () => client.get<AiSettings>("/settings/ai"),
    saveSettings: (body: AiSettingsUpdate) => client.patch<AiSettings>("/settings/ai", body),
    train: () => client.post<TrainingAccepted>("/settings/ai/training"),
  };
}

export type AiApi = ReturnType<typeof aiApi>;
export const useAiApi = apiHook(aiApi);

export const aiKeys = {
  all: ["ai"] as const,
  /** Under the lead's own key: whatever reads the lead again reads its insights too. */
  insights: (leadId: string) => [...leadKeys.lead(leadId), "ai"] as const,
  settings: ["ai", "settings"] as const,
  scores: ["ai", "scores"] as const,
  scorePage: (query: unknown, cursor: string | null) => ["ai", "scores", query, cursor] as const,
};

/** Whether a query key is a lead's insights (`aiKeys.insights`). */
export function isInsightsKey(key: readonly unknown[]): boolean {
  return key.length === 3 && key[0] === leadKeys.lead("")[0] && key[2] === "ai";
}
