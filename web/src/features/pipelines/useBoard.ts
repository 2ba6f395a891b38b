import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { ApiError, errorMessage } from "../../api/errors";
import { toast } from "../../components/toasts";
import { useAiApi } from "../ai/api";
import { isScoredColumn, loadScoredBoard, SCORED_COLUMN_PAGE, scoredCardPage, scoredColumnQuery } from "../ai/scoredBoard";
import type { ScoreView } from "../ai/scoreView";
import { usePipelinesApi } from "./api";
import { appendPage, findCard, seenOf } from "./boardModel";
import { closingErrors } from "./closing";
import { CONFLICT_MESSAGE, moveConfirmed, moveOptimistically, type BoardStore, type MoveOutcome } from "./optimisticMove";
import { afterStageMove, pipelineKeys } from "./queries";
import type { Board, BoardCard, ClosingFields } from "./types";

export const COLUMN_PAGE = 20;

function withItem(set: ReadonlySet<string>, item: string, present: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (present) next.add(item);
  else next.delete(item);
  return next;
}

/**
 * One board (a pipeline, optionally one owner's leads or a search): its columns, moves and pages.
 * With `score` (the AI's "Sort cards by score" or "Score at least") each column's cards come from the
 * leads ranked by score, and the board is read again after a move.
 */
export function useBoard(pipelineId: string | null, ownerId: string | null, q: string | null, score: ScoreView | null = null) {
  const api = usePipelinesApi();
  const aiApi = useAiApi();
  const queryClient = useQueryClient();
  const [moving, setMoving] = useState<ReadonlySet<string>>(new Set());
  const [loadingMore, setLoadingMore] = useState<ReadonlySet<string>>(new Set());
  const minScore = score?.minScore ?? null;
  const scored = score !== null;
  const boardKey = useMemo(
    () => [...pipelineKeys.board(pipelineId ?? "", ownerId, q), ...(scored ? ["score", minScore ?? ""] : [])],
    [pipelineId, ownerId, q, scored, minScore],
  );
  const board = useQuery({
    queryKey: boardKey,
    queryFn: ({ signal }) =>
      scored
        ? loadScoredBoard(
            () => api.board(pipelineId!, { limit: COLUMN_PAGE, owner_id: ownerId }, signal),
            (stageId) => aiApi.scores(scoredColumnQuery(stageId, ownerId, minScore), null, SCORED_COLUMN_PAGE, signal),
          )
        : api.board(pipelineId!, { limit: COLUMN_PAGE, owner_id: ownerId, q }, signal),
    enabled: Boolean(pipelineId),
    // A refetch would drop the columns' loaded pages: the board is read when opened and after a conflict.
    refetchOnWindowFocus: false,
    placeholderData: (previous) => previous,
  });

  const storeFor = useCallback(
    (): BoardStore => {
      return {
        get: () => queryClient.getQueryData<Board>(boardKey),
        set: (next) => queryClient.setQueryData<Board>(boardKey, next),
      };
    },
    [queryClient, boardKey],
  );

  /** What the board says of a move's outcome, and what it reads again. */
  const report = useCallback(
    (outcome: MoveOutcome, card: BoardCard, toStageId: string) => {
      const target = queryClient.getQueryData<Board>(boardKey)?.columns.find((column) => column.stage_id === toStageId);
      if (outcome.kind === "moved") {
        toast.success(`${card.name || "The lead"} moved to ${target?.name ?? "another stage"}`);
        // By score, the board is read again: the move may change the lead's score.
        void afterStageMove(queryClient, card.lead_id, scored);
      } else if (outcome.kind === "conflict") {
        toast.error(CONFLICT_MESSAGE);
        void afterStageMove(queryClient, card.lead_id, true);
      } else if (outcome.kind === "failed") {
        toast.error(errorMessage(outcome.error));
        if (outcome.error instanceof ApiError && [404, 409, 422].includes(outcome.error.status)) {
          void queryClient.invalidateQueries({ queryKey: boardKey });
        }
      }
    },
    [queryClient, boardKey, scored],
  );

  const move = useCallback(
    async (card: BoardCard, toStageId: string) => {
      setMoving((current) => withItem(current, card.lead_id, true));
      await queryClient.cancelQueries({ queryKey: boardKey });
      const outcome = await moveOptimistically(storeFor(), card.lead_id, toStageId, (sent) =>
        api.moveLead(sent.lead_id, toStageId, sent.version, seenOf(sent)),
      );
      setMoving((current) => withItem(current, card.lead_id, false));
      report(outcome, card, toStageId);
    },
    [api, queryClient, storeFor, report, boardKey],
  );

  /**
   * A move into a won or lost stage, confirmed in its dialog: the card moves when the API agrees.
   * Resolves with the API's refusals of the value or reason (for the dialog to show), else null.
   */
  const moveClosing = useCallback(
    async (card: BoardCard, toStageId: string, closing: ClosingFields): Promise<Record<string, string> | null> => {
      setMoving((current) => withItem(current, card.lead_id, true));
      await queryClient.cancelQueries({ queryKey: boardKey });
      const outcome = await moveConfirmed(storeFor(), card.lead_id, toStageId, (sent) =>
        api.moveLead(sent.lead_id, toStageId, sent.version, seenOf(sent), closing),
      );
      setMoving((current) => withItem(current, card.lead_id, false));
      const refused = outcome.kind === "failed" ? closingErrors(outcome.error) : null;
      if (refused) return refused;
      report(outcome, card, toStageId);
      return null;
    },
    [api, queryClient, storeFor, report, boardKey],
  );

  const loadMore = useCallback(
    async (stageId: string) => {
      const store = storeFor();
      const column = store.get()?.columns.find((c) => c.stage_id === stageId);
      const cursor = column?.next_cursor;
      if (!pipelineId || !column || !cursor) return;
      setLoadingMore((current) => withItem(current, stageId, true));
      try {
        const page = scored && isScoredColumn(column)
          ? scoredCardPage(
              stageId,
              await aiApi.scores(scoredColumnQuery(stageId, ownerId, minScore), cursor, SCORED_COLUMN_PAGE),
              Date.now(),
            )
          : await api.columnPage(pipelineId, stageId, cursor, { limit: COLUMN_PAGE, owner_id: ownerId });
        const latest = store.get();
        if (latest) store.set(appendPage(latest, stageId, page));
      } catch (error) {
        toast.error(errorMessage(error));
      } finally {
        setLoadingMore((current) => withItem(current, stageId, false));
      }
    },
    [api, aiApi, storeFor, pipelineId, ownerId, scored, minScore],
  );

  /** The stage a lead's card is in now (the cache, ahead of the render that will show it). */
  const stageOf = useCallback(
    (leadId: string): string | null => {
      const current = storeFor().get();
      return (current && findCard(current, leadId)?.column.stage_id) || null;
    },
    [storeFor],
  );

  return { board, move, moveClosing, stageOf, loadMore, moving, loadingMore };
}
