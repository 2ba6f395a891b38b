// Settings > Pipelines: stage order (up, down, drop on another row), the optimistic order, what a
// stage deletion needs (where its leads go), and the win probability input.

import { ApiError, errorMessage } from "../../../api/errors";
import type { Pipeline, Stage, StageKind } from "../types";

export const KIND_LABELS: Record<StageKind, string> = { open: "Open", won: "Won", lost: "Lost" };
export const DEFAULT_PROBABILITY: Record<StageKind, number> = { open: 10, won: 100, lost: 0 };

export function sortedStages(pipeline: Pick<Pipeline, "stages">): Stage[] {
  return [...pipeline.stages].sort((a, b) => a.position - b.position);
}

/** `ids` with the item at `from` moved to `to`; the same array when either is out of range. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** The order after moving one stage up (-1) or down (+1); null at either end. */
export function stepStage(ids: readonly string[], stageId: string, step: -1 | 1): string[] | null {
  const from = ids.indexOf(stageId);
  const to = from + step;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  return moveItem(ids, from, to);
}

/** The order after dropping `draggedId` on the row of `targetId` (it takes that row's place). */
export function dropStage(ids: readonly string[], draggedId: string, targetId: string): string[] | null {
  const from = ids.indexOf(draggedId);
  const to = ids.indexOf(targetId);
  if (from < 0 || to < 0 || from === to) return null;
  return moveItem(ids, from, to);
}

/** The pipeline with its stages in this order (positions renumbered), as the API will answer it. */
export function withStageOrder(pipeline: Pipeline, ids: readonly string[]): Pipeline {
  const byId = new Map(pipeline.stages.map((stage) => [stage.stage_id, stage]));
  const ordered = ids.map((id) => byId.get(id)).filter((stage): stage is Stage => Boolean(stage));
  return { ...pipeline, stages: ordered.map((stage, position) => ({ ...stage, position })) };
}

/** One stage replaced in the list of pipelines (after PATCH or POST answered it). */
export function withStage(pipelines: readonly Pipeline[], pipelineId: string, stage: Stage): Pipeline[] {
  return pipelines.map((pipeline) => {
    if (pipeline.pipeline_id !== pipelineId) return pipeline;
    const exists = pipeline.stages.some((item) => item.stage_id === stage.stage_id);
    const stages = exists
      ? pipeline.stages.map((item) => (item.stage_id === stage.stage_id ? stage : item))
      : [...pipeline.stages, stage];
    return { ...pipeline, stages };
  });
}

/** Where a deleted stage's leads may go: the pipeline's other stages that take leads. */
export function deletionTargets(pipeline: Pipeline, stageId: string): Stage[] {
  return sortedStages(pipeline).filter((stage) => stage.stage_id !== stageId && stage.status === "active");
}

export type DeletionRefusal =
  | { kind: "holds_leads"; leadCount: number; leadValue: number }
  | { kind: "message"; message: string };

/** What a refused DELETE means: the stage holds leads (ask where to move them), or a message to show. */
export function deletionRefusal(error: unknown): DeletionRefusal {
  if (error instanceof ApiError && error.status === 409 && error.code === "stage_not_empty") {
    const count = Number(error.details.lead_count ?? 0);
    const value = Number(error.details.lead_value ?? 0);
    return { kind: "holds_leads", leadCount: Number.isFinite(count) ? count : 0, leadValue: Number.isFinite(value) ? value : 0 };
  }
  if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
    return { kind: "message", message: Object.values(error.fields).join(" ") };
  }
  return { kind: "message", message: errorMessage(error) };
}

/** A win probability as typed: a whole percent 0-100, blank (the kind's usual one), or not valid. */
export function parseProbability(text: string): number | null | "invalid" {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (!/^\d{1,3}$/.test(trimmed)) return "invalid";
  const value = Number(trimmed);
  return value <= 100 ? value : "invalid";
}

/** Any stage still moving its leads away: the settings page reads the pipelines again until none is. */
export function anyDeleting(pipelines: readonly Pipeline[] | undefined): boolean {
  return (pipelines ?? []).some((pipeline) => pipeline.stages.some((stage) => stage.status === "deleting"));
}

/** An error as one sentence, with the fields the API named ("Name: at most 60 characters"). */
export function problemText(error: unknown): string {
  if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
    return Object.entries(error.fields)
      .map(([field, message]) => `${field.charAt(0).toUpperCase()}${field.slice(1).replace(/_/g, " ")}: ${message}`)
      .join(" ");
  }
  return errorMessage(error);
}
