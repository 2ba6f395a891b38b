// Conditions of the filters and of if/else steps: the fields a condition can read (grouped
// Contact / Lead / Time, plus custom fields), the operators that fit each field's type, and the
// value each operator takes (none, one, two, or a list).

import type { FieldDefinition } from "../fields/types";
import type { Condition, Operator } from "./types";

/** How a field compares, which decides its operators. */
export type FieldType = "text" | "choice" | "number" | "list" | "days" | "boolean" | "date";

/** What a value input offers: free text, a number, or a choice among things of the account. */
export type ValueSource =
  | "text"
  | "number"
  | "date"
  | "boolean"
  | "days"
  | "role"
  | "user"
  | "stage"
  | "pipeline"
  | "form"
  | "source"
  | "options";

export type FieldGroup = "Contact" | "Lead" | "Time" | "Contact custom fields" | "Lead custom fields";

export interface ConditionField {
  field: string;
  label: string;
  group: FieldGroup;
  type: FieldType;
  source: ValueSource;
  /** A custom dropdown's or multi-select's choices. */
  options?: readonly string[];
}

/** The API's FIELDS (convertly/automation/definition.py) as the builder names them. */
export const BUILT_IN_FIELDS: readonly ConditionField[] = [
  { field: "contact.first_name", label: "First name", group: "Contact", type: "text", source: "text" },
  { field: "contact.last_name", label: "Last name", group: "Contact", type: "text", source: "text" },
  { field: "contact.email", label: "Email", group: "Contact", type: "text", source: "text" },
  { field: "contact.phone", label: "Phone", group: "Contact", type: "text", source: "text" },
  { field: "contact.role", label: "Role", group: "Contact", type: "choice", source: "role" },
  { field: "contact.tags", label: "Contact tags", group: "Contact", type: "list", source: "text" },
  { field: "contact.source", label: "Contact source", group: "Contact", type: "choice", source: "source" },
  { field: "contact.owner_id", label: "Contact owner", group: "Contact", type: "choice", source: "user" },
  { field: "contact.company_name", label: "Company name", group: "Contact", type: "text", source: "text" },
  { field: "lead.value", label: "Lead value", group: "Lead", type: "number", source: "number" },
  { field: "lead.source", label: "Lead source", group: "Lead", type: "choice", source: "source" },
  { field: "lead.stage_id", label: "Stage", group: "Lead", type: "choice", source: "stage" },
  { field: "lead.pipeline_id", label: "Pipeline", group: "Lead", type: "choice", source: "pipeline" },
  { field: "lead.owner_id", label: "Lead owner", group: "Lead", type: "choice", source: "user" },
  { field: "lead.tags", label: "Lead tags", group: "Lead", type: "list", source: "text" },
  { field: "lead.utm_source", label: "UTM source", group: "Lead", type: "text", source: "text" },
  { field: "lead.utm_medium", label: "UTM medium", group: "Lead", type: "text", source: "text" },
  { field: "lead.utm_campaign", label: "UTM campaign", group: "Lead", type: "text", source: "text" },
  { field: "lead.utm_term", label: "UTM term", group: "Lead", type: "text", source: "text" },
  { field: "lead.utm_content", label: "UTM content", group: "Lead", type: "text", source: "text" },
  { field: "lead.form_id", label: "Form", group: "Lead", type: "choice", source: "form" },
  { field: "lead.landing_page", label: "Landing page", group: "Lead", type: "text", source: "text" },
  { field: "lead.referrer", label: "Referrer", group: "Lead", type: "text", source: "text" },
  { field: "time.day_of_week", label: "Day of the week", group: "Time", type: "days", source: "days" },
  { field: "time.business_hours", label: "Within business hours", group: "Time", type: "boolean", source: "boolean" },
];

/** A custom field key a condition may name (the API's pattern for `lead.custom.<key>`). */
const CUSTOM_KEY = /^[a-z0-9_]{1,40}$/;

const CUSTOM_TYPES: Record<FieldDefinition["type"], { type: FieldType; source: ValueSource }> = {
  text: { type: "text", source: "text" },
  long_text: { type: "text", source: "text" },
  phone: { type: "text", source: "text" },
  email: { type: "text", source: "text" },
  url: { type: "text", source: "text" },
  number: { type: "number", source: "number" },
  money: { type: "number", source: "number" },
  date: { type: "date", source: "date" },
  dropdown: { type: "choice", source: "options" },
  multi_select: { type: "list", source: "options" },
  checkbox: { type: "boolean", source: "boolean" },
};

/** The custom fields of leads and contacts as condition fields (`lead.custom.<key>`). */
export function customConditionFields(target: "lead" | "contact", definitions: readonly FieldDefinition[]): ConditionField[] {
  return definitions
    .filter((definition) => CUSTOM_KEY.test(definition.key))
    .map((definition) => ({
      field: `${target}.custom.${definition.key}`,
      label: definition.label,
      group: target === "lead" ? "Lead custom fields" : "Contact custom fields",
      ...CUSTOM_TYPES[definition.type],
      options: definition.options,
    }));
}

/** A field the lists do not know (a custom field since deleted) reads as text under its own name. */
export function conditionField(fields: readonly ConditionField[], field: string): ConditionField {
  const known = fields.find((candidate) => candidate.field === field);
  if (known) return known;
  const custom = /^(lead|contact)\.custom\.(.+)$/.exec(field);
  const group: FieldGroup = custom?.[1] === "contact" ? "Contact custom fields" : "Lead custom fields";
  return { field, label: custom ? `${custom[2]} (removed field)` : field, group, type: "text", source: "text" };
}

// Operators ---------------------------------------------------------------------------------------

const OPERATORS: Record<FieldType, readonly Operator[]> = {
  text: ["equals", "not_equals", "contains", "not_contains", "starts_with", "in", "not_in", "is_empty", "is_not_empty"],
  choice: ["equals", "not_equals", "in", "not_in", "is_empty", "is_not_empty"],
  number: ["equals", "not_equals", "greater_than", "less_than", "between", "is_empty", "is_not_empty"],
  list: ["contains", "not_contains", "in", "not_in", "is_empty", "is_not_empty"],
  days: ["in", "not_in"],
  boolean: ["equals", "not_equals"],
  date: ["equals", "not_equals", "is_empty", "is_not_empty"],
};

const OPERATOR_LABELS: Record<Operator, string> = {
  equals: "is",
  not_equals: "is not",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  greater_than: "is more than",
  less_than: "is less than",
  between: "is between",
  in: "is one of",
  not_in: "is none of",
};

/** A list (tags) holds its items: it "has" one rather than "contains" it. */
const LIST_LABELS: Partial<Record<Operator, string>> = {
  contains: "has",
  not_contains: "does not have",
  in: "has any of",
  not_in: "has none of",
  is_empty: "has none",
  is_not_empty: "has some",
};

export function operatorsFor(type: FieldType): readonly Operator[] {
  return OPERATORS[type];
}

export function operatorLabel(operator: Operator, type: FieldType): string {
  return (type === "list" ? LIST_LABELS[operator] : undefined) ?? OPERATOR_LABELS[operator];
}

/** What an operator compares with: nothing, one value, the lowest and highest, or a list. */
export type ValueShape = "none" | "one" | "pair" | "many";

export function valueShape(operator: Operator): ValueShape {
  if (operator === "is_empty" || operator === "is_not_empty") return "none";
  if (operator === "between") return "pair";
  if (operator === "in" || operator === "not_in") return "many";
  return "one";
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** The value carried over to another operator's shape (a list's first item, one value in a list, …). */
export function valueForShape(value: unknown, shape: ValueShape): unknown {
  if (shape === "none") return undefined;
  if (shape === "one") return firstOf(value) ?? "";
  if (shape === "pair") return Array.isArray(value) ? [value[0] ?? "", value[1] ?? ""] : [present(value) ? value : "", ""];
  if (Array.isArray(value)) return value;
  return present(value) ? [value] : [];
}

function defaultValue(field: ConditionField, shape: ValueShape): unknown {
  if (field.type === "boolean" && shape === "one") return true;
  return valueForShape(undefined, shape);
}

/** The condition with another operator: its value reshaped to fit. */
export function withOperator(condition: Condition, operator: Operator): Condition {
  return { ...condition, operator, value: valueForShape(condition.value, valueShape(operator)) };
}

/** The condition on another field: the operator kept when the field takes it, the value started again. */
export function withField(condition: Condition, field: ConditionField): Condition {
  const allowed = operatorsFor(field.type);
  const current = condition.operator ?? "equals";
  const operator = allowed.includes(current) ? current : allowed[0]!;
  return { field: field.field, operator, value: defaultValue(field, valueShape(operator)) };
}

export function newCondition(field: ConditionField): Condition {
  return withField({ field: field.field, operator: "equals" }, field);
}

/** A number as typed: a number when it reads as one, else the text (local checks then say so). */
export function numberInput(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed === "") return "";
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : trimmed;
}

/** A list typed with commas: its trimmed, non-empty items. */
export function listInput(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

function pairProblem(value: unknown, field: ConditionField): string | null {
  const pair = Array.isArray(value) ? value : [];
  if (pair.length !== 2 || !pair.every(present)) return "Give the lowest and the highest value";
  return field.type === "number" && !pair.every((item) => typeof item === "number") ? "Enter numbers" : null;
}

/** What is wrong with a condition before it is sent (the API says the same), or null. */
export function conditionProblem(condition: Condition, field: ConditionField): string | null {
  const operator = condition.operator ?? "equals";
  if (!operatorsFor(field.type).includes(operator)) return `“${operatorLabel(operator, field.type)}” does not apply to ${field.label}`;
  const shape = valueShape(operator);
  const value = condition.value;
  if (shape === "none") return null;
  if (shape === "pair") return pairProblem(value, field);
  if (shape === "many") return Array.isArray(value) && value.length > 0 ? null : "Give at least one value";
  if (!present(value)) return "Give a value to compare with";
  return field.type === "number" && typeof value !== "number" ? "Enter a number" : null;
}

export const WEEKDAYS: readonly { value: string; label: string; short: string }[] = [
  { value: "1", label: "Monday", short: "Mon" },
  { value: "2", label: "Tuesday", short: "Tue" },
  { value: "3", label: "Wednesday", short: "Wed" },
  { value: "4", label: "Thursday", short: "Thu" },
  { value: "5", label: "Friday", short: "Fri" },
  { value: "6", label: "Saturday", short: "Sat" },
  { value: "7", label: "Sunday", short: "Sun" },
];
