// Query keys of the board and the timeline, and what a stage move changes elsewhere.

import type { QueryClient } from "@tanstack/react-query";
import { keys } from "../../lib/queries";

export const pipelineKeys = {
  boards: ["board"] as const,
  board: (pipelineId: string, ownerId: string | null, q: string | null) =>
    ["board", pipelineId, ownerId ?? "", q ?? ""] as const,
  /** Under the lead's own key, so whatever refreshes the lead refreshes its timeline too. */
  timeline: (leadId: string) => [...keys.lead(leadId), "timeline"] as const,
};

/**
 * After a lead changed stage: its page, the lists and the stage counters are read again. Boards are
 * marked stale; the board on screen, which already shows the move, keeps its loaded pages unless
 * `refetchBoards`.
 */
export function afterStageMove(queryClient: QueryClient, leadId: string, refetchBoards = true): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: keys.lead(leadId) }),
    queryClient.invalidateQueries({ queryKey: keys.leads }),
    queryClient.invalidateQueries({ queryKey: keys.pipelines }),
    queryClient.invalidateQueries({ queryKey: pipelineKeys.boards, refetchType: refetchBoards ? "active" : "none" }),
  ]);
}
