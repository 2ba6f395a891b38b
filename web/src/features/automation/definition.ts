// A workflow's definition as the builder edits it: the step kinds and their defaults, the tree of
// steps (an if/else step holds a Yes list and a No list), ids made here, and the draft's reducer.

import type { BusinessHours, Definition, IfStep, Step, StepKind, Trigger, TriggerType } from "./types";

export type StepGroup = "People and work" | "Messages" | "The record" | "Flow";

export interface StepKindInfo {
  kind: StepKind;
  label: string;
  group: StepGroup;
  /** The start of the ids of its steps ("email-2"). */
  prefix: string;
}

/** Every step kind of the API's definition (convertly/automation/definition.py), in menu order. */
export const STEP_KINDS: readonly StepKindInfo[] = [
  { kind: "assign_owner", label: "Assign owner", group: "People and work", prefix: "assign" },
  { kind: "create_task", label: "Create task", group: "People and work", prefix: "task" },
  { kind: "schedule_followup", label: "Schedule follow-up", group: "People and work", prefix: "followup" },
  { kind: "manual_action", label: "Manual action (call or SMS)", group: "People and work", prefix: "manual" },
  { kind: "send_email", label: "Send email", group: "Messages", prefix: "email" },
  { kind: "send_sms", label: "Send SMS", group: "Messages", prefix: "sms" },
  { kind: "webhook", label: "Send a webhook", group: "Messages", prefix: "webhook" },
  { kind: "notify", label: "Notify users", group: "Messages", prefix: "notify" },
  { kind: "add_tag", label: "Add tag", group: "The record", prefix: "tag" },
  { kind: "remove_tag", label: "Remove tag", group: "The record", prefix: "untag" },
  { kind: "change_role", label: "Change role", group: "The record", prefix: "role" },
  { kind: "set_field", label: "Set field", group: "The record", prefix: "field" },
  { kind: "move_stage", label: "Move stage", group: "The record", prefix: "stage" },
  { kind: "wait", label: "Wait", group: "Flow", prefix: "wait" },
  { kind: "if", label: "If/else", group: "Flow", prefix: "if" },
  { kind: "enrol", label: "Enrol in another workflow", group: "Flow", prefix: "enrol" },
  { kind: "end", label: "End workflow", group: "Flow", prefix: "end" },
];

export const STEP_GROUPS: readonly StepGroup[] = ["People and work", "Messages", "The record", "Flow"];

export function kindInfo(kind: string): StepKindInfo | undefined {
  return STEP_KINDS.find((info) => info.kind === kind);
}

export function kindLabel(kind: string): string {
  return kindInfo(kind)?.label ?? kind.replace(/_/g, " ");
}

/** A new step of `kind` with the API's defaults; what has no default (a template, users) is left for the person. */
export function newStep(kind: StepKind, id: string): Step {
  const made: Record<StepKind, () => Step> = {
    assign_owner: () => ({ id, kind: "assign_owner", mode: "user", user_ids: [], only_if_unowned: false }),
    create_task: () => ({ id, kind: "create_task", title: "", due_in_minutes: 1440, priority: "normal", assignee: "owner" }),
    schedule_followup: () => ({ id, kind: "schedule_followup", followup_type: "call", due_in_minutes: 60, assignee: "owner" }),
    manual_action: () => ({ id, kind: "manual_action", action_type: "call", assignee: "owner" }),
    send_email: () => ({ id, kind: "send_email", template_id: "", to: "contact" }),
    send_sms: () => ({ id, kind: "send_sms", template_id: "" }),
    webhook: () => ({ id, kind: "webhook", url: "https://" }),
    notify: () => ({ id, kind: "notify", user_ids: ["owner"], message: "" }),
    add_tag: () => ({ id, kind: "add_tag", tags: [], target: "lead" }),
    remove_tag: () => ({ id, kind: "remove_tag", tags: [], target: "lead" }),
    change_role: () => ({ id, kind: "change_role", role: "Prospect" }),
    set_field: () => ({ id, kind: "set_field", target: "lead", field_key: "" }),
    move_stage: () => ({ id, kind: "move_stage", pipeline_id: "", stage_id: "" }),
    wait: () => ({ id, kind: "wait", mode: "duration", minutes: 1440 }),
    enrol: () => ({ id, kind: "enrol", workflow_id: "" }),
    end: () => ({ id, kind: "end" }),
    if: () => ({ id, kind: "if", match: "all", conditions: [{ field: "lead.value", operator: "greater_than", value: "" }], then: [], else: [] }),
  };
  return made[kind]();
}

// The tree ----------------------------------------------------------------------------------------

export type Branch = "then" | "else";

/** Where a list of steps is: the workflow's own list, or a branch of an if/else step. */
export interface ListPlace {
  parentId: string | null;
  branch: Branch | null;
}

export const TOP: ListPlace = { parentId: null, branch: null };

export function isIf(step: Step): step is IfStep {
  return step.kind === "if";
}

export function branchSteps(step: IfStep, branch: Branch): Step[] {
  return (branch === "then" ? step.then : step.else) ?? [];
}

function withBranch(step: IfStep, branch: Branch, steps: Step[]): IfStep {
  return branch === "then" ? { ...step, then: steps } : { ...step, else: steps };
}

/** Every step, depth first, in the order the builder shows them (an if, its Yes list, its No list). */
export function walkSteps(steps: readonly Step[]): Step[] {
  return steps.flatMap((step) => (isIf(step) ? [step, ...walkSteps(branchSteps(step, "then")), ...walkSteps(branchSteps(step, "else"))] : [step]));
}

export function findStep(steps: readonly Step[], id: string): Step | undefined {
  return walkSteps(steps).find((step) => step.id === id);
}

/** Each step's number as the builder shows it (1, 2, …, depth first), by id. */
export function stepNumbers(steps: readonly Step[]): Map<string, number> {
  return new Map(walkSteps(steps).map((step, index) => [step.id, index + 1]));
}

/** The steps with the list at `place` changed by `change` (an unknown place changes nothing). */
function changeList(steps: Step[], place: ListPlace, change: (list: Step[]) => Step[]): Step[] {
  if (place.parentId === null || place.branch === null) return change(steps);
  const { parentId, branch } = place;
  return steps.map((step) => {
    if (!isIf(step)) return step;
    if (step.id === parentId) return withBranch(step, branch, change(branchSteps(step, branch)));
    return { ...step, then: changeList(branchSteps(step, "then"), place, change), else: changeList(branchSteps(step, "else"), place, change) };
  });
}

/** The steps with the list holding step `id` changed by `change`. */
function changeListOf(steps: Step[], id: string, change: (list: Step[]) => Step[]): Step[] {
  if (steps.some((step) => step.id === id)) return change(steps);
  return steps.map((step) =>
    isIf(step) ? { ...step, then: changeListOf(branchSteps(step, "then"), id, change), else: changeListOf(branchSteps(step, "else"), id, change) } : step,
  );
}

export function insertStep(steps: Step[], place: ListPlace, index: number, step: Step): Step[] {
  return changeList(steps, place, (list) => [...list.slice(0, index), step, ...list.slice(index)]);
}

/** Without step `id` (an if/else step goes with both its branches). */
export function removeStep(steps: Step[], id: string): Step[] {
  return changeListOf(steps, id, (list) => list.filter((step) => step.id !== id));
}

/** Step `id` one place up (-1) or down (+1) in its own list; at either end it stays. */
export function moveStep(steps: Step[], id: string, delta: -1 | 1): Step[] {
  return changeListOf(steps, id, (list) => {
    const from = list.findIndex((step) => step.id === id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= list.length) return list;
    const next = [...list];
    [next[from], next[to]] = [next[to]!, next[from]!];
    return next;
  });
}

/** Step `step.id` replaced by `step` (its branches come with it). */
export function replaceStep(steps: Step[], step: Step): Step[] {
  return changeListOf(steps, step.id, (list) => list.map((candidate) => (candidate.id === step.id ? step : candidate)));
}

export const STEP_ID = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * A new id for a step of `kind`: its prefix and the next number after those `taken` (the draft's
 * ids and the published version's, so a new step never takes the counts of an old one).
 */
export function nextStepId(kind: StepKind, taken: Iterable<string>): string {
  const prefix = kindInfo(kind)?.prefix ?? "step";
  const pattern = new RegExp(`^${prefix}-(\\d+)$`);
  let highest = 0;
  for (const id of taken) {
    const match = pattern.exec(id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `${prefix}-${highest + 1}`;
}

// The trigger -------------------------------------------------------------------------------------

export type TriggerOption = Exclude<keyof Trigger, "type">;

/** What each trigger type can be narrowed by (the API ignores the others). */
export const TRIGGER_OPTIONS: Record<TriggerType, readonly TriggerOption[]> = {
  lead_created: ["form_id", "source"],
  form_submitted: ["form_id"],
  stage_changed: ["pipeline_id", "from_stage_id", "to_stage_id"],
  lead_won: ["pipeline_id"],
  lead_lost: ["pipeline_id"],
  value_changed: [],
  tag_added: ["tag"],
  tag_removed: ["tag"],
  contact_role_changed: ["role"],
  followup_overdue: [],
  task_overdue: [],
  no_activity: ["days"],
  date_reached: ["target", "field_key", "offset_days", "at_time"],
  conversion_failed: ["reason", "platform"],
  webhook: ["hook_id"],
  manual: [],
};

/** What a trigger type needs to start with (the API refuses it without). */
const TRIGGER_DEFAULTS: Partial<Record<TriggerType, Partial<Trigger>>> = {
  no_activity: { days: 7 },
  date_reached: { target: "contact", offset_days: 0, at_time: "09:00" },
};

/** The trigger as another type: the options the new type takes are kept, the others dropped. */
export function withTriggerType(trigger: Trigger, type: TriggerType): Trigger {
  const next: Trigger = { type, ...TRIGGER_DEFAULTS[type] };
  for (const option of TRIGGER_OPTIONS[type]) {
    const value = trigger[option];
    if (value) Object.assign(next, { [option]: value });
  }
  return next;
}

// Durations ---------------------------------------------------------------------------------------

export type DurationUnit = "minutes" | "hours" | "days";
const UNIT_MINUTES: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** Minutes as the largest unit that holds them whole: 2880 → 2 days, 90 → 90 minutes. */
export function splitMinutes(minutes: number): { amount: number; unit: DurationUnit } {
  if (minutes > 0 && minutes % 1440 === 0) return { amount: minutes / 1440, unit: "days" };
  if (minutes > 0 && minutes % 60 === 0) return { amount: minutes / 60, unit: "hours" };
  return { amount: minutes, unit: "minutes" };
}

export function toMinutes(amount: number, unit: DurationUnit): number {
  return Math.round(amount * UNIT_MINUTES[unit]);
}

export function durationText(minutes: number): string {
  const { amount, unit } = splitMinutes(minutes);
  const singular = unit.slice(0, -1);
  return `${amount} ${amount === 1 ? singular : unit}`;
}

// The draft ---------------------------------------------------------------------------------------

export const DEFAULT_HOURS: Required<BusinessHours> = { days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" };

/** The definition with the API's defaults filled in, as the editor works on it. */
export function definitionOf(raw: Record<string, unknown> | null | undefined): Definition {
  const given = (raw ?? {}) as Partial<Definition>;
  return {
    trigger: given.trigger ?? { type: "lead_created" },
    match: given.match ?? "all",
    filters: given.filters ?? [],
    steps: given.steps ?? [],
    allow_reentry: given.allow_reentry ?? false,
    business_hours: { ...DEFAULT_HOURS, ...given.business_hours },
  };
}

/** A value without what says nothing: empty text, null and undefined (at any depth; lists keep their items). */
export function cleaned<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cleaned(item)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === null || item === undefined || item === "") continue;
      out[key] = cleaned(item);
    }
    return out as T;
  }
  return value;
}

/** JSON with object keys sorted: two definitions that say the same compare equal. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export interface WorkflowDraft {
  name: string;
  definition: Definition;
}

export function sameDraft(a: WorkflowDraft, b: WorkflowDraft): boolean {
  return a.name.trim() === b.name.trim() && stableJson(cleaned(a.definition)) === stableJson(cleaned(b.definition));
}

export type DraftAction =
  | { type: "replace"; draft: WorkflowDraft }
  | { type: "name"; name: string }
  | { type: "trigger"; trigger: Trigger }
  | { type: "definition"; patch: Partial<Pick<Definition, "match" | "filters" | "allow_reentry" | "business_hours">> }
  | { type: "addStep"; place: ListPlace; index: number; step: Step }
  | { type: "replaceStep"; step: Step }
  | { type: "removeStep"; id: string }
  | { type: "moveStep"; id: string; delta: -1 | 1 };

function withSteps(draft: WorkflowDraft, change: (steps: Step[]) => Step[]): WorkflowDraft {
  return { ...draft, definition: { ...draft.definition, steps: change(draft.definition.steps ?? []) } };
}

export function draftReducer(draft: WorkflowDraft, action: DraftAction): WorkflowDraft {
  switch (action.type) {
    case "replace":
      return action.draft;
    case "name":
      return { ...draft, name: action.name };
    case "trigger":
      return { ...draft, definition: { ...draft.definition, trigger: action.trigger } };
    case "definition":
      return { ...draft, definition: { ...draft.definition, ...action.patch } };
    case "addStep":
      return withSteps(draft, (steps) => insertStep(steps, action.place, action.index, action.step));
    case "replaceStep":
      return withSteps(draft, (steps) => replaceStep(steps, action.step));
    case "removeStep":
      return withSteps(draft, (steps) => removeStep(steps, action.id));
    case "moveStep":
      return withSteps(draft, (steps) => moveStep(steps, action.id, action.delta));
  }
}

// Moments -----------------------------------------------------------------------------------------

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** An instant as a datetime-local input shows it (this computer's time zone): "2026-12-01T09:00". */
export function localDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** What a datetime-local input holds as an instant with its offset (UTC), as the API asks; undefined when empty. */
export function isoFromLocal(text: string): string | undefined {
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
