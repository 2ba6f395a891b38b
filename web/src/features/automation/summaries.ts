// The one line each step card, condition and trigger reads as when it is closed: what it does, with
// the names of what it uses (users, templates, stages, workflows), or what it still needs.

import { conditionField, operatorLabel, valueShape, WEEKDAYS, type ConditionField, type ValueSource } from "./conditions";
import { branchSteps, durationText, kindLabel } from "./definition";
import { TRIGGER_LABELS } from "./labels";
import type { Condition, Step, StepKind, StepOf, Trigger } from "./types";
import { getDisplayLocale } from "../../lib/format";

/** How ids read: the builder fills these from the account's users, templates, pipelines, forms and workflows. */
export interface Names {
  /** A user's name; "owner" is the record's owner. */
  user: (userId: string) => string;
  template: (templateId: string) => string | null;
  pipeline: (pipelineId: string) => string | null;
  stage: (stageId: string) => string | null;
  form: (formId: string) => string | null;
  workflow: (workflowId: string) => string | null;
  /** A custom field's label ("budget" → "Budget"). */
  customField: (target: "lead" | "contact", key: string) => string;
  /** Every field a condition can read. */
  fields: readonly ConditionField[];
  source: (source: string) => string;
}

function quoted(text: string): string {
  return `“${text}”`;
}

function listText(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function assignee(names: Names, userId: string | undefined): string {
  return !userId || userId === "owner" ? "the owner" : names.user(userId);
}

function choiceName(names: Names, source: ValueSource, value: unknown): string {
  const text = String(value);
  const named: Partial<Record<ValueSource, () => string | null>> = {
    user: () => names.user(text),
    stage: () => names.stage(text),
    pipeline: () => names.pipeline(text),
    form: () => names.form(text),
    source: () => names.source(text),
    days: () => WEEKDAYS.find((day) => day.value === text)?.label ?? text,
    boolean: () => (value === true || text === "true" ? "yes" : "no"),
  };
  return named[source]?.() ?? text;
}

/** "Lead value is more than 100", "Day of the week is one of Monday and Friday". */
export function conditionText(condition: Condition, names: Names): string {
  const field = conditionField(names.fields, condition.field);
  const operator = condition.operator ?? "equals";
  const said = `${field.label} ${operatorLabel(operator, field.type)}`;
  const shape = valueShape(operator);
  if (shape === "none") return said;
  const values = (Array.isArray(condition.value) ? condition.value : [condition.value]).filter((item) => item !== "" && item != null);
  if (values.length === 0) return `${said} …`;
  const shown = values.map((item) => choiceName(names, field.source, item));
  if (shape === "pair") return `${said} ${shown[0]} and ${shown[1] ?? "…"}`;
  if (shape === "many") return `${said} ${listText(shown)}`;
  return `${said} ${field.source === "text" || field.source === "options" ? quoted(shown[0]!) : shown[0]}`;
}

/** One condition as itself; several as "all of 3 conditions". */
export function conditionsText(conditions: readonly Condition[], match: "all" | "any" | undefined, names: Names): string {
  if (conditions.length === 0) return "no conditions yet";
  if (conditions.length === 1) return conditionText(conditions[0]!, names);
  return `${match === "any" ? "any" : "all"} of ${conditions.length} conditions hold`;
}

type Summary<Kind extends StepKind> = (step: StepOf<Kind>, names: Names) => string;

const assignOwner: Summary<"assign_owner"> = (step, names) => {
  const users = step.user_ids.map((id) => names.user(id));
  if (users.length === 0) return "Choose who gets the record";
  const unowned = step.only_if_unowned ? " (only if it has no owner)" : "";
  if (step.mode === "round_robin" && users.length > 1) return `Share out in turn between ${listText(users)}${unowned}`;
  if (step.mode === "least_loaded" && users.length > 1) return `Give to whoever of ${listText(users)} has the fewest open leads${unowned}`;
  return `Assign to ${users[0]}${unowned}`;
};

const createTask: Summary<"create_task"> = (step, names) =>
  step.title.trim()
    ? `Create the task ${quoted(step.title.trim())} for ${assignee(names, step.assignee)}, due in ${durationText(step.due_in_minutes ?? 1440)}`
    : "Give the task a title";

const followUp: Summary<"schedule_followup"> = (step, names) =>
  `Schedule a ${step.followup_type ?? "call"} follow-up for ${assignee(names, step.assignee)}, due in ${durationText(step.due_in_minutes ?? 60)}`;

const manualAction: Summary<"manual_action"> = (step, names) => {
  const template = step.action_type === "sms" && step.template_id ? ` from ${quoted(names.template(step.template_id) ?? "a deleted template")}` : "";
  return `Ask ${assignee(names, step.assignee)} to ${step.action_type === "sms" ? "send an SMS" : "call"}${template}`;
};

const sendEmail: Summary<"send_email"> = (step, names) => {
  if (!step.template_id) return "Choose an email template";
  const template = names.template(step.template_id) ?? "a deleted template";
  const to = { contact: "the contact", owner: "the owner", address: step.address || "an address" }[step.to ?? "contact"];
  return `Email ${quoted(template)} to ${to}`;
};

const sendSms: Summary<"send_sms"> = (step, names) =>
  step.template_id ? `Text ${quoted(names.template(step.template_id) ?? "a deleted template")} to the contact` : "Choose an SMS template";

const webhook: Summary<"webhook"> = (step) => {
  const url = step.url.trim();
  return /^https?:\/\/[^/\s]+/.test(url) ? `POST to ${url}` : "Give the URL to send to";
};

const notify: Summary<"notify"> = (step, names) => {
  if (step.user_ids.length === 0) return "Choose whom to notify";
  const message = step.message.trim() ? `: ${quoted(step.message.trim())}` : "";
  return `Notify ${listText(step.user_ids.map((id) => assignee(names, id)))}${message}`;
};

const tags = (step: StepOf<"add_tag"> | StepOf<"remove_tag">): string => {
  if (step.tags.length === 0) return "Choose the tags";
  const noun = step.tags.length === 1 ? "tag" : "tags";
  const target = step.target === "contact" ? "contact" : "lead";
  return step.kind === "add_tag"
    ? `Add the ${noun} ${listText(step.tags)} to the ${target}`
    : `Remove the ${noun} ${listText(step.tags)} from the ${target}`;
};

const setField: Summary<"set_field"> = (step, names) => {
  const target = step.target === "contact" ? "contact" : "lead";
  if (!step.field_key) return `Choose the ${target} field to set`;
  const label = names.customField(target, step.field_key);
  const value = step.value;
  const empty = value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
  if (empty) return `Empty ${label} on the ${target}`;
  const shown = Array.isArray(value) ? value.join(", ") : typeof value === "boolean" ? (value ? "yes" : "no") : String(value);
  return `Set ${label} on the ${target} to ${quoted(shown)}`;
};

const moveStage: Summary<"move_stage"> = (step, names) =>
  step.stage_id ? `Move the lead to ${names.stage(step.stage_id) ?? "a deleted stage"}` : "Choose the stage to move the lead to";

const wait: Summary<"wait"> = (step, names) => {
  if (step.mode === "condition") {
    const limit = step.minutes ? `, at most ${durationText(step.minutes)}` : "";
    return step.conditions?.length ? `Wait until ${conditionsText(step.conditions, step.match, names)}${limit}` : "Say what to wait for";
  }
  if (step.mode === "business_hours") return "Wait until business hours";
  if (step.mode === "until") return step.until ? `Wait until ${new Date(step.until).toLocaleString(getDisplayLocale(), { dateStyle: "medium", timeStyle: "short" })}` : "Choose when to go on";
  return step.minutes ? `Wait ${durationText(step.minutes)}` : "Say how long to wait";
};

const enrol: Summary<"enrol"> = (step, names) =>
  step.workflow_id ? `Enrol in ${quoted(names.workflow(step.workflow_id) ?? "a deleted workflow")}` : "Choose the workflow to enrol in";

const ifElse: Summary<"if"> = (step, names) => {
  const yes = branchSteps(step, "then").length;
  const no = branchSteps(step, "else").length;
  const counts = `Yes: ${yes} ${yes === 1 ? "step" : "steps"}, No: ${no} ${no === 1 ? "step" : "steps"}`;
  return `If ${conditionsText(step.conditions, step.match, names)} (${counts})`;
};

const SUMMARIES: { [Kind in StepKind]: Summary<Kind> } = {
  assign_owner: assignOwner,
  create_task: createTask,
  schedule_followup: followUp,
  manual_action: manualAction,
  send_email: sendEmail,
  send_sms: sendSms,
  webhook,
  notify,
  add_tag: tags,
  remove_tag: tags,
  change_role: (step) => `Make the contact a ${step.role}`,
  set_field: setField,
  move_stage: moveStage,
  wait,
  enrol,
  end: () => "End the workflow here",
  if: ifElse,
};

/** What a step does, in one line. */
export function stepSummary(step: Step, names: Names): string {
  const summary = SUMMARIES[step.kind] as Summary<StepKind> | undefined;
  return summary ? summary(step as never, names) : kindLabel(step.kind);
}

const PROBLEMS = { failed: "refused or out of retries", no_value: "no value", no_identifier: "no identifier" } as const;

/** The options of the triggers that fire at a time, or on a conversion's outcome. */
function dateText(trigger: Trigger, names: Names, fieldKey: string): string {
  const target = trigger.target === "lead" ? "lead" : "contact";
  const offset = trigger.offset_days ?? 0;
  const days = `${Math.abs(offset)} ${Math.abs(offset) === 1 ? "day" : "days"}`;
  const when = offset === 0 ? "on the day" : `${days} ${offset < 0 ? "before" : "after"}`;
  const field = fieldKey === "close_date" ? "close date" : names.customField(target, fieldKey);
  return `${target} ${field}, ${when} at ${trigger.at_time ?? "09:00"}`;
}

function timedParts(trigger: Trigger, names: Names): string[] {
  const parts: string[] = [];
  if (trigger.type === "no_activity" && trigger.days) parts.push(`${trigger.days} ${trigger.days === 1 ? "day" : "days"}`);
  if (trigger.type === "date_reached" && trigger.field_key) parts.push(dateText(trigger, names, trigger.field_key));
  if (trigger.type === "conversion_failed") {
    if (trigger.reason) parts.push(PROBLEMS[trigger.reason]);
    if (trigger.platform) parts.push(trigger.platform === "meta" ? "Meta" : "Google Ads");
  }
  return parts;
}

/** "Form submitted (Roof inspection)", "Stage changed to Won", "Tag added: vip". */
export function triggerSummary(trigger: Trigger, names: Names): string {
  const label = TRIGGER_LABELS[trigger.type] ?? trigger.type;
  const parts: string[] = [];
  if (trigger.form_id) parts.push(`form ${quoted(names.form(trigger.form_id) ?? "a deleted form")}`);
  if (trigger.source) parts.push(`source ${names.source(trigger.source)}`);
  if (trigger.pipeline_id) parts.push(`in ${names.pipeline(trigger.pipeline_id) ?? "a deleted pipeline"}`);
  if (trigger.from_stage_id) parts.push(`from ${names.stage(trigger.from_stage_id) ?? "a deleted stage"}`);
  if (trigger.to_stage_id) parts.push(`to ${names.stage(trigger.to_stage_id) ?? "a deleted stage"}`);
  if (trigger.tag) parts.push(`tag ${trigger.tag}`);
  if (trigger.role) parts.push(`becomes a ${trigger.role}`);
  parts.push(...timedParts(trigger, names));
  return parts.length ? `${label}: ${parts.join(", ")}` : label;
}
