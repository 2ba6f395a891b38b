// One page of the leads ranked by score, as the lead list reads it: the page, or why AI is not
// available now (the plan, or AI turned off), said in place rather than as an error toast.

import type { LeadFilters } from "../leads/filters";
import type { AiApi } from "./api";
import { aiRefusal } from "./plan";
import { scoreQuery, type ScoreView } from "./scoreView";
import type { ScoredLeadPage, ScoresQuery } from "./types";

export const SCORED_PAGE_SIZE = 25;

export type ScoredPageState = ScoredLeadPage & { refused: null | "plan" | { off: string } };

/** The API's query for the list's filters and score view: only the stage and the owner apply. */
export function listScoresQuery(filters: Pick<LeadFilters, "stage_id" | "owner_id">, view: ScoreView): ScoresQuery {
  const query: ScoresQuery = { ...scoreQuery(view) };
  if (filters.stage_id) query.stage_id = filters.stage_id;
  if (filters.owner_id) query.owner_id = filters.owner_id;
  return query;
}

/** The list's filters that the score order cannot apply (the API ranks by stage and owner only). */
export const UNSCORED_FILTERS = [
  { key: "q", label: "Search" },
  { key: "source", label: "Source" },
  { key: "created_from", label: "Created from" },
  { key: "created_to", label: "Created to" },
] as const;

export function ignoredFilters(filters: LeadFilters): string[] {
  return UNSCORED_FILTERS.filter((filter) => Boolean(filters[filter.key])).map((filter) => filter.label);
}

export async function readScoredPage(
  api: Pick<AiApi, "scores">,
  query: ScoresQuery,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<ScoredPageState> {
  try {
    return { ...(await api.scores(query, cursor, SCORED_PAGE_SIZE, signal)), refused: null };
  } catch (error) {
    const refusal = aiRefusal(error);
    if (!refusal) throw error;
    return { items: [], next_cursor: null, refused: refusal.kind === "plan" ? "plan" : { off: refusal.message } };
  }
}
