// The smart list builder: what the dialog edits (a list's name, filters, order and sharing) and the
// request body it becomes. Every condition must hold; an empty set of choices holds for every contact.

import type { FieldDefinition } from "../../fields/types";
import type { ContactFilters } from "../filters";
import { CONTACT_ROLES, type ContactRole } from "../types";
import type {
  ConditionOp,
  CustomCondition,
  ListSort,
  SmartList,
  SmartListCreate,
  SmartListFilters,
  SmartListUpdate,
} from "./types";

type FieldType = FieldDefinition["type"];

export const LIST_SORTS: readonly { value: ListSort; label: string }[] = [
  { value: "created", label: "Newest first" },
  { value: "name", label: "Name, A to Z" },
  { value: "updated", label: "Recently updated" },
  { value: "last_activity", label: "Most recent activity" },
];

/** The day ranges a list can narrow by, each a from and a to day (inclusive). */
export const DATE_RANGES = [
  { label: "Created", from: "created_from", to: "created_to" },
  { label: "Updated", from: "updated_from", to: "updated_to" },
  { label: "Last activity", from: "last_activity_from", to: "last_activity_to" },
] as const;

export type DateKey = (typeof DATE_RANGES)[number]["from" | "to"];
const DATE_KEYS: readonly DateKey[] = DATE_RANGES.flatMap((range) => [range.from, range.to]);

/** "Has an open lead": either way, or only those with one, or only those without. */
export type OpenLeadChoice = "any" | "yes" | "no";

/** One custom field condition as the builder edits it; `id` keys its row. */
export interface ConditionForm {
  id: number;
  key: string;
  op: ConditionOp;
  value: string;
}

export interface ListForm {
  name: string;
  sort: ListSort;
  /** Shared with the team (only a user who sees every contact may share). */
  team: boolean;
  roles: ContactRole[];
  owner_ids: string[];
  tags: string[];
  sources: string[];
  dates: Record<DateKey, string>;
  has_open_lead: OpenLeadChoice;
  lead_stage_ids: string[];
  custom: ConditionForm[];
  include_inactive: boolean;
  include_test: boolean;
}

const NO_DATES = Object.fromEntries(DATE_KEYS.map((key) => [key, ""])) as Record<DateKey, string>;

export function emptyListForm(): ListForm {
  return {
    name: "",
    sort: "created",
    team: false,
    roles: [],
    owner_ids: [],
    tags: [],
    sources: [],
    dates: { ...NO_DATES },
    has_open_lead: "any",
    lead_stage_ids: [],
    custom: [],
    include_inactive: false,
    include_test: false,
  };
}

/** A new list from the contact list's filters as they stand: its role, its owner and its order. */
export function listFormFromContactFilters(filters: ContactFilters): ListForm {
  return {
    ...emptyListForm(),
    roles: filters.role ? [filters.role] : [],
    owner_ids: filters.owner_id ? [filters.owner_id] : [],
    sort: filters.sort ?? "created",
  };
}

export function listFormFromList(list: SmartList): ListForm {
  const filters = list.filters;
  const dates = { ...NO_DATES };
  for (const key of DATE_KEYS) dates[key] = filters[key] ?? "";
  return {
    name: list.name,
    sort: list.sort,
    team: list.visibility === "team",
    roles: CONTACT_ROLES.filter((role) => filters.roles?.includes(role)),
    owner_ids: [...(filters.owner_ids ?? [])],
    tags: [...(filters.tags ?? [])],
    sources: [...(filters.sources ?? [])],
    dates,
    has_open_lead: filters.has_open_lead === true ? "yes" : filters.has_open_lead === false ? "no" : "any",
    lead_stage_ids: [...(filters.lead_stage_ids ?? [])],
    custom: (filters.custom ?? []).map((condition, index) => conditionForm(condition, index + 1)),
    include_inactive: Boolean(filters.include_inactive),
    include_test: Boolean(filters.include_test),
  };
}

function conditionForm(condition: CustomCondition, id: number): ConditionForm {
  const value = condition.value;
  return { id, key: condition.key, op: condition.op, value: value === null || value === undefined || typeof value === "boolean" ? "" : String(value) };
}

// Custom field conditions ---------------------------------------------------------------------------

const OP_LABELS: Record<ConditionOp, string> = {
  eq: "is",
  neq: "is not",
  contains: "contains",
  gt: "is more than",
  lt: "is less than",
  is_set: "is filled in",
  is_not_set: "is empty",
};

const TEXT_OPS: readonly ConditionOp[] = ["eq", "neq", "contains", "is_set", "is_not_set"];
const ORDERED_OPS: readonly ConditionOp[] = ["eq", "neq", "gt", "lt", "is_set", "is_not_set"];
const CHOICE_OPS: readonly ConditionOp[] = ["eq", "neq", "is_set", "is_not_set"];
const MULTI_OPS: readonly ConditionOp[] = ["contains", "is_set", "is_not_set"];

/** The operators that fit a field's type, as the builder words them. */
export function operatorsFor(type: FieldType): { value: ConditionOp; label: string }[] {
  // A checkbox is checked or not: "is not checked" (neq true) also holds for one never set.
  if (type === "checkbox") return [{ value: "eq", label: "is checked" }, { value: "neq", label: "is not checked" }];
  const ops = type === "number" || type === "money" || type === "date" ? ORDERED_OPS : type === "dropdown" ? CHOICE_OPS : type === "multi_select" ? MULTI_OPS : TEXT_OPS;
  return ops.map((op) => ({ value: op, label: opLabel(type, op) }));
}

function opLabel(type: FieldType, op: ConditionOp): string {
  if (type === "date" && op === "gt") return "is after";
  if (type === "date" && op === "lt") return "is before";
  if (type === "multi_select" && op === "contains") return "includes";
  return OP_LABELS[op];
}

/** What the value input of a condition is: none (the operator says it all), or an input of a kind. */
export type ValueKind = "none" | "text" | "number" | "date" | "option";

export function valueKind(type: FieldType, op: ConditionOp): ValueKind {
  if (type === "checkbox" || op === "is_set" || op === "is_not_set") return "none";
  if (type === "dropdown" || type === "multi_select") return "option";
  if (type === "number" || type === "money") return "number";
  if (type === "date") return "date";
  return "text";
}

/** A new condition on a field: its first operator, no value yet. */
export function newCondition(id: number, field: FieldDefinition): ConditionForm {
  return { id, key: field.key, op: operatorsFor(field.type)[0]!.value, value: "" };
}

/** The condition with another field: the operator stays when it fits the new field's type. */
export function withConditionField(condition: ConditionForm, field: FieldDefinition): ConditionForm {
  const fits = operatorsFor(field.type).some((op) => op.value === condition.op);
  return { ...condition, key: field.key, op: fits ? condition.op : operatorsFor(field.type)[0]!.value, value: "" };
}

/**
 * The API's condition. Values go as text (the API compares a number's text: a JSON 5 would be read as
 * 5.0 and never equal a stored 5), a money amount with its two decimals as stored; a checkbox's is true.
 */
export function conditionBody(condition: ConditionForm, type: FieldType): CustomCondition {
  if (type === "checkbox") return { key: condition.key, op: condition.op, value: true };
  const kind = valueKind(type, condition.op);
  if (kind === "none") return { key: condition.key, op: condition.op };
  const value = condition.value.trim();
  if (kind === "number") return { key: condition.key, op: condition.op, value: type === "money" ? Number(value).toFixed(2) : String(Number(value)) };
  return { key: condition.key, op: condition.op, value };
}

// The request ----------------------------------------------------------------------------------------

function fieldType(fields: readonly FieldDefinition[], key: string): FieldType {
  return fields.find((field) => field.key === key)?.type ?? "text";
}

/** The API's filters for the form: empty days as null, an open lead either way as null. */
export function listFilters(form: ListForm, fields: readonly FieldDefinition[]): SmartListFilters {
  const filters: SmartListFilters = {
    roles: [...form.roles],
    owner_ids: [...form.owner_ids],
    tags: [...form.tags],
    sources: [...form.sources],
    has_open_lead: form.has_open_lead === "any" ? null : form.has_open_lead === "yes",
    lead_stage_ids: [...form.lead_stage_ids],
    custom: form.custom.map((condition) => conditionBody(condition, fieldType(fields, condition.key))),
    include_inactive: form.include_inactive,
    include_test: form.include_test,
  };
  for (const key of DATE_KEYS) filters[key] = form.dates[key] || null;
  return filters;
}

/** POST /smart-lists: shared with the team only by a user who may share. */
export function createListBody(form: ListForm, fields: readonly FieldDefinition[], mayShare: boolean): SmartListCreate {
  return {
    name: form.name.trim(),
    filters: listFilters(form, fields),
    sort: form.sort,
    visibility: mayShare && form.team ? "team" : "private",
  };
}

/** PATCH /smart-lists/{id} at the version the editor started from; sharing changes only for a user who may share. */
export function updateListBody(form: ListForm, fields: readonly FieldDefinition[], version: number, mayShare: boolean): SmartListUpdate {
  const body: SmartListUpdate = { name: form.name.trim(), filters: listFilters(form, fields), sort: form.sort, version };
  if (mayShare) body.visibility = form.team ? "team" : "private";
  return body;
}

// What is missing before a save ----------------------------------------------------------------------

/** The builder's own checks, keyed as the API names the fields (`name`, `filters.created_to`, `filters.custom.0`). */
export function listFormErrors(form: ListForm, fields: readonly FieldDefinition[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.name.trim()) errors.name = "Give the list a name";
  for (const range of DATE_RANGES) {
    const from = form.dates[range.from];
    const to = form.dates[range.to];
    if (from && to && to < from) errors[`filters.${range.to}`] = "The last day is before the first";
  }
  form.custom.forEach((condition, index) => {
    const problem = conditionError(condition, fields);
    if (problem) errors[`filters.custom.${index}`] = problem;
  });
  return errors;
}

function conditionError(condition: ConditionForm, fields: readonly FieldDefinition[]): string | null {
  if (!condition.key) return "Pick a field";
  const kind = valueKind(fieldType(fields, condition.key), condition.op);
  const value = condition.value.trim();
  if (kind === "none") return null;
  if (!value) return "Enter the value to compare with";
  if (kind === "number" && !Number.isFinite(Number(value))) return "Enter a number, like 9500";
  return null;
}

/** The input names the API's errors can land on, for useFormErrors. */
export function listFormInputs(form: ListForm): string[] {
  return [
    "name",
    "sort",
    "visibility",
    ...["roles", "owner_ids", "tags", "sources", "has_open_lead", "lead_stage_ids", ...DATE_KEYS].map((key) => `filters.${key}`),
    ...form.custom.map((_, index) => `filters.custom.${index}`),
  ];
}
