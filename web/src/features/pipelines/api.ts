// The pipelines operations: pipelines and stages, the pipeline settings, the board, stage moves and a
// lead's timeline.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type {
  Board,
  BoardQuery,
  CardPage,
  ClosingFields,
  Pipeline,
  PipelineCreate,
  PipelineList,
  PipelineSettings,
  PipelineSettingsUpdate,
  PipelineUpdate,
  SeenLead,
  Stage,
  StageChange,
  StageCreate,
  StageDeletion,
  StageMove,
  StageOrder,
  StageUpdate,
  Timeline,
} from "./types";

const lead = (leadId: string) => `/leads/${encodeURIComponent(leadId)}`;
const pipelinePath = (pipelineId: string) => `/pipelines/${encodeURIComponent(pipelineId)}`;
const stagePath = (pipelineId: string, stageId: string) =>
  `${pipelinePath(pipelineId)}/stages/${encodeURIComponent(stageId)}`;

export function pipelinesApi(client: ApiClient) {
  return {
    pipelines: () => client.get<PipelineList>("/pipelines").then((page) => page.items),
    pipeline: (pipelineId: string) => client.get<Pipeline>(pipelinePath(pipelineId)),
    createPipeline: (body: PipelineCreate) => client.post<Pipeline>("/pipelines", body),
    updatePipeline: (pipelineId: string, body: PipelineUpdate) => client.patch<Pipeline>(pipelinePath(pipelineId), body),
    deletePipeline: (pipelineId: string) => client.delete<null>(pipelinePath(pipelineId)),
    addStage: (pipelineId: string, body: StageCreate) => client.post<Stage>(`${pipelinePath(pipelineId)}/stages`, body),
    updateStage: (pipelineId: string, stageId: string, body: StageUpdate) =>
      client.patch<Stage>(stagePath(pipelineId, stageId), body),
    deleteStage: (pipelineId: string, stageId: string, moveTo?: string | null) =>
      client.request<StageDeletion>("DELETE", stagePath(pipelineId, stageId), { query: { move_to: moveTo } }),
    reorderStages: (pipelineId: string, stageIds: string[]) =>
      client.request<Pipeline>("PUT", `${pipelinePath(pipelineId)}/stage-order`, {
        body: { stage_ids: stageIds } satisfies StageOrder,
      }),
    board: (pipelineId: string, query: BoardQuery, signal?: AbortSignal) =>
      client.get<Board>(`${pipelinePath(pipelineId)}/board`, { ...query }, signal),
    columnPage: (pipelineId: string, stageId: string, cursor: string, query: BoardQuery) =>
      client.get<CardPage>(`${stagePath(pipelineId, stageId)}/leads`, { limit: query.limit, owner_id: query.owner_id, cursor }),
    /**
     * One transaction on the server: `seen` (the lead as shown) is checked by the write itself; `closing`
     * is a win's value or a loss's reason.
     */
    moveLead: (leadId: string, stageId: string, version: number, seen: SeenLead, closing: ClosingFields = {}) =>
      client.post<StageMove>(`${lead(leadId)}/stage`, {
        stage_id: stageId,
        version,
        seen,
        ...closing,
      } satisfies StageChange),
    pipelineSettings: () => client.get<PipelineSettings>("/settings/pipelines"),
    savePipelineSettings: (body: PipelineSettingsUpdate) =>
      client.request<PipelineSettings>("PUT", "/settings/pipelines", { body }),
    leadTimeline: (leadId: string) => client.get<Timeline>(`${lead(leadId)}/timeline`),
  };
}

export type PipelinesApi = ReturnType<typeof pipelinesApi>;
export const usePipelinesApi = apiHook(pipelinesApi);
