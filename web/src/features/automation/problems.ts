// What is wrong with a draft, keyed by where the builder shows it: `name`, `trigger.<option>`,
// `filters.<n>`, `steps.<step id>`, `business_hours`. The same keys hold the API's own answers
// (422 `invalid_workflow` names `steps.<step id>`; a schema error names its path in the definition).

import { ApiError, errorMessage } from "../../api/errors";
import { conditionField, conditionProblem, type ConditionField } from "./conditions";
import { branchSteps, isIf, STEP_ID, walkSteps, type DraftAction, type WorkflowDraft } from "./definition";
import type { Condition, Step, StepKind, StepOf } from "./types";

export type Problems = Record<string, string>;

const MAX_MINUTES = 525_600;

function conditionsProblem(conditions: readonly Condition[], fields: readonly ConditionField[]): string | null {
  for (const [index, condition] of conditions.entries()) {
    const problem = conditionProblem(condition, conditionField(fields, condition.field));
    if (problem) return conditions.length > 1 ? `Condition ${index + 1}: ${problem}` : problem;
  }
  return null;
}

/** A due time or a wait: unset takes the API's default (a wait has none); NaN is what could not be read. */
function minutesProblem(minutes: number | undefined, min: number): string | null {
  if (minutes === undefined) return min > 0 ? "Say how long to wait" : null;
  if (!Number.isInteger(minutes) || minutes < min) return min > 0 ? "Say how long to wait, in whole minutes or more" : "Give a whole number of minutes, hours or days";
  return minutes > MAX_MINUTES ? "At most 365 days" : null;
}

type Check<Kind extends StepKind> = (step: StepOf<Kind>, fields: readonly ConditionField[]) => string | null;

const tagsProblem = (step: StepOf<"add_tag"> | StepOf<"remove_tag">) => {
  if (step.tags.length === 0) return "Add at least one tag";
  return step.tags.some((tag) => tag.length > 40) ? "A tag has at most 40 characters" : null;
};

const CHECKS: { [Kind in StepKind]: Check<Kind> } = {
  assign_owner: (step) => (step.user_ids.length ? null : step.mode === "user" ? "Choose the user" : "Choose at least one user"),
  create_task: (step) => (step.title.trim() ? minutesProblem(step.due_in_minutes, 0) : "Give the task a title"),
  schedule_followup: (step) => minutesProblem(step.due_in_minutes, 0),
  manual_action: () => null,
  send_email: (step) => {
    if (!step.template_id) return "Choose an email template";
    return step.to === "address" && !(step.address && step.address.includes("@")) ? "Give the address to send to" : null;
  },
  send_sms: (step) => (step.template_id ? null : "Choose an SMS template"),
  webhook: (step) => (/^https?:\/\/[^/\s]+/.test(step.url.trim()) ? null : "Give the URL to send to (https://…)"),
  notify: (step) => (step.user_ids.length === 0 ? "Choose whom to notify" : step.message.trim() ? null : "Write the message"),
  add_tag: tagsProblem,
  remove_tag: tagsProblem,
  change_role: () => null,
  set_field: (step) => (step.field_key ? null : "Choose the field to set"),
  move_stage: (step) => (step.pipeline_id && step.stage_id ? null : "Choose the pipeline and the stage"),
  wait: (step, fields) => {
    if (step.mode === "condition") {
      if (!step.conditions?.length) return "Add the conditions to wait for";
      return conditionsProblem(step.conditions, fields) ?? minutesProblem(step.minutes ?? undefined, 1);
    }
    if (step.mode === "until") return step.until ? null : "Choose when to go on";
    return step.mode === "business_hours" ? null : minutesProblem(step.minutes ?? undefined, 1);
  },
  enrol: (step) => (step.workflow_id ? null : "Choose the workflow to enrol in"),
  end: () => null,
  if: (step, fields) => (step.conditions.length ? conditionsProblem(step.conditions, fields) : "Add at least one condition"),
};

export function stepProblem(step: Step, fields: readonly ConditionField[]): string | null {
  if (!STEP_ID.test(step.id)) return "This step's id is not valid";
  const check = CHECKS[step.kind] as Check<StepKind>;
  return check(step as never, fields);
}

function hoursProblem(draft: WorkflowDraft): string | null {
  const hours = draft.definition.business_hours;
  if (!hours) return null;
  if (!hours.days?.length) return "Business hours need at least one day";
  if (![hours.start, hours.end].every((time) => time === undefined || /^([01]\d|2[0-3]):[0-5]\d$/.test(time))) {
    return "Give the opening and closing times";
  }
  return (hours.start ?? "09:00") >= (hours.end ?? "17:00") ? "Business hours end after they start" : null;
}

/** What would be refused if the draft were saved now (checked here so the cards say it at once). */
export function draftProblems(draft: WorkflowDraft, fields: readonly ConditionField[]): Problems {
  const problems: Problems = {};
  if (!draft.name.trim()) problems.name = "Give the workflow a name";
  for (const [index, condition] of (draft.definition.filters ?? []).entries()) {
    const problem = conditionProblem(condition, conditionField(fields, condition.field));
    if (problem) problems[`filters.${index}`] = problem;
  }
  for (const step of walkSteps(draft.definition.steps ?? [])) {
    const problem = stepProblem(step, fields);
    if (problem) problems[`steps.${step.id}`] = problem;
  }
  const hours = hoursProblem(draft);
  if (hours) problems.business_hours = hours;
  return problems;
}

// The API's answers -------------------------------------------------------------------------------

function readable(name: string): string {
  const text = name.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The step a schema error's path names (`0.if.then.1.send_email.template_id` under `definition.steps`),
 * with what is left of the path after it (`template_id`). The path's numbers are positions in the lists
 * the draft sent, so they are read against that draft.
 */
export function stepAtPath(steps: readonly Step[], path: readonly string[]): { step: Step; rest: string[] } | null {
  const index = Number(path[0]);
  const step = Number.isInteger(index) ? steps[index] : undefined;
  if (!step) return null;
  // After the position, pydantic names the kind it tried (the union's tag), then the step's own fields.
  const rest = path[1] === step.kind ? path.slice(2) : path.slice(1);
  const branch = rest[0] === "then" ? "then" : rest[0] === "else" || rest[0] === "otherwise" ? "else" : null;
  if (isIf(step) && branch && rest.length > 1) {
    return stepAtPath(branchSteps(step, branch), rest.slice(1)) ?? { step, rest };
  }
  return { step, rest };
}

function stepMessage(rest: readonly string[], message: string): string {
  if (rest[0] === "conditions" && rest[1] !== undefined) return `Condition ${Number(rest[1]) + 1}: ${message}`;
  return rest.length ? `${readable(rest[0]!)}: ${message}` : message;
}

/** Where an entry under `definition.` shows: its trigger option, filter, business hours or step. */
function definitionPlace(parts: readonly string[], message: string, draft: WorkflowDraft): [string, string] | null {
  const [section, ...rest] = parts;
  if (section === "trigger") return [rest[0] ? `trigger.${rest[0]}` : "trigger", message];
  if (section === "filters") return [rest[0] !== undefined ? `filters.${rest[0]}` : "filters", message];
  if (section === "business_hours") return ["business_hours", message];
  if (section !== "steps" || rest.length === 0) return null;
  const found = stepAtPath(draft.definition.steps ?? [], rest);
  return found ? [`steps.${found.step.id}`, stepMessage(found.rest, message)] : null;
}

/** Where one of the API's `fields` entries shows in the builder, or null for the general message. */
function placeOf(name: string, message: string, draft: WorkflowDraft): [string, string] | null {
  const parts = name.split(".");
  if (name === "name") return ["name", message];
  if (parts[0] === "steps" && parts.length === 2) {
    const known = walkSteps(draft.definition.steps ?? []).some((step) => step.id === parts[1]);
    return known ? [name, message] : null;
  }
  if (parts[0] === "trigger") return [parts[1] ? `trigger.${parts[1]}` : "trigger", message];
  return parts[0] === "definition" ? definitionPlace(parts.slice(1), message, draft) : null;
}

/**
 * A refused save or publish, split into the messages the builder shows in place (by the keys above)
 * and the rest, shown on top.
 */
export function placeApiProblems(error: unknown, draft: WorkflowDraft): { byKey: Problems; other: string[] } {
  const byKey: Problems = {};
  const other: string[] = [];
  if (!(error instanceof ApiError) || Object.keys(error.fields).length === 0) {
    return { byKey, other: [errorMessage(error)] };
  }
  for (const [name, message] of Object.entries(error.fields)) {
    const place = placeOf(name, message, draft);
    if (place && !(place[0] in byKey)) byKey[place[0]] = place[1];
    else if (!place) other.push(name === "steps" || name === "definition" || name === "body" ? message : `${readable(name.split(".").pop() ?? name)}: ${message}`);
  }
  if (other.length === 0) other.push(error.message);
  return { byKey, other };
}

/** The API's messages an edit answers: those about what it changed go (the rest stay until the next save). */
export function withoutAnswered(problems: Problems, action: DraftAction): Problems {
  const answered = (key: string): boolean => {
    switch (action.type) {
      case "replace":
        return true;
      case "name":
        return key === "name";
      case "trigger":
        return key === "trigger" || key.startsWith("trigger.");
      case "definition":
        return key === "filters" || key.startsWith("filters.") || key === "business_hours";
      case "replaceStep":
        return key === `steps.${action.step.id}`;
      case "removeStep":
        return key === `steps.${action.id}`;
      default:
        return key === "steps";
    }
  };
  const kept = Object.entries(problems).filter(([key]) => !answered(key));
  return kept.length === Object.keys(problems).length ? problems : Object.fromEntries(kept);
}
