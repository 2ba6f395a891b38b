// The task dialog's form: from a task, to the POST body, and to a PATCH of only what changed.

import { apiDueTime, localInputValue } from "../followups/dueTime";
import type { Task, TaskCreate, TaskPriority, TaskStatus, TaskUpdate } from "../types";

export interface LinkedLead {
  lead_id: string;
  name: string;
}

export interface TaskForm {
  title: string;
  description: string;
  /** A datetime-local value. */
  due: string;
  priority: TaskPriority;
  status: TaskStatus;
  assigneeId: string;
  lead: LinkedLead | null;
}

export const TASK_FORM_INPUTS = ["title", "description", "due_at", "priority", "status", "assignee_id", "lead_id"] as const;

export function emptyTaskForm(me: string): TaskForm {
  return { title: "", description: "", due: "", priority: "normal", status: "open", assigneeId: me, lead: null };
}

export function taskToForm(task: Task): TaskForm {
  return {
    title: task.title,
    description: task.description ?? "",
    due: localInputValue(task.due_at),
    priority: task.priority,
    status: task.status,
    assigneeId: task.assignee_id,
    lead: task.lead_id ? { lead_id: task.lead_id, name: task.lead_name || "Unnamed lead" } : null,
  };
}

export type Checked<T> = { ok: true; body: T } | { ok: false; fields: Record<string, string> };

function checkCommon(form: TaskForm): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!form.title.trim()) fields.title = "Give the task a title";
  if (!apiDueTime(form.due)) fields.due_at = "Choose a date and time";
  return fields;
}

/** POST /tasks's body; the assignee only for a role that hands out work (others get their own). */
export function createBody(form: TaskForm, canAssign: boolean): Checked<TaskCreate> {
  const fields = checkCommon(form);
  if (Object.keys(fields).length) return { ok: false, fields };
  const body: TaskCreate = {
    title: form.title.trim(),
    description: form.description.trim() || null,
    due_at: apiDueTime(form.due)!,
    priority: form.priority,
    status: form.status === "in_progress" ? "in_progress" : "open",
  };
  if (canAssign && form.assigneeId) body.assignee_id = form.assigneeId;
  if (form.lead) body.lead_id = form.lead.lead_id;
  return { ok: true, body };
}

/** PATCH /tasks/{id}'s body: the fields that changed, with the version the form started from. */
export function updateBody(task: Task, form: TaskForm, canAssign: boolean): Checked<TaskUpdate> {
  const fields = checkCommon(form);
  if (Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, body: { ...detailChanges(task, form), ...workChanges(task, form, canAssign), version: task.version } };
}

function detailChanges(task: Task, form: TaskForm): Partial<TaskUpdate> {
  const before = taskToForm(task);
  const changes: Partial<TaskUpdate> = {};
  if (form.title.trim() !== before.title) changes.title = form.title.trim();
  if (form.description.trim() !== before.description.trim()) changes.description = form.description.trim() || null;
  if (form.due !== before.due) changes.due_at = apiDueTime(form.due)!;
  if (form.priority !== before.priority) changes.priority = form.priority;
  if (form.status !== before.status) changes.status = form.status;
  return changes;
}

function workChanges(task: Task, form: TaskForm, canAssign: boolean): Partial<TaskUpdate> {
  const changes: Partial<TaskUpdate> = {};
  if (canAssign && form.assigneeId && form.assigneeId !== task.assignee_id) changes.assignee_id = form.assigneeId;
  const leadId = form.lead ? form.lead.lead_id : null;
  if (leadId !== task.lead_id) changes.lead_id = leadId;
  return changes;
}

export function changedCount(body: TaskUpdate): number {
  return Object.keys(body).filter((key) => key !== "version").length;
}
