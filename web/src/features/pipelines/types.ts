// The pipelines API's shapes: pipelines and stages, the Kanban board, stage moves and a lead's timeline.

import type { QueryOf, Schemas } from "../../api/contract";
import type { TouchAttribution } from "../leads/types";

export type StageDraft = Schemas["StageDraft"];
export type StageCreate = Schemas["StageCreate"];
export type StageUpdate = Schemas["StageUpdate"];
export type StageKind = NonNullable<StageDraft["kind"]>;
export type PipelineCreate = Schemas["PipelineCreate"];
export type PipelineUpdate = Schemas["PipelineUpdate"];
/** The lead as a mover saw it: sent with a move, each field is checked by the move's write. */
export type SeenLead = Schemas["SeenLead"];
export type StageChange = Schemas["StageChange"];
export type StageOrder = Schemas["StageOrder"];
export type BoardQuery = QueryOf<"/pipelines/{pipeline_id}/board">;

export type StageStatus = "active" | "deleting"; // not yet in openapi.json

export interface Stage { // not yet in openapi.json
  stage_id: string;
  name: string;
  position: number;
  kind: string;
  probability: number;
  lead_count: number;
  lead_value: number;
  show_in_pie: boolean;
  show_in_funnel: boolean;
  /** "deleting" while its leads move to `move_to`; such a stage takes no leads. */
  status: StageStatus;
  move_to: string | null;
}

export interface Pipeline { // not yet in openapi.json
  pipeline_id: string;
  name: string;
  is_default: boolean;
  position: number;
  show_in_pie: boolean;
  show_in_funnel: boolean;
  stages: Stage[];
}

/** DELETE .../stages/{id}: 200 "deleted", or 202 "deleting" while the rest of its leads move. */
export interface StageDeletion { // not yet in openapi.json
  stage_id: string;
  status: "deleted" | "deleting";
  move_to: string | null;
  moved: number;
  remaining: number;
}

export interface BoardCard { // not yet in openapi.json
  lead_id: string;
  name: string;
  company: string | null;
  value: number;
  currency: string;
  owner_id: string | null;
  source: string;
  pipeline_id: string;
  stage_id: string;
  stage_entered_at: string;
  /** Age in the stage when the board was read. */
  seconds_in_stage: number;
  created_at: string;
  version: number;
}

/** A committed move (`from_stage_id` equal to `stage_id`: the lead was already there). */
export interface StageMove { // not yet in openapi.json
  lead_id: string;
  pipeline_id: string;
  from_stage_id: string;
  stage_id: string;
  stage_entered_at: string;
  seconds_in_previous: number;
  updated_at: string;
  version: number;
}

export interface CardPage { // not yet in openapi.json
  items: BoardCard[];
  next_cursor: string | null;
}

export interface BoardColumn { // not yet in openapi.json
  stage_id: string;
  name: string;
  position: number;
  kind: string;
  probability: number;
  status: StageStatus;
  /** From the counters: the whole stage, or the owner's leads in it. */
  lead_count: number;
  lead_value: number;
  items: BoardCard[];
  next_cursor: string | null;
}

export interface Board { // not yet in openapi.json
  pipeline_id: string;
  name: string;
  /** Whose leads the board shows; null for everyone's (Sales always get their own). */
  owner_id: string | null;
  q: string | null;
  columns: BoardColumn[];
}

// A lead's timeline (GET /leads/{id}/timeline), oldest first.

export type TimelineKind = "form_submitted" | "created" | "stage_changed" | "note" | "notification"; // not yet in openapi.json

/** One thing that happened to the lead; the fields that do not apply to its kind are null. */
export interface TimelineEntry { // not yet in openapi.json
  at: string;
  kind: TimelineKind;
  actor_id: string | null;
  actor_name: string | null;
  from_stage_id: string | null;
  from_stage_name: string | null;
  to_stage_id: string | null;
  to_stage_name: string | null;
  seconds_in_previous: number | null;
  note_id: string | null;
  body: string | null;
  notification_id: string | null;
  recipient_id: string | null;
  notification_kind: string | null;
  title: string | null;
  form_id: string | null;
  submission_id: string | null;
  attribution: TouchAttribution | null;
}

export interface Timeline { // not yet in openapi.json
  lead_id: string;
  items: TimelineEntry[];
}
