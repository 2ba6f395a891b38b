// The board sorted by score: the board's columns (names, kinds, counters) with each open column's
// cards read from GET /ai/scores?stage_id=<column>, highest score first, each card carrying its score.
// Won and lost leads have no score: their columns keep the board's own cards and pages.
//
// A card goes in the column of its lead's stage as the lead is now: right after a move the score's
// stage index may still name the stage the lead left (the scorer catches up a moment later), and the
// lead itself is what the board shows.

import { cardFromLead } from "../pipelines/boardModel";
import type { Board, BoardCard, BoardColumn, CardPage } from "../pipelines/types";
import type { ScoredLead, ScoredLeadPage, ScoreReason, ScoresQuery } from "./types";

/** Cards per column and per "Load more", as the board's own. */
export const SCORED_COLUMN_PAGE = 20;

export type ScoredCard = BoardCard & { score: number; top_reason: ScoreReason | null };

export function isScoredCard(card: BoardCard): card is ScoredCard {
  return typeof (card as Partial<ScoredCard>).score === "number";
}

export function scoredCard(scored: ScoredLead, now: number): ScoredCard {
  return { ...cardFromLead(scored.lead, now), score: scored.score, top_reason: scored.top_reason ?? null };
}

/** Highest score first; the same score by name, then id, so the order is stable. */
export function byScore(a: ScoredCard, b: ScoredCard): number {
  return b.score - a.score || a.name.localeCompare(b.name) || a.lead_id.localeCompare(b.lead_id);
}

/** Whether a column holds open leads (the only ones with a score). */
export function isScoredColumn(column: Pick<BoardColumn, "kind">): boolean {
  return column.kind !== "won" && column.kind !== "lost";
}

/**
 * The open columns' pages (`pages[i]` for `board.columns[i]`; null for a won or lost column) placed on
 * `board`: each card in its lead's current stage, once, sorted by score. Won and lost columns stay.
 */
export function placeScored(board: Board, pages: readonly (ScoredLeadPage | null)[], now: number): Board {
  const seen = new Set<string>();
  const cards: ScoredCard[] = [];
  for (const page of pages) {
    for (const item of page?.items ?? []) {
      if (seen.has(item.lead.lead_id) || item.lead.pipeline_id !== board.pipeline_id) continue;
      seen.add(item.lead.lead_id);
      cards.push(scoredCard(item, now));
    }
  }
  return {
    ...board,
    columns: board.columns.map((column, index) =>
      isScoredColumn(column)
        ? {
            ...column,
            items: cards.filter((card) => card.stage_id === column.stage_id).sort(byScore),
            next_cursor: pages[index]?.next_cursor ?? null,
          }
        : column,
    ),
  };
}

/**
 * The board by score: `loadBoard` gives its columns (the open ones' own cards are left out), `loadScores`
 * an open column's first page of scored leads.
 */
export async function loadScoredBoard(
  loadBoard: () => Promise<Board>,
  loadScores: (stageId: string) => Promise<ScoredLeadPage>,
  now: () => number = Date.now,
): Promise<Board> {
  const board = await loadBoard();
  const pages = await Promise.all(
    board.columns.map((column) => (isScoredColumn(column) ? loadScores(column.stage_id) : Promise.resolve(null))),
  );
  return placeScored(board, pages, now());
}

/** A column's next page of scored leads as the board appends it (only the leads now in that stage). */
export function scoredCardPage(stageId: string, page: ScoredLeadPage, now: number): CardPage {
  return {
    items: page.items.map((item) => scoredCard(item, now)).filter((card) => card.stage_id === stageId),
    next_cursor: page.next_cursor,
  };
}

/** The scores query of one column: its stage, the board's owner, the floor; highest first. */
export function scoredColumnQuery(stageId: string, ownerId: string | null, minScore: number | null): ScoresQuery {
  const query: ScoresQuery = { stage_id: stageId, order: "desc" };
  if (ownerId) query.owner_id = ownerId;
  if (minScore !== null) query.min_score = minScore;
  return query;
}
