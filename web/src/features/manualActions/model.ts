// The manual actions queue's logic: labels, the filters kept in the URL and the API query they make,
// the empty queue's words, who can be given manual actions, and the phone links an action opens.

import { Permission, ROLE_PERMISSIONS, ROLES, type Role } from "../../auth/permissions.gen";
import type { User } from "../accounts/types";
import type { ManualAction, ManualActionQuery, ManualActionStatus, ManualActionType } from "./types";

export const QUEUE_PATH = "/manual-actions";

export const actionPath = (actionId: string) => `${QUEUE_PATH}/${encodeURIComponent(actionId)}`;

export const ACTION_TYPE_LABELS: Record<ManualActionType, string> = { call: "Call", sms: "SMS" };

/** What a call came to; the values POST .../complete takes. */
export const CALL_OUTCOMES = [
  { value: "connected", label: "Connected" },
  { value: "voicemail", label: "Left voicemail" },
  { value: "no_answer", label: "No answer" },
  { value: "wrong_number", label: "Wrong number" },
] as const;

export type CallOutcome = (typeof CALL_OUTCOMES)[number]["value"];

/** A text is marked as sent once the person has sent it from their own phone. */
export const SMS_SENT = "sent";

/** An outcome as it reads; one this app does not know reads as its words ("left_message": "Left message"). */
export function outcomeLabel(outcome: string | null | undefined): string {
  if (!outcome) return "";
  if (outcome === SMS_SENT) return "Sent";
  const known = CALL_OUTCOMES.find((option) => option.value === outcome);
  if (known) return known.label;
  const words = outcome.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "the call to Ada Lovelace", "the text to Ada Lovelace": an action in a sentence. */
export function describeAction(action: Pick<ManualAction, "action_type" | "subject_name">): string {
  const who = action.subject_name || "this contact";
  return `${action.action_type === "call" ? "the call" : "the text"} to ${who}`;
}

/** What the queue shows: open (the default) or done, one workflow, one person (work:assign only). */
export interface QueueFilters {
  status: ManualActionStatus;
  workflowId?: string;
  assigneeId?: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The filters a URL asks for; values the API would refuse, and an assignee for a role that may not pick one, are dropped. */
export function filtersFromParams(params: URLSearchParams, canAssign: boolean): QueueFilters {
  const filters: QueueFilters = { status: params.get("status") === "done" ? "done" : "open" };
  const workflowId = params.get("workflow")?.trim();
  const assigneeId = params.get("assignee")?.trim();
  if (workflowId && ID.test(workflowId)) filters.workflowId = workflowId;
  if (canAssign && assigneeId && ID.test(assigneeId)) filters.assigneeId = assigneeId;
  return filters;
}

export function paramsFromFilters(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.workflowId) params.set("workflow", filters.workflowId);
  if (filters.assigneeId) params.set("assignee", filters.assigneeId);
  if (filters.status === "done") params.set("status", "done");
  return params;
}

/** GET /manual-actions's query. Without work:assign no assignee is sent: the API answers one's own queue. */
export function queueQuery(filters: QueueFilters, canAssign: boolean): ManualActionQuery {
  const query: ManualActionQuery = { status: filters.status };
  if (filters.workflowId) query.workflow_id = filters.workflowId;
  if (canAssign && filters.assigneeId) query.assignee_id = filters.assigneeId;
  return query;
}

export function hasFilters(filters: QueueFilters): boolean {
  return Boolean(filters.workflowId || filters.assigneeId);
}

/** Whose queue it is, in words: the viewer's own, one person's, or the whole team's. */
export type QueueOwner = { kind: "me" } | { kind: "team" } | { kind: "person"; name: string };

export function queueOwner(filters: QueueFilters, canAssign: boolean, me: string, nameOf: (userId: string) => string): QueueOwner {
  if (!canAssign || filters.assigneeId === me) return { kind: "me" };
  if (!filters.assigneeId) return { kind: "team" };
  return { kind: "person", name: nameOf(filters.assigneeId) };
}

/** The empty queue's title: "No manual actions left for the team", "… for Rae Rep in Call new leads". */
export function emptyTitle(status: ManualActionStatus, owner: QueueOwner, workflowName?: string): string {
  const whose = owner.kind === "me" ? "you" : owner.kind === "team" ? "the team" : owner.name;
  const where = workflowName ? ` in ${workflowName}` : "";
  return status === "open" ? `No manual actions left for ${whose}${where}` : `No completed manual actions for ${whose}${where}`;
}

/** The roles a workflow can hand manual actions to (those that may work the queue). */
const MANUAL_ROLES: ReadonlySet<string> = new Set<Role>(
  ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(Permission.manualActions)),
);

/** The people of the assignee filter: whoever can be given manual actions, by name; not yet joined and deactivated ones say so. */
export function assigneeOptions(users: readonly User[]): { value: string; label: string }[] {
  return users
    .filter((user) => MANUAL_ROLES.has(user.role))
    .sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email))
    .map((user) => {
      const name = user.name || user.email;
      const label = user.status === "active" ? name : `${name} (${user.status === "invited" ? "invited" : "deactivated"})`;
      return { value: user.user_id, label };
    });
}

/** A phone number as a dialler reads it: "+" and digits, or null when there are no digits. */
export function dialString(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[^\d]/g, "");
  if (!digits) return null;
  return phone.trim().startsWith("+") ? `+${digits}` : digits;
}

/** A tel: link that starts the call on a phone (or a desktop calling app). */
export function telHref(phone: string | null | undefined): string | null {
  const number = dialString(phone);
  return number ? `tel:${number}` : null;
}

/** An sms: link (RFC 5724) that opens the messages app with the number and, when given, the text. */
export function smsHref(phone: string | null | undefined, body = ""): string | null {
  const number = dialString(phone);
  if (!number) return null;
  return body ? `sms:${number}?body=${encodeURIComponent(body)}` : `sms:${number}`;
}
