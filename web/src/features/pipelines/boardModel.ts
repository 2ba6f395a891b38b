// The Kanban board's state changes: moving a card between columns (with the columns' counters),
// putting a card back where it was, placing a lead as the API says it is now, and column pages.

import type { Lead } from "../leads/types";
import type { Board, BoardCard, BoardColumn, CardPage, SeenLead, StageMove } from "./types";

export interface CardPlace {
  column: BoardColumn;
  card: BoardCard;
  index: number;
}

/** Where a lead's card is on the board, if it is loaded. */
export function findCard(board: Board, leadId: string): CardPlace | null {
  for (const column of board.columns) {
    const index = column.items.findIndex((card) => card.lead_id === leadId);
    if (index >= 0) return { column, card: column.items[index]!, index };
  }
  return null;
}

function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}

function withoutCard(column: BoardColumn, card: BoardCard): BoardColumn {
  return {
    ...column,
    items: column.items.filter((item) => item.lead_id !== card.lead_id),
    lead_count: Math.max(0, column.lead_count - 1),
    lead_value: Math.max(0, roundMoney(column.lead_value - card.value)),
  };
}

function withCard(column: BoardColumn, card: BoardCard, index = 0): BoardColumn {
  const items = column.items.filter((item) => item.lead_id !== card.lead_id);
  const at = Math.max(0, Math.min(index, items.length));
  return {
    ...column,
    items: [...items.slice(0, at), card, ...items.slice(at)],
    lead_count: column.lead_count + 1,
    lead_value: roundMoney(column.lead_value + card.value),
  };
}

function replaceColumns(board: Board, change: (column: BoardColumn) => BoardColumn): Board {
  return { ...board, columns: board.columns.map(change) };
}

/** Whether a card may be dropped on this column: another, active stage of the board. */
export function canDropOn(board: Board, leadId: string, stageId: string): boolean {
  const place = findCard(board, leadId);
  const target = board.columns.find((column) => column.stage_id === stageId);
  return Boolean(place && target && target.status === "active" && place.column.stage_id !== stageId);
}

/**
 * The board after moving a card to the top of another column (the columns are newest in the stage
 * first): the counters follow the card, and its age in the stage starts again. Unchanged when the card
 * is not loaded or already there.
 */
export function moveCard(board: Board, leadId: string, toStageId: string, at: string): Board {
  const place = findCard(board, leadId);
  if (!place || place.column.stage_id === toStageId) return board;
  if (!board.columns.some((column) => column.stage_id === toStageId)) return board;
  const moved: BoardCard = { ...place.card, stage_id: toStageId, stage_entered_at: at, seconds_in_stage: 0 };
  return replaceColumns(board, (column) => {
    if (column.stage_id === place.column.stage_id) return withoutCard(column, place.card);
    if (column.stage_id === toStageId) return withCard(column, moved);
    return column;
  });
}

/** Put a card back as it was (after a move failed), wherever it is now; other changes stay. */
export function restoreCard(board: Board, original: CardPlace): Board {
  const now = findCard(board, original.card.lead_id);
  const stageId = original.column.stage_id;
  return replaceColumns(board, (column) => {
    let next = column;
    if (now && column.stage_id === now.column.stage_id) next = withoutCard(next, now.card);
    if (column.stage_id === stageId) next = withCard(next, original.card, original.index);
    return next;
  });
}

/** What a move sends as seen: the card's (or the lead's) stage, time in it, owner, value and source. */
export function seenOf(lead: Pick<BoardCard, keyof SeenLead>): SeenLead {
  return {
    stage_id: lead.stage_id,
    stage_entered_at: lead.stage_entered_at,
    owner_id: lead.owner_id,
    value: lead.value,
    currency: lead.currency,
    source: lead.source,
  };
}

/** Age in seconds at `now` of a stage entered at `enteredAt` (0 when the time does not parse). */
function secondsSince(enteredAt: string, now: number): number {
  const entered = Date.parse(enteredAt);
  return Number.isNaN(entered) ? 0 : Math.max(0, Math.floor((now - entered) / 1000));
}

/**
 * The board with the card at `place` replaced by `card`, in the column of `card.stage_id` (updated in
 * place when it is the same column, the value counter following), or gone when that stage is not on
 * the board.
 */
function relocate(board: Board, place: CardPlace, card: BoardCard): Board {
  const target = board.columns.find((column) => column.stage_id === card.stage_id);
  if (!target) {
    return replaceColumns(board, (column) =>
      column.stage_id === place.column.stage_id ? withoutCard(column, place.card) : column,
    );
  }
  if (target.stage_id === place.column.stage_id) {
    return replaceColumns(board, (column) => {
      if (column.stage_id !== target.stage_id) return column;
      const items = column.items.map((item) => (item.lead_id === card.lead_id ? card : item));
      return { ...column, items, lead_value: roundMoney(column.lead_value - place.card.value + card.value) };
    });
  }
  return replaceColumns(board, (column) => {
    if (column.stage_id === place.column.stage_id) return withoutCard(column, place.card);
    if (column.stage_id === target.stage_id) return withCard(column, card);
    return column;
  });
}

/**
 * The board with a committed move: the card takes the move's stage, time entered, version and value (a
 * win may have set it; its age counted from `now`) and sits in that column, the counters following. A
 * card not loaded changes nothing; a stage not on the board takes the card off it.
 */
export function placeMove(board: Board, move: StageMove, now: number): Board {
  const place = findCard(board, move.lead_id);
  if (!place) return board;
  return relocate(board, place, {
    ...place.card,
    stage_id: move.stage_id,
    stage_entered_at: move.stage_entered_at,
    seconds_in_stage: secondsSince(move.stage_entered_at, now),
    version: move.version,
    value: move.value,
  });
}

/** A lead as a card (the fields the board shows), aged from `now`. */
export function cardFromLead(lead: Lead, now: number): BoardCard {
  return {
    lead_id: lead.lead_id,
    name: lead.name,
    company: lead.company,
    value: lead.value,
    currency: lead.currency,
    owner_id: lead.owner_id,
    source: lead.source,
    pipeline_id: lead.pipeline_id,
    stage_id: lead.stage_id,
    stage_entered_at: lead.stage_entered_at,
    seconds_in_stage: secondsSince(lead.stage_entered_at, now),
    created_at: lead.created_at,
    version: lead.version,
  };
}

/**
 * The board with a lead as the API answered it (a move's result, or the current lead of a 409): its
 * card takes the new fields and moves to the lead's stage; a deleted lead, or one now in another
 * pipeline, leaves the board. A lead whose card is not loaded changes nothing.
 */
export function placeLead(board: Board, lead: Lead, now: number): Board {
  const place = findCard(board, lead.lead_id);
  if (!place) return board;
  if (lead.deleted_at || lead.pipeline_id !== board.pipeline_id) {
    return replaceColumns(board, (column) =>
      column.stage_id === place.column.stage_id ? withoutCard(column, place.card) : column,
    );
  }
  return relocate(board, place, cardFromLead(lead, now));
}

/** A column's next page appended (cards already shown, say after a move, are not repeated). */
export function appendPage(board: Board, stageId: string, page: CardPage): Board {
  return replaceColumns(board, (column) => {
    if (column.stage_id !== stageId) return column;
    const shown = new Set(column.items.map((card) => card.lead_id));
    return {
      ...column,
      items: [...column.items, ...page.items.filter((card) => !shown.has(card.lead_id))],
      next_cursor: page.next_cursor,
    };
  });
}

/** The stages a card can go to from where it is, in board order. */
export function moveTargets(board: Board, card: BoardCard): BoardColumn[] {
  return board.columns.filter((column) => column.stage_id !== card.stage_id && column.status === "active");
}

/** How long a card has sat in its stage, short: "just now", "12 min", "5 h", "3 d", "4 mo". */
export function formatAge(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  const days = Math.floor(seconds / 86_400);
  if (days < 60) return `${days} d`;
  return `${Math.floor(days / 30)} mo`;
}

/** A card's value: whole amounts as "$4,200", others with their cents, "$1,234.50". */
export { formatMoney as formatCardValue } from "../../lib/format";

/** "3 leads", "1 lead". */
export function leadCount(count: number): string {
  return `${count} ${count === 1 ? "lead" : "leads"}`;
}

export interface MoveRules {
  mayWrite: boolean;
  mayActOnAll: boolean;
  userId: string;
}

/** Whether the signed-in user may move this card: leads:write, and Sales only their own leads. */
export function mayMoveCard(rules: MoveRules, card: Pick<BoardCard, "owner_id">): boolean {
  return rules.mayWrite && (rules.mayActOnAll || card.owner_id === rules.userId);
}
