// Pipelines and stages as the API answers them, for the unit tests of the pages that show them.

import type { Pipeline, Stage } from "../features/pipelines/types";

/** An active, open stage (name: the id in capitals) with no leads; `extra` overrides any field. */
export function stageFixture(stageId: string, position: number, extra: Partial<Stage> = {}): Stage {
  return {
    stage_id: stageId,
    name: stageId.toUpperCase(),
    position,
    kind: "open",
    probability: 10,
    lead_count: 0,
    lead_value: 0,
    show_in_pie: true,
    show_in_funnel: true,
    status: "active",
    move_to: null,
    ...extra,
  };
}

/** The default pipeline "Sales" at position 0 with these stages; `extra` overrides any field. */
export function pipelineFixture(stages: Stage[], extra: Partial<Pipeline> = {}): Pipeline {
  return {
    pipeline_id: "p1",
    name: "Sales",
    is_default: true,
    position: 0,
    show_in_pie: true,
    show_in_funnel: true,
    stages,
    ...extra,
  };
}
