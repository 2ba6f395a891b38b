// The pipelines API's shapes: pipelines and stages, the Kanban board, stage moves and a lead's timeline.

import type { QueryOf, Schemas } from "../../api/contract";

export type StageDraft = Schemas["StageDraft"];
export type StageCreate = Schemas["StageCreate"];
export type StageUpdate = Schemas["StageUpdate"];
export type StageKind = NonNullable<StageDraft["kind"]>;
export type PipelineCreate = Schemas["PipelineCreate"];
export type PipelineUpdate = Schemas["PipelineUpdate"];
/** The lead as a mover saw it: sent with a move, each field is checked by the move's write. */
export type SeenLead = Schemas["SeenLead"];
export type StageChange = Schemas["StageChange"];
/** What a move into a won stage (`value`) or a lost stage (`lost_reason`, `lost_note`) adds. */
export type ClosingFields = Pick<StageChange, "value" | "lost_reason" | "lost_note">;
export type StageOrder = Schemas["StageOrder"];
export type BoardQuery = QueryOf<"/pipelines/{pipeline_id}/board">;

/** A stage; "deleting" while its leads move to `move_to`, and such a stage takes no leads. */
export type Stage = Schemas["Stage"];
export type StageStatus = Stage["status"];
export type Pipeline = Schemas["Pipeline"];
export type PipelineList = Schemas["PipelineList"];
/** How leads close: the lost reasons a move to a lost stage chooses from, and whether a win may be worth 0. */
export type PipelineSettings = Schemas["PipelineSettings"];
export type PipelineSettingsUpdate = Schemas["PipelineSettingsUpdate"];
/** DELETE .../stages/{id}: 200 "deleted", or 202 "deleting" while the rest of its leads move. */
export type StageDeletion = Schemas["StageDeletion"];
/** A card; `seconds_in_stage` is its age in the stage when the board was read. */
export type BoardCard = Schemas["BoardCard"];
/** A committed move (`from_stage_id` equal to `stage_id`: the lead was already there). */
export type StageMove = Schemas["StageMove"];
export type CardPage = Schemas["CardPage"];
/** A column; its counters (`lead_count`, `lead_value`) are the whole stage, or the owner's leads in it. */
export type BoardColumn = Schemas["BoardColumn"];
/** `owner_id`: whose leads the board shows; null for everyone's (Sales always get their own). */
export type Board = Schemas["Board"];

// A lead's timeline (GET /leads/{id}/timeline), oldest first.

/** One thing that happened to the lead; the fields that do not apply to its kind are null or left out. */
export type TimelineEntry = Schemas["TimelineEntry"];
export type TimelineKind = TimelineEntry["kind"];
export type Timeline = Schemas["Timeline"];
