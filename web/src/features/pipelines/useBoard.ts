import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { ApiError, errorMessage } from "../../api/errors";
import { toast } from "../../components/toasts";
import { usePipelinesApi } from "./api";
import { appendPage, seenOf } from "./boardModel";
import { CONFLICT_MESSAGE, moveOptimistically, type BoardStore } from "./optimisticMove";
import { afterStageMove, pipelineKeys } from "./queries";
import type { Board, BoardCard } from "./types";

export const COLUMN_PAGE = 20;

function withItem(set: ReadonlySet<string>, item: string, present: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (present) next.add(item);
  else next.delete(item);
  return next;
}

/** One board (a pipeline, optionally one owner's leads or a search): its columns, moves and pages. */
export function useBoard(pipelineId: string | null, ownerId: string | null, q: string | null) {
  const api = usePipelinesApi();
  const queryClient = useQueryClient();
  const [moving, setMoving] = useState<ReadonlySet<string>>(new Set());
  const [loadingMore, setLoadingMore] = useState<ReadonlySet<string>>(new Set());
  const board = useQuery({
    queryKey: pipelineKeys.board(pipelineId ?? "", ownerId, q),
    queryFn: ({ signal }) => api.board(pipelineId!, { limit: COLUMN_PAGE, owner_id: ownerId, q }, signal),
    enabled: Boolean(pipelineId),
    // A refetch would drop the columns' loaded pages: the board is read when opened and after a conflict.
    refetchOnWindowFocus: false,
    placeholderData: (previous) => previous,
  });

  const storeFor = useCallback(
    (): BoardStore => {
      const key = pipelineKeys.board(pipelineId ?? "", ownerId, q);
      return {
        get: () => queryClient.getQueryData<Board>(key),
        set: (next) => queryClient.setQueryData<Board>(key, next),
      };
    },
    [queryClient, pipelineId, ownerId, q],
  );

  const move = useCallback(
    async (card: BoardCard, toStageId: string) => {
      const key = pipelineKeys.board(pipelineId ?? "", ownerId, q);
      const target = queryClient.getQueryData<Board>(key)?.columns.find((column) => column.stage_id === toStageId);
      setMoving((current) => withItem(current, card.lead_id, true));
      await queryClient.cancelQueries({ queryKey: key });
      const outcome = await moveOptimistically(storeFor(), card.lead_id, toStageId, (sent) =>
        api.moveLead(sent.lead_id, toStageId, sent.version, seenOf(sent)),
      );
      setMoving((current) => withItem(current, card.lead_id, false));
      if (outcome.kind === "moved") {
        toast.success(`${card.name || "The lead"} moved to ${target?.name ?? "another stage"}`);
        void afterStageMove(queryClient, card.lead_id, false);
      } else if (outcome.kind === "conflict") {
        toast.error(CONFLICT_MESSAGE);
        void afterStageMove(queryClient, card.lead_id, true);
      } else if (outcome.kind === "failed") {
        toast.error(errorMessage(outcome.error));
        if (outcome.error instanceof ApiError && [404, 409, 422].includes(outcome.error.status)) {
          void queryClient.invalidateQueries({ queryKey: key });
        }
      }
    },
    [api, queryClient, storeFor, pipelineId, ownerId, q],
  );

  const loadMore = useCallback(
    async (stageId: string) => {
      const store = storeFor();
      const cursor = store.get()?.columns.find((column) => column.stage_id === stageId)?.next_cursor;
      if (!pipelineId || !cursor) return;
      setLoadingMore((current) => withItem(current, stageId, true));
      try {
        const page = await api.columnPage(pipelineId, stageId, cursor, { limit: COLUMN_PAGE, owner_id: ownerId });
        const latest = store.get();
        if (latest) store.set(appendPage(latest, stageId, page));
      } catch (error) {
        toast.error(errorMessage(error));
      } finally {
        setLoadingMore((current) => withItem(current, stageId, false));
      }
    },
    [api, storeFor, pipelineId, ownerId],
  );

  return { board, move, loadMore, moving, loadingMore };
}
