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

/** Where an item stands against now in the viewer's day; "done" once completed. */
export type WorkBucket = "overdue" | "today" | "upcoming" | "done"; // not yet in openapi.json

export interface FollowUp { // not yet in openapi.json
  followup_id: string;
  lead_id: string;
  type: FollowUpType;
  due_at: string;
  snoozed_until: string | null;
  /** When it needs attention: the snooze's end, else the due time. */
  attention_at: string;
  note: string | null;
  assignee_id: string;
  status: FollowUpStatus;
  created_at: string;
  created_by: string;
  updated_at: string;
  completed_at: string | null;
  completed_by: string | null;
  version: number;
  lead_name: string | null;
  lead_deleted: boolean;
  bucket: WorkBucket | null;
}

export interface FollowUpPage { // not yet in openapi.json
  items: FollowUp[];
  next_cursor: string | null;
}

export interface Task { // not yet in openapi.json
  task_id: string;
  title: string;
  description: string | null;
  due_at: string;
  priority: TaskPriority;
  status: TaskStatus;
  assignee_id: string;
  lead_id: string | null;
  lead_name: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  completed_at: string | null;
  completed_by: string | null;
  version: number;
  overdue: boolean;
  bucket: WorkBucket | null;
}

export interface TaskPage { // not yet in openapi.json
  items: Task[];
  next_cursor: string | null;
}

export interface BulkCompleteResult { // not yet in openapi.json
  completed: string[];
  already_done: string[];
  not_found: string[];
  forbidden: string[];
}
