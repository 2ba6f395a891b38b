// Bulk actions in words: each action's button, the log's "type" (records and action), statuses,
// the confirmation's question, the outcome's headline and the parameters a logged action ran with.

import type { BulkAction, BulkActionType, BulkObject, BulkStatus } from "./types";
import { getDisplayLocale } from "../../lib/format";

/** Every action, in the order the bar and the log's filter list them. */
export const BULK_ACTIONS: readonly BulkActionType[] = [
  "assign_owner",
  "add_tags",
  "remove_tags",
  "move_stage",
  "change_role",
  "set_field",
  "enrol_workflow",
  "export",
  "delete",
  "restore",
];

export const BULK_OBJECTS: readonly BulkObject[] = ["leads", "contacts"];
export const BULK_STATUSES: readonly BulkStatus[] = ["queued", "running", "done", "failed"];

const ACTION_LABELS: Record<BulkActionType, string> = {
  assign_owner: "Assign owner",
  add_tags: "Add tags",
  remove_tags: "Remove tags",
  move_stage: "Move to stage",
  change_role: "Change role",
  set_field: "Set a custom field",
  enrol_workflow: "Add to workflow",
  delete: "Delete",
  restore: "Restore",
  export: "Export",
};

/** What the log's type column says: the action done to the records. */
const TYPE_PHRASES: Record<BulkActionType, (records: string) => string> = {
  assign_owner: (records) => `Assign an owner to ${records}`,
  add_tags: (records) => `Add tags to ${records}`,
  remove_tags: (records) => `Remove tags from ${records}`,
  move_stage: (records) => `Move ${records} to a stage`,
  change_role: (records) => `Change the role of ${records}`,
  set_field: (records) => `Set a custom field on ${records}`,
  enrol_workflow: (records) => `Add ${records} to a workflow`,
  delete: (records) => `Delete ${records}`,
  restore: (records) => `Restore ${records}`,
  export: (records) => `Export ${records}`,
};

const PAST_TENSE: Record<BulkActionType, string> = {
  assign_owner: "assigned",
  add_tags: "tagged",
  remove_tags: "untagged",
  move_stage: "moved",
  change_role: "changed",
  set_field: "updated",
  enrol_workflow: "added",
  delete: "deleted",
  restore: "restored",
  export: "exported",
};

const STATUS_LABELS: Record<BulkStatus, string> = {
  queued: "Waiting",
  running: "Running",
  done: "Done",
  failed: "Failed",
};

export function actionLabel(action: BulkActionType): string {
  return ACTION_LABELS[action] ?? action;
}

/** An action's button in the bar ("Export selected": the bar acts on the selection). */
export function barLabel(action: BulkActionType): string {
  return action === "export" ? "Export selected" : actionLabel(action);
}

export function objectLabel(object: BulkObject): string {
  return object === "leads" ? "Leads" : "Contacts";
}

/** "Move leads to a stage". */
export function typeLabel(object: BulkObject, action: BulkActionType): string {
  return TYPE_PHRASES[action]?.(object) ?? `${actionLabel(action)} (${object})`;
}

export function statusLabel(status: BulkStatus): string {
  return STATUS_LABELS[status] ?? status;
}

/** "1 lead", "12 leads", "1,000 contacts". */
export function countOf(object: BulkObject, count: number): string {
  const noun = count === 1 ? object.slice(0, -1) : object;
  return `${count.toLocaleString(getDisplayLocale())} ${noun}`;
}

/** The records a confirmation names: "12 leads", or "every lead matching these filters" (null count). */
export function recordsWords(object: BulkObject, count: number | null): string {
  return count === null ? `every ${object.slice(0, -1)} matching these filters` : countOf(object, count);
}

/** "Ana", "Ana and Bo", "Ana, Bo and Cy". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** What a confirmation fills in from the dialog (the stage's name, the owners' names…). */
export interface QuestionDetail {
  stageName?: string;
  ownerNames?: readonly string[];
  tags?: readonly string[];
  role?: string;
  fieldLabel?: string;
  /** A custom field set to nothing: it is emptied. */
  clearing?: boolean;
  workflowName?: string;
}

function owners(names: readonly string[] = []): string {
  return names.length > 1 ? `${listWords(names)} in turn` : (names[0] ?? "…");
}

function quoted(tags: readonly string[] = []): string {
  return tags.length ? listWords(tags.map((tag) => `“${tag}”`)) : "tags";
}

/** "Set Budget on 5 leads?", or "Empty Budget…" when nothing is entered. */
function fieldQuestion(records: string, detail: QuestionDetail): string {
  const label = detail.fieldLabel ?? "the field";
  return `${detail.clearing ? "Empty" : "Set"} ${label} on ${records}?`;
}

/** The confirmation's question: "Move 12 leads to Proposal?", "Delete every lead matching these filters?". */
export function confirmQuestion(object: BulkObject, action: BulkActionType, count: number | null, detail: QuestionDetail = {}): string {
  const records = recordsWords(object, count);
  switch (action) {
    case "assign_owner":
      return `Assign ${records} to ${owners(detail.ownerNames)}?`;
    case "add_tags":
      return `Add ${quoted(detail.tags)} to ${records}?`;
    case "remove_tags":
      return `Remove ${quoted(detail.tags)} from ${records}?`;
    case "move_stage":
      return `Move ${records} to ${detail.stageName ?? "…"}?`;
    case "change_role":
      return `Change the role of ${records} to ${detail.role ?? "…"}?`;
    case "set_field":
      return fieldQuestion(records, detail);
    case "enrol_workflow":
      return `Add ${records} to ${detail.workflowName ? `“${detail.workflowName}”` : "a workflow"}?`;
    case "export":
      return `Export ${records} to a CSV file?`;
    default:
      return `${actionLabel(action)} ${records}?`;
  }
}

/** The outcome's headline: "10 of 12 leads moved", or that the action failed. */
export function outcomeHeadline(action: Pick<BulkAction, "object" | "action" | "status" | "total" | "succeeded">): string {
  if (action.status === "failed") return "The bulk action stopped before the end";
  const verb = PAST_TENSE[action.action] ?? "changed";
  return `${action.succeeded.toLocaleString(getDisplayLocale())} of ${countOf(action.object, action.total)} ${verb}`;
}

/** A reason as the API gives it ("not yours to change"), as a sentence's start. */
export function reasonText(reason: string): string {
  return reason ? reason.charAt(0).toUpperCase() + reason.slice(1) : "No reason given";
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function word(value: unknown): string | null {
  if (typeof value === "string" && value) return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

function stageWords(params: Readonly<Record<string, unknown>>): string | null {
  const stage = word(params.stage_name) ?? word(params.stage_id);
  if (!stage) return null;
  const reason = word(params.lost_reason);
  const value = word(params.value);
  const details = [reason && `lost: ${reason}`, value && `value ${value} where none`].filter(Boolean).join(", ");
  return `To ${stage}${details ? ` (${details})` : ""}`;
}

function fieldWords(params: Readonly<Record<string, unknown>>): string {
  const label = word(params.field_label) ?? word(params.field_key) ?? "a field";
  const value = Array.isArray(params.field_value) ? listWords(strings(params.field_value)) : word(params.field_value);
  return value === null ? `${label} emptied` : `${label}: ${value}`;
}

/**
 * What a logged action ran with, in words ("To Ana and Bo in turn", "Tags: vip, 2026"). `params` is
 * the API's open object: each value is read for what it is, never assumed.
 */
export function paramsWords(
  action: BulkActionType,
  params: Readonly<Record<string, unknown>>,
  userName: (userId: string) => string,
): string | null {
  switch (action) {
    case "assign_owner": {
      const names = strings(params.owner_ids).map(userName);
      return names.length ? `To ${names.length > 1 ? `${listWords(names)} in turn` : names[0]}` : null;
    }
    case "add_tags":
    case "remove_tags": {
      const tags = strings(params.tags);
      return tags.length ? `Tags: ${tags.join(", ")}` : null;
    }
    case "move_stage":
      return stageWords(params);
    case "change_role":
      return word(params.role) ? `To ${word(params.role)}` : null;
    case "set_field":
      return fieldWords(params);
    case "enrol_workflow": {
      const workflow = word(params.workflow_name) ?? word(params.workflow_id);
      return workflow ? `Into “${workflow}”` : null;
    }
    default:
      return null;
  }
}
