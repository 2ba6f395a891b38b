// The lead list's and the board's score choices, kept in the URL (`sort=score`, `min_score=NN`) so a
// reload or a shared link keeps them.

export type ScoreSort = "newest" | "score";

export interface ScoreView {
  sort: ScoreSort;
  /** "Score at least": 0 to 100, or null for no floor. */
  minScore: number | null;
}

export const NO_SCORE_VIEW: ScoreView = { sort: "newest", minScore: null };
export const SORT_PARAM = "sort";
export const MIN_SCORE_PARAM = "min_score";

/** A whole score 0-100 from what was typed; null for blank, undefined for anything else. */
export function parseMinScore(text: string | null | undefined): number | null | undefined {
  const value = (text ?? "").trim();
  if (value === "") return null;
  if (!/^\d{1,3}$/.test(value)) return undefined;
  const score = Number(value);
  return score <= 100 ? score : undefined;
}

export function scoreViewFromParams(params: URLSearchParams): ScoreView {
  const minScore = parseMinScore(params.get(MIN_SCORE_PARAM));
  return {
    sort: params.get(SORT_PARAM) === "score" ? "score" : "newest",
    minScore: minScore === undefined ? null : minScore,
  };
}

/** `params` with the view's two parameters set (left out at their defaults); other parameters stay. */
export function withScoreView(params: URLSearchParams, view: ScoreView): URLSearchParams {
  const next = new URLSearchParams(params);
  if (view.sort === "score") next.set(SORT_PARAM, "score");
  else next.delete(SORT_PARAM);
  if (view.minScore !== null) next.set(MIN_SCORE_PARAM, String(view.minScore));
  else next.delete(MIN_SCORE_PARAM);
  return next;
}

/** The list reads the leads by score when sorted by score or given a floor. */
export function scoreViewActive(view: ScoreView): boolean {
  return view.sort === "score" || view.minScore !== null;
}

/** The parts of the API's query the view sets. */
export function scoreQuery(view: ScoreView): { min_score?: number; order: "desc" } {
  return view.minScore !== null ? { min_score: view.minScore, order: "desc" } : { order: "desc" };
}

/** `next` (a page's other parameters, just changed) with the score choices of `current` kept. */
export function keepScoreView(current: URLSearchParams, next: URLSearchParams): URLSearchParams {
  return withScoreView(next, scoreViewFromParams(current));
}
