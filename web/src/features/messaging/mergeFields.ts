// The merge fields a template can use, as the picker offers them (convertly/messaging/render.py
// names the built-in ones; custom fields and custom values come from the account's settings), and a
// placeholder put into a text at the cursor.

import type { CustomValue, FieldDefinition } from "../fields/types";

export interface MergeField {
  /** What the template holds: `{{contact.first_name}}`. */
  placeholder: string;
  label: string;
}

export interface MergeFieldGroup {
  label: string;
  fields: MergeField[];
}

type Named = readonly (readonly [key: string, label: string])[];

const CONTACT: Named = [
  ["first_name", "First name"],
  ["last_name", "Last name"],
  ["name", "Full name"],
  ["email", "Email"],
  ["phone", "Phone"],
  ["role", "Role"],
  ["company_name", "Company name"],
];

const LEAD: Named = [
  ["name", "Lead name"],
  ["value", "Value"],
  ["currency", "Currency"],
  ["source", "Source"],
  ["stage", "Stage"],
  ["pipeline", "Pipeline"],
  ["utm_campaign", "UTM campaign"],
  ["utm_source", "UTM source"],
];

const OWNER: Named = [
  ["name", "Full name"],
  ["first_name", "First name"],
  ["email", "Email"],
];

export const placeholderFor = (path: string) => `{{${path}}}`;

function named(record: string, fields: Named): MergeField[] {
  return fields.map(([key, label]) => ({ placeholder: placeholderFor(`${record}.${key}`), label }));
}

function custom(record: string, definitions: readonly FieldDefinition[]): MergeField[] {
  return definitions.map((definition) => ({ placeholder: placeholderFor(`${record}.custom.${definition.key}`), label: definition.label }));
}

/** Every merge field by group, the custom ones in their definitions' order; a group with none is left out. */
export function mergeFieldGroups(sources: {
  contactFields: readonly FieldDefinition[];
  leadFields: readonly FieldDefinition[];
  customValues: readonly CustomValue[];
}): MergeFieldGroup[] {
  const groups: MergeFieldGroup[] = [
    { label: "Contact", fields: named("contact", CONTACT) },
    { label: "Contact custom fields", fields: custom("contact", sources.contactFields) },
    { label: "Lead", fields: named("lead", LEAD) },
    { label: "Lead custom fields", fields: custom("lead", sources.leadFields) },
    { label: "Owner (of the lead, else of the contact)", fields: named("owner", OWNER) },
    { label: "Custom values", fields: sources.customValues.map((value) => ({ placeholder: value.placeholder, label: value.name })) },
  ];
  return groups.filter((group) => group.fields.length > 0);
}

export interface Inserted {
  text: string;
  /** Where the cursor goes: just after what was put in. */
  caret: number;
}

/**
 * `insert` put into `text` in place of the selection from `start` to `end` (the cursor when they are
 * equal); without a known cursor it goes at the end.
 */
export function insertAt(text: string, insert: string, start: number | null, end: number | null = start): Inserted {
  const from = clamp(start ?? text.length, text.length);
  const to = Math.max(from, clamp(end ?? from, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), caret: from + insert.length };
}

function clamp(position: number, length: number): number {
  return Math.min(Math.max(0, position), length);
}
