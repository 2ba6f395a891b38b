// A record's custom fields, without React: shown with their labels in the definitions' order (the
// keys no definition names, older free-form values, apart as "Other fields"), and edited as inputs
// hold them (text, a checkbox's tick, a multi-select's choices) to become the body a write sends.

import type { FieldDefinition } from "../fields/types";
import { getDisplayLocale } from "../../lib/format";

type Raw = Readonly<Record<string, unknown>> | null | undefined;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "—" for nothing, lists joined, Yes/No, a map as "key: value" pairs. */
export function plainText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map((item) => plainText(item)).join(", ") : "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (isRecord(value)) {
    const pairs = Object.entries(value).filter(([, item]) => item !== null && item !== undefined && item !== "");
    return pairs.length ? pairs.map(([key, item]) => `${key}: ${plainText(item)}`).join(", ") : "—";
  }
  return String(value);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date ("2026-05-01") as the reader's locale writes it, never moved by their time zone. */
export function calendarDate(text: string): string {
  const match = DATE.exec(text);
  if (!match) return text;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return text;
  return date.toLocaleDateString(getDisplayLocale(), { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
}

/** One value as its field's type reads: amounts with their cents, dates, Yes/No, choices joined. */
export function customValueText(definition: Pick<FieldDefinition, "type"> | undefined, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  switch (definition?.type) {
    case "number":
      return typeof value === "number" ? value.toLocaleString(getDisplayLocale()) : plainText(value);
    case "money": {
      const amount = typeof value === "string" || typeof value === "number" ? Number(value) : Number.NaN;
      return Number.isFinite(amount)
        ? amount.toLocaleString(getDisplayLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 })
        : plainText(value);
    }
    case "date":
      return typeof value === "string" ? calendarDate(value) : plainText(value);
    default:
      return plainText(value);
  }
}

/** Where a value of a phone, email or web address field opens; null for the other types. */
export function customValueHref(definition: Pick<FieldDefinition, "type"> | undefined, value: unknown): string | null {
  if (typeof value !== "string" || !value) return null;
  switch (definition?.type) {
    case "url":
      return /^https?:\/\//i.test(value) ? value : null;
    case "email":
      return `mailto:${value}`;
    case "phone":
      return `tel:${value.replace(/[^+\d]/g, "")}`;
    default:
      return null;
  }
}

export interface CustomFieldRow {
  key: string;
  label: string;
  text: string;
  href: string | null;
  /** Long text keeps its line breaks. */
  multiline: boolean;
  /** No value: the row shows its dash. */
  empty: boolean;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

/**
 * Every defined field in the definitions' order (with a dash when empty), and apart the values whose
 * key no definition names (sorted by key, labelled by it).
 */
export function customFieldRows(
  definitions: readonly FieldDefinition[],
  raw: Raw,
): { defined: CustomFieldRow[]; other: CustomFieldRow[] } {
  const values = isRecord(raw) ? raw : {};
  const defined = definitions.map((definition) => {
    const value = values[definition.key];
    return {
      key: definition.key,
      label: definition.label,
      text: customValueText(definition, value),
      href: customValueHref(definition, value),
      multiline: definition.type === "long_text",
      empty: isEmpty(value),
    };
  });
  const known = new Set(definitions.map((definition) => definition.key));
  const other = Object.keys(values)
    .filter((key) => !known.has(key) && !isEmpty(values[key]))
    .sort((a, b) => a.localeCompare(b))
    .map((key) => ({ key, label: key, text: plainText(values[key]), href: null, multiline: false, empty: false }));
  return { defined, other };
}

// Editing ------------------------------------------------------------------------------------------

/** What an input holds: text, a checkbox's tick, a multi-select's ticked options. */
export type CustomInput = string | boolean | string[];
export type CustomInputs = Record<string, CustomInput>;
/** A value as a write takes it. */
export type CustomValue = string | number | boolean | string[] | null;
export type CustomValues = Record<string, CustomValue>;

/** The API's name of each defined field's input, for its errors (`custom_fields.<key>`). */
export function customFieldInputNames(definitions: readonly FieldDefinition[]): string[] {
  return definitions.map((definition) => `custom_fields.${definition.key}`);
}

function inputOf(definition: FieldDefinition, value: unknown): CustomInput {
  switch (definition.type) {
    case "checkbox":
      return value === true;
    case "multi_select":
      return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
    default:
      return typeof value === "string" || typeof value === "number" ? String(value) : "";
  }
}

/** The inputs of a record's defined fields (all empty for a new record). */
export function customInputsOf(definitions: readonly FieldDefinition[], raw: Raw): CustomInputs {
  const values = isRecord(raw) ? raw : {};
  return Object.fromEntries(definitions.map((definition) => [definition.key, inputOf(definition, values[definition.key])]));
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function valueOf(definition: FieldDefinition, input: CustomInput | undefined): CustomValue | undefined {
  if (definition.type === "checkbox") return input === true;
  if (Array.isArray(input)) return input.length ? [...input] : undefined;
  const text = typeof input === "string" ? input.trim() : "";
  if (!text) return undefined;
  // Text that is not a number goes as typed, for the API to say what a number looks like.
  if (definition.type === "number") return NUMBER.test(text) ? Number(text) : text;
  return text;
}

function keptValue(value: unknown): value is CustomValue {
  return (
    value === null ||
    typeof value === "string" ||
    typeof value === "number" ||
    typeof value === "boolean" ||
    (Array.isArray(value) && value.every((item) => typeof item === "string"))
  );
}

/**
 * The whole `custom_fields` a write sends: the values of keys no definition names kept as stored (a
 * write replaces the map), then each defined field from its input. An empty field is left out, but a
 * required one goes as null so that the API says it is required.
 */
export function customFieldsBody(definitions: readonly FieldDefinition[], inputs: CustomInputs, stored: Raw = null): CustomValues {
  const body: CustomValues = {};
  const known = new Set(definitions.map((definition) => definition.key));
  if (isRecord(stored)) {
    for (const [key, value] of Object.entries(stored)) {
      if (!known.has(key) && keptValue(value)) body[key] = value;
    }
  }
  for (const definition of definitions) {
    const value = valueOf(definition, inputs[definition.key]);
    if (value !== undefined) body[definition.key] = value;
    else if (definition.required) body[definition.key] = null;
  }
  return body;
}

function sameInput(a: CustomInput | undefined, b: CustomInput | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const left = Array.isArray(a) ? a : [];
    const right = Array.isArray(b) ? b : [];
    return left.length === right.length && left.every((item, index) => item === right[index]);
  }
  if (typeof a === "string" || typeof b === "string") return (typeof a === "string" ? a.trim() : "") === (typeof b === "string" ? b.trim() : "");
  return (a ?? false) === (b ?? false);
}

/** Whether the editor changed any custom field (an edit sends the map only then). */
export function customInputsChanged(definitions: readonly FieldDefinition[], before: CustomInputs, after: CustomInputs): boolean {
  return definitions.some((definition) => !sameInput(before[definition.key], after[definition.key]));
}

/** A dropdown's choices: its options, and a stored value no longer among them, so that it is not lost. */
export function dropdownChoices(definition: FieldDefinition, current: CustomInput | undefined): string[] {
  const value = typeof current === "string" ? current : "";
  return value && !definition.options.includes(value) ? [...definition.options, value] : [...definition.options];
}

/** A multi-select's choices after ticking (or clearing) one, in the options' order. */
export function toggledChoice(definition: FieldDefinition, current: CustomInput | undefined, option: string, on: boolean): string[] {
  const chosen = Array.isArray(current) ? current : [];
  const next = on ? [...chosen, option] : chosen.filter((item) => item !== option);
  const order = dropdownChoices(definition, "");
  const rank = (item: string) => {
    const at = order.indexOf(item);
    return at < 0 ? order.length : at;
  };
  return [...new Set(next)].sort((a, b) => rank(a) - rank(b));
}
