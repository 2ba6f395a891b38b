// Query keys of the pipelines, the board and the timeline, the pipelines read, and what a stage move
// changes elsewhere.

import { useQuery, type QueryClient } from "@tanstack/react-query";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { leadKeys } from "../leads/queries";
import { usePipelinesApi } from "./api";

export const pipelineKeys = {
  pipelines: ["pipelines"] as const,
  settings: ["pipeline-settings"] as const,
  boards: ["board"] as const,
  board: (pipelineId: string, ownerId: string | null, q: string | null) =>
    ["board", pipelineId, ownerId ?? "", q ?? ""] as const,
  /** Under the lead's own key, so whatever refreshes the lead refreshes its timeline too. */
  timeline: (leadId: string) => [...leadKeys.lead(leadId), "timeline"] as const,
};

/** Every pipeline with its stages (every lead page looks stage names up in them). */
export function usePipelines() {
  const api = usePipelinesApi();
  const { grants } = useAuth();
  return useQuery({
    queryKey: pipelineKeys.pipelines,
    queryFn: api.pipelines,
    enabled: grants.can(Permission.pipelinesRead),
    staleTime: 60_000,
  });
}

/** The lost reasons and whether a win may be worth 0 (the move dialogs ask with them). */
export function usePipelineSettings() {
  const api = usePipelinesApi();
  const { grants } = useAuth();
  return useQuery({
    queryKey: pipelineKeys.settings,
    queryFn: api.pipelineSettings,
    enabled: grants.can(Permission.pipelinesRead),
    staleTime: 60_000,
  });
}

/**
 * After a lead changed stage: its page, the lists and the stage counters are read again. Boards are
 * marked stale; the board on screen, which already shows the move, keeps its loaded pages unless
 * `refetchBoards`.
 */
export function afterStageMove(queryClient: QueryClient, leadId: string, refetchBoards = true): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: leadKeys.lead(leadId) }),
    queryClient.invalidateQueries({ queryKey: leadKeys.leads }),
    queryClient.invalidateQueries({ queryKey: pipelineKeys.pipelines }),
    queryClient.invalidateQueries({ queryKey: pipelineKeys.boards, refetchType: refetchBoards ? "active" : "none" }),
  ]);
}
