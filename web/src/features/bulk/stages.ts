// The stages a bulk move offers: those of the list's pipeline (the board's, or for the lead list the
// pipeline of the stage it filters by, else the default one, as its stage filter lists). Leads in
// another pipeline are skipped by the run.

import type { Pipeline, Stage } from "../pipelines/types";

/** The lead list's pipeline: the one holding the stage filtered by, else the default one. */
export function listPipeline(pipelines: readonly Pipeline[] | undefined, stageId?: string | null): Pipeline | null {
  if (!pipelines?.length) return null;
  const holding = stageId ? pipelines.find((pipeline) => pipeline.stages.some((stage) => stage.stage_id === stageId)) : undefined;
  return holding ?? pipelines.find((pipeline) => pipeline.is_default) ?? pipelines[0] ?? null;
}

/** The stages leads may move to, in the pipeline's order (a stage being deleted takes none). */
export function movableStages(pipeline: Pipeline | null | undefined): Stage[] {
  return [...(pipeline?.stages ?? [])].filter((stage) => stage.status === "active").sort((a, b) => a.position - b.position);
}
