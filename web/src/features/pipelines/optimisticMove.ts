// A card move as the board does it: the card moves at once, the API is asked, and the card then takes
// the API's answer, or goes back where it was (and, on a stale version, to where the lead is now). A
// move that asks first (a win's value, a loss's reason) waits for the API instead.

import { ApiError } from "../../api/errors";
import type { Lead } from "../leads/types";
import { canDropOn, findCard, moveCard, placeLead, placeMove, restoreCard } from "./boardModel";
import type { Board, BoardCard, StageMove } from "./types";

export const CONFLICT_MESSAGE = "Someone else changed this lead: the board now shows where it is";

export type MoveOutcome =
  | { kind: "unchanged" }
  | { kind: "moved"; move: StageMove }
  | { kind: "conflict"; lead: Lead | null }
  | { kind: "failed"; error: unknown };

/** Where the board lives (the query cache); read again after the request, since it may have changed. */
export interface BoardStore {
  get(): Board | undefined;
  set(board: Board): void;
}

/** The lead as it is now, from a 409 `stale_version` (its `details.lead`), if the error is one. */
export function currentLeadOf(error: unknown): Lead | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const lead = error.details.lead;
  if (!lead || typeof lead !== "object" || !("lead_id" in lead) || !("stage_id" in lead)) return null;
  return lead as Lead;
}

/** Someone else saved the lead first (or deleted it) since the board was read. */
export function isStaleMove(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && (error.isConflict || error.code === "lead_deleted");
}

export async function moveOptimistically(
  store: BoardStore,
  leadId: string,
  toStageId: string,
  send: (card: BoardCard) => Promise<StageMove>,
  now: () => number = Date.now,
): Promise<MoveOutcome> {
  const board = store.get();
  if (!board || !canDropOn(board, leadId, toStageId)) return { kind: "unchanged" };
  const original = findCard(board, leadId)!;
  store.set(moveCard(board, leadId, toStageId, new Date(now()).toISOString()));
  try {
    const move = await send(original.card);
    const latest = store.get();
    if (latest) store.set(placeMove(latest, move, now()));
    return { kind: "moved", move };
  } catch (error) {
    const current = currentLeadOf(error);
    const latest = store.get();
    if (latest) {
      const restored = restoreCard(latest, original);
      store.set(current ? placeLead(restored, current, now()) : restored);
    }
    return isStaleMove(error) ? { kind: "conflict", lead: current } : { kind: "failed", error };
  }
}

/**
 * A move confirmed in a dialog (a win's value, a loss's reason): the card stays where it is until the
 * API answers, then takes the answer (its new value too); on a stale version it goes to where the lead
 * is now, and on any other refusal it stays put, so the dialog can show why.
 */
export async function moveConfirmed(
  store: BoardStore,
  leadId: string,
  toStageId: string,
  send: (card: BoardCard) => Promise<StageMove>,
  now: () => number = Date.now,
): Promise<MoveOutcome> {
  const board = store.get();
  if (!board || !canDropOn(board, leadId, toStageId)) return { kind: "unchanged" };
  const original = findCard(board, leadId)!;
  try {
    const move = await send(original.card);
    const latest = store.get();
    if (latest) store.set(placeMove(latest, move, now()));
    return { kind: "moved", move };
  } catch (error) {
    const current = currentLeadOf(error);
    const latest = store.get();
    if (latest && current) store.set(placeLead(latest, current, now()));
    return isStaleMove(error) ? { kind: "conflict", lead: current } : { kind: "failed", error };
  }
}
