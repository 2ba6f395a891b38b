// The task queue's filters and sort, kept in the URL, and the GET /tasks query they make.

import { dateValue } from "../followups/dueTime";
import type { BulkCompleteResult, TaskPriority, TaskQuery, TaskSort, TaskStatus } from "../types";

export const TASK_STATUSES: readonly { value: TaskStatus; label: string }[] = [
  { value: "open", label: "Open" },
  { value: "in_progress", label: "In progress" },
  { value: "done", label: "Done" },
];

export const TASK_PRIORITIES: readonly { value: TaskPriority; label: string }[] = [
  { value: "urgent", label: "Urgent" },
  { value: "high", label: "High" },
  { value: "normal", label: "Normal" },
  { value: "low", label: "Low" },
];

export const TASK_SORTS: readonly { value: TaskSort; label: string }[] = [
  { value: "due_at", label: "Due date, soonest first" },
  { value: "-due_at", label: "Due date, latest first" },
  { value: "priority", label: "Priority, most urgent first" },
  { value: "-priority", label: "Priority, least urgent first" },
];

export const statusLabel = (status: TaskStatus) => TASK_STATUSES.find((s) => s.value === status)?.label ?? status;
export const priorityLabel = (priority: TaskPriority) =>
  TASK_PRIORITIES.find((p) => p.value === priority)?.label ?? priority;

const isStatus = (value: unknown): value is TaskStatus => TASK_STATUSES.some((s) => s.value === value);
const isPriority = (value: unknown): value is TaskPriority => TASK_PRIORITIES.some((p) => p.value === value);
const isSort = (value: unknown): value is TaskSort => TASK_SORTS.some((s) => s.value === value);

/** What the filters bar holds. No `status`: open and in-progress tasks. */
export interface TaskFilters {
  assignee?: string;
  status?: TaskStatus;
  priority?: TaskPriority;
  /** Days (YYYY-MM-DD) in the viewer's time zone, both included. */
  dueFrom?: string;
  dueTo?: string;
  overdue?: boolean;
  sort: TaskSort;
}

export const DEFAULT_SORT: TaskSort = "due_at";

/** Values the API would refuse are dropped rather than sent. */
export function taskFiltersFromParams(params: URLSearchParams): TaskFilters {
  const filters: TaskFilters = { sort: DEFAULT_SORT };
  const get = (name: string) => params.get(name)?.trim() || undefined;
  const assignee = get("assignee");
  const status = get("status");
  const priority = get("priority");
  const sort = get("sort");
  const dueFrom = dateValue(get("due_from"));
  const dueTo = dateValue(get("due_to"));
  if (assignee) filters.assignee = assignee;
  if (isStatus(status)) filters.status = status;
  if (isPriority(priority)) filters.priority = priority;
  if (dueFrom) filters.dueFrom = dueFrom;
  if (dueTo) filters.dueTo = dueTo;
  if (get("overdue") === "1" && filters.status !== "done") filters.overdue = true;
  if (isSort(sort)) filters.sort = sort;
  return filters;
}

export function paramsFromTaskFilters(filters: TaskFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.assignee) params.set("assignee", filters.assignee);
  if (filters.status) params.set("status", filters.status);
  if (filters.priority) params.set("priority", filters.priority);
  if (filters.dueFrom) params.set("due_from", filters.dueFrom);
  if (filters.dueTo) params.set("due_to", filters.dueTo);
  if (filters.overdue && filters.status !== "done") params.set("overdue", "1");
  if (filters.sort !== DEFAULT_SORT) params.set("sort", filters.sort);
  return params;
}

export function hasTaskFilters(filters: TaskFilters): boolean {
  return Boolean(
    filters.assignee || filters.status || filters.priority || filters.dueFrom || filters.dueTo || filters.overdue,
  );
}

/** A due range that ends before it starts: the message for the "Due to" input. */
export function dueRangeError(filters: TaskFilters): string | null {
  return filters.dueFrom && filters.dueTo && filters.dueTo < filters.dueFrom ? "Must be on or after the start date" : null;
}

/**
 * GET /tasks's query. Only a role that sees everyone's tasks names an assignee (the API answers
 * others their own); a done task is never overdue, so that pair is not sent.
 */
export function taskQuery(filters: TaskFilters, options: { canAssign: boolean; timeZone?: string | undefined }): TaskQuery {
  const query: TaskQuery = { sort: filters.sort };
  if (options.canAssign && filters.assignee) query.assignee_id = filters.assignee;
  if (filters.status) query.status = filters.status;
  if (filters.priority) query.priority = filters.priority;
  if (filters.dueFrom) query.due_from = filters.dueFrom;
  if (filters.dueTo) query.due_to = filters.dueTo;
  if (filters.overdue && filters.status !== "done") query.overdue = true;
  if (options.timeZone) query.tz = options.timeZone;
  return query;
}

/** What a bulk complete did, in one sentence. */
export function bulkCompleteMessage(result: BulkCompleteResult): { tone: "success" | "info" | "error"; text: string } {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts: string[] = [];
  if (result.completed.length) parts.push(`${count(result.completed.length, "task", "tasks")} completed`);
  if (result.already_done.length) parts.push(`${count(result.already_done.length, "was", "were")} already done`);
  if (result.forbidden.length) {
    parts.push(`${count(result.forbidden.length, "is", "are")} assigned to someone else`);
  }
  if (result.not_found.length) parts.push(`${count(result.not_found.length, "no longer exists", "no longer exist")}`);
  const text = parts.length ? `${parts.join(", ")}.` : "Nothing to complete.";
  const tone = result.completed.length
    ? "success"
    : result.forbidden.length || result.not_found.length
      ? "error"
      : "info";
  return { tone, text: text.charAt(0).toUpperCase() + text.slice(1) };
}
