// Settings > Custom fields, without React: the labels of types and object types, a key made from a
// label, the options typed one per line, the order after a move, and a field checked before it is sent.

import { ApiError } from "../../api/errors";
import type { CustomFieldType, FieldDefinition, FieldDefinitionDraft, ObjectType } from "./types";

export const OBJECT_TYPES: readonly { value: ObjectType; label: string }[] = [
  { value: "contact", label: "Contacts" },
  { value: "company", label: "Companies" },
  { value: "lead", label: "Leads" },
];

export const TYPE_LABELS: Record<CustomFieldType, string> = {
  text: "Text",
  long_text: "Long text",
  number: "Number",
  money: "Money",
  date: "Date",
  dropdown: "Dropdown",
  multi_select: "Multi-select",
  checkbox: "Checkbox",
  phone: "Phone",
  email: "Email",
  url: "Web address",
};

export const TYPES_WITH_OPTIONS: readonly CustomFieldType[] = ["dropdown", "multi_select"];
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const MAX_OPTIONS = 100;

export function objectTypeOf(value: string | null): ObjectType {
  return OBJECT_TYPES.find((type) => type.value === value)?.value ?? "contact";
}

/** "Café  size (m²)" -> "cafe_size_m2": lower case letters and digits, underscores between. */
export function snake(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** A field's key from its label: snake case starting with a letter, at most 64 characters. */
export function keyFromLabel(label: string): string {
  const plain = snake(label);
  const key = /^[a-z]/.test(plain) ? plain : plain ? `field_${plain}` : "";
  return key.slice(0, 64).replace(/_+$/, "");
}

/** The options typed one per line: trimmed, blank lines left out. */
export function parseOptions(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

function fold(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
}

/** What the dialog edits: a saved field (with its id) or a new one. */
export interface FieldForm {
  field_id: string | null;
  label: string;
  key: string;
  type: CustomFieldType;
  placeholder: string;
  required: boolean;
  optionsText: string;
}

export function emptyForm(): FieldForm {
  return { field_id: null, label: "", key: "", type: "text", placeholder: "", required: false, optionsText: "" };
}

export function formOf(field: FieldDefinition): FieldForm {
  return {
    field_id: field.field_id,
    label: field.label,
    key: field.key,
    type: field.type,
    placeholder: field.placeholder ?? "",
    required: field.required,
    optionsText: field.options.join("\n"),
  };
}

export type FormErrors = Partial<Record<"label" | "key" | "type" | "options" | "placeholder", string>>;

/** What is wrong with the form before it is sent (the API checks the same again). */
export function formErrors(form: FieldForm, others: readonly FieldDefinition[]): FormErrors {
  const errors: FormErrors = {};
  if (!form.label.trim()) errors.label = "Give the field a label";
  else if (form.label.trim().length > 80) errors.label = "Use at most 80 characters";
  if (!KEY_PATTERN.test(form.key)) {
    errors.key = "Lowercase letters, digits and underscores, starting with a letter (at most 64)";
  } else if (others.some((field) => field.key === form.key && field.field_id !== form.field_id)) {
    errors.key = `Another field already uses the key ${form.key}`;
  }
  const options = parseOptions(form.optionsText);
  if (TYPES_WITH_OPTIONS.includes(form.type)) {
    const folded = options.map(fold);
    const twice = options.find((_, index) => folded.indexOf(folded[index]!) !== index);
    if (options.length === 0) errors.options = "Give at least one option, one per line";
    else if (options.length > MAX_OPTIONS) errors.options = `Give at most ${MAX_OPTIONS} options`;
    else if (options.some((option) => option.length > 100)) errors.options = "An option takes at most 100 characters";
    else if (twice) errors.options = `The option ${twice} is listed twice`;
  }
  if (form.placeholder.trim().length > 200) errors.placeholder = "Use at most 200 characters";
  return errors;
}

/** The definition a save sends for the form. */
export function draftOf(form: FieldForm): FieldDefinitionDraft {
  const withOptions = TYPES_WITH_OPTIONS.includes(form.type);
  return {
    field_id: form.field_id,
    key: form.key,
    label: form.label.trim(),
    type: form.type,
    placeholder: form.placeholder.trim() || null,
    required: form.required,
    options: withOptions ? parseOptions(form.optionsText) : null,
  };
}

/** A saved definition as a save sends it again. */
export function draftFrom(field: FieldDefinition): FieldDefinitionDraft {
  return { ...field, options: TYPES_WITH_OPTIONS.includes(field.type) ? field.options : null };
}

/** The list with `field` in place of the one with its id, or added at the end when new. */
export function withField(fields: readonly FieldDefinitionDraft[], field: FieldDefinitionDraft): FieldDefinitionDraft[] {
  const at = field.field_id ? fields.findIndex((item) => item.field_id === field.field_id) : -1;
  return at < 0 ? [...fields, field] : fields.map((item, index) => (index === at ? field : item));
}

export function withoutField(fields: readonly FieldDefinitionDraft[], fieldId: string): FieldDefinitionDraft[] {
  return fields.filter((field) => field.field_id !== fieldId);
}

function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** The list after moving a field one place up (-1) or down (1); null when it cannot move. */
export function stepField(fields: readonly FieldDefinitionDraft[], fieldId: string, step: -1 | 1): FieldDefinitionDraft[] | null {
  const from = fields.findIndex((field) => field.field_id === fieldId);
  const to = from + step;
  if (from < 0 || to < 0 || to >= fields.length) return null;
  return moved(fields, from, to);
}

/** The list after dropping one field on another's row (it takes that row's place); null for no move. */
export function dropField(fields: readonly FieldDefinitionDraft[], draggedId: string, targetId: string): FieldDefinitionDraft[] | null {
  const from = fields.findIndex((field) => field.field_id === draggedId);
  const to = fields.findIndex((field) => field.field_id === targetId);
  if (from < 0 || to < 0 || from === to) return null;
  return moved(fields, from, to);
}

/**
 * The API's refusal of a save, by the dialog's inputs: `fields.<index>.<attribute>` (and deeper, such
 * as `fields.0.options.3`) names the attribute; the rest is one message.
 */
export function dialogErrors(error: unknown): { byField: FormErrors; other: string | null } {
  if (!(error instanceof ApiError)) return { byField: {}, other: error instanceof Error ? error.message : "Something went wrong; try again" };
  const byField: FormErrors = {};
  const other: string[] = [];
  for (const [name, message] of Object.entries(error.fields)) {
    const attribute = /^fields\.\d+\.(\w+)/.exec(name)?.[1];
    if (attribute === "label" || attribute === "key" || attribute === "type" || attribute === "options" || attribute === "placeholder") {
      byField[attribute] ??= message;
    } else {
      other.push(message);
    }
  }
  const none = Object.keys(byField).length === 0 && other.length === 0;
  return { byField, other: other.length ? other.join(" ") : none ? error.message : null };
}

/** What a field's type adds in the list: its options, or nothing. */
export function fieldSummary(field: FieldDefinition): string {
  return TYPES_WITH_OPTIONS.includes(field.type) ? field.options.join(", ") : "";
}
