// The work API's shapes: follow-ups (/leads/{id}/followups, /followups) and tasks (/tasks).

import type { ListQueryOf, Schemas } from "../../api/contract";

export type FollowUpCreate = Schemas["FollowUpCreate"];
export type FollowUpUpdate = Schemas["FollowUpUpdate"];
/** Remind again in `minutes`, or at `until`; the due time stays. */
export type FollowUpSnooze = Schemas["Snooze"];
export type FollowUpType = FollowUpCreate["type"];
export type FollowUpQueueQuery = ListQueryOf<"/followups">;
export type FollowUpStatus = NonNullable<FollowUpQueueQuery["status"]>;

export type TaskCreate = Schemas["TaskCreate"];
/** Any of the fields; `lead_id: null` unlinks the lead. */
export type TaskUpdate = Schemas["TaskUpdate"];
export type BulkComplete = Schemas["BulkComplete"];
/** GET /tasks's query: without `status`, open and in-progress tasks. */
export type TaskQuery = ListQueryOf<"/tasks">;
export type TaskStatus = NonNullable<TaskUpdate["status"]>;
export type TaskPriority = NonNullable<TaskCreate["priority"]>;
export type TaskSort = NonNullable<TaskQuery["sort"]>;

/** A follow-up; `attention_at` is when it needs attention: the snooze's end, else the due time. */
export type FollowUp = Schemas["FollowUp"];
/** Where an item stands against now in the viewer's day; "done" once completed. */
export type WorkBucket = NonNullable<FollowUp["bucket"]>;
export type FollowUpPage = Schemas["FollowUpPage"];
export type Task = Schemas["Task"];
export type TaskPage = Schemas["TaskPage"];
export type BulkCompleteResult = Schemas["BulkCompleteResult"];
