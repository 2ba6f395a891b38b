// A timeline's changes in words, without React: each field's label with its old and new value
// ("Role: Lead → Client", "Tags: vip → vip, golf"), the records an id names as links, a lead's
// amounts as money, why a change happened when no one made it by hand, and an email sent to a contact
// (by a person or a workflow).

import type { Schemas } from "../../api/contract";
import { formatHundredths, sourceLabel } from "../../lib/format";
import type { FieldDefinition } from "../fields/types";
import { customValueText, plainText } from "./customFieldValues";
import { CONSENT_CHOICE_LABELS, CONSENT_LABELS } from "./labels";
import { addressLines, readAddress, readConsent } from "./read";
import { CONSENT_SIGNALS } from "./types";

/** One field's old and new value; a lead timeline's are open objects, read with `readChanges`. */
export type FieldChange = Schemas["FieldChange"];
/** One entry of a contact's or a company's change log. */
export type ChangeEntry = Schemas["ChangeEntry"];
export type ChangeKind = ChangeEntry["kind"];
export type RecordTimeline = Schemas["RecordTimeline"];

/** A value as shown: its text, and the page it opens when it names a record. */
export interface ValuePart {
  text: string;
  to?: string;
}

export interface ChangeLine {
  key: string;
  label: string;
  from: ValuePart;
  to: ValuePart;
}

/** What turns ids into names, and how a record's amounts and custom fields read. */
export interface ChangeContext {
  userName: (userId: string) => string;
  companyName?: (companyId: string) => string | null;
  contactName?: (contactId: string) => string | null;
  customFields?: readonly FieldDefinition[];
  /** A lead's `value` is in minor units (cents) of its currency. */
  currency?: string;
}

const FIELD_LABELS: Record<string, string> = {
  first_name: "First name",
  last_name: "Last name",
  name: "Name",
  email: "Email",
  emails: "Other emails",
  phone: "Phone",
  phones: "Other phones",
  country: "Country",
  company: "Company",
  company_id: "Company",
  company_name: "Company name",
  contact_id: "Contact",
  primary_contact_id: "Primary contact",
  role: "Role",
  owner_id: "Owner",
  tags: "Tags",
  consent: "Consent",
  address: "Address",
  website: "Website",
  time_zone: "Time zone",
  active: "Active",
  test: "Test contact",
  domain: "Domain",
  value: "Value",
  currency: "Currency",
  source: "Source",
  custom_fields: "Custom fields",
};

/** A field's label: the known ones by name, any other from its key ("next_step" → "Next step"). */
export function fieldLabel(field: string): string {
  const known = FIELD_LABELS[field];
  if (known) return known;
  const words = field.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const text = (value: string): ValuePart => ({ text: value });
const NONE = text("—");

function link(id: unknown, name: string | null | undefined, path: string, fallback: string): ValuePart {
  if (typeof id !== "string" || !id) return NONE;
  return { text: name || fallback, to: `${path}/${encodeURIComponent(id)}` };
}

function consentText(value: unknown): string {
  if (!isRecord(value)) return plainText(value);
  const consent = readConsent(value);
  const given = CONSENT_SIGNALS.filter((signal) => consent[signal] !== "unspecified");
  return given.length ? given.map((signal) => `${CONSENT_LABELS[signal]}: ${CONSENT_CHOICE_LABELS[consent[signal]]}`).join(", ") : "—";
}

function addressText(value: unknown): string {
  if (!isRecord(value)) return plainText(value);
  const lines = addressLines(readAddress(value));
  return lines.length ? lines.join(", ") : "—";
}

function moneyText(value: unknown, currency: string): string {
  return typeof value === "number" ? formatHundredths(value, currency) : plainText(value);
}

const asText = (format: (text: string) => string) => (value: unknown) => (typeof value === "string" ? format(value) : plainText(value));

type Formatter = (value: unknown, context: ChangeContext, currency: string | undefined) => ValuePart;

/** The fields whose values read otherwise than plain text: ids as names, codes as words, maps in words. */
const FORMATTERS: Record<string, Formatter> = {
  owner_id: (value, context) => text(asText(context.userName)(value)),
  company_id: (value, context) => link(value, typeof value === "string" ? context.companyName?.(value) : null, "/companies", "a company"),
  contact_id: (value, context) => link(value, typeof value === "string" ? context.contactName?.(value) : null, "/contacts", "a contact"),
  primary_contact_id: (value, context) =>
    link(value, typeof value === "string" ? context.contactName?.(value) : null, "/contacts", "a contact"),
  value: (value, _, currency) => text(currency ? moneyText(value, currency) : plainText(value)),
  source: (value) => text(asText(sourceLabel)(value)),
  consent: (value) => text(consentText(value)),
  address: (value) => text(addressText(value)),
  time_zone: (value) => text(asText((zone) => zone.replace(/_/g, " "))(value)),
};

/** One value of `field` as the reader should see it. */
function valuePart(field: string, value: unknown, context: ChangeContext, currency: string | undefined): ValuePart {
  if (value === null || value === undefined || value === "") return field === "owner_id" ? text("Unassigned") : NONE;
  const format = FORMATTERS[field];
  return format ? format(value, context, currency) : text(plainText(value));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** A change of the custom fields map: one line per field whose value changed, labelled by its definition. */
function customFieldLines(change: FieldChange, context: ChangeContext): ChangeLine[] {
  const before = isRecord(change.old) ? change.old : {};
  const after = isRecord(change.new) ? change.new : {};
  const definitions = context.customFields ?? [];
  const defined = definitions.map((definition) => definition.key);
  const others = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => !defined.includes(key))
    .sort((a, b) => a.localeCompare(b));
  return [...defined, ...others]
    .filter((key) => !same(before[key], after[key]))
    .map((key) => {
      const definition = definitions.find((candidate) => candidate.key === key);
      return {
        key: `custom_fields.${key}`,
        label: definition?.label ?? key,
        from: text(customValueText(definition, before[key])),
        to: text(customValueText(definition, after[key])),
      };
    });
}

/** The changes of one entry as lines, in the entry's order; a lead's value in its currency at the time. */
export function changeLines(changes: readonly FieldChange[], context: ChangeContext): ChangeLine[] {
  const currencyChange = changes.find((change) => change.field === "currency");
  const currencyOf = (side: "old" | "new") => {
    const changed = currencyChange?.[side];
    return typeof changed === "string" && changed ? changed : context.currency;
  };
  return changes.flatMap((change) => {
    if (change.field === "custom_fields") return customFieldLines(change, context);
    return [
      {
        key: change.field,
        label: fieldLabel(change.field),
        from: valuePart(change.field, change.old, context, currencyOf("old")),
        to: valuePart(change.field, change.new, context, currencyOf("new")),
      },
    ];
  });
}

/** A lead timeline entry's `changes` (open objects) read as field changes; anything without a field name is left out. */
export function readChanges(raw: readonly Readonly<Record<string, unknown>>[] | null | undefined): FieldChange[] {
  return (raw ?? []).flatMap((item) => (typeof item.field === "string" ? [{ field: item.field, old: item.old, new: item.new }] : []));
}

/** Why a change happened, when no one made it by hand. */
export type Cause =
  | { kind: "made_with_lead"; leadId: string }
  | { kind: "lead_won"; leadId: string }
  | { kind: "merged_in"; recordId: string | null; name: string }
  | { kind: "merged_into"; recordId: string | null; name: string };

function idOf(value: unknown): string | null {
  return typeof value === "string" && value ? value : null;
}

export function readCause(raw: Readonly<Record<string, unknown>> | null | undefined): Cause | null {
  if (!raw) return null;
  const leadId = idOf(raw.lead_id);
  const name = typeof raw.name === "string" ? raw.name : "";
  if (leadId && raw.reason === "lead_won") return { kind: "lead_won", leadId };
  if ("into" in raw) return { kind: "merged_into", recordId: idOf(raw.into), name };
  if ("merged" in raw) return { kind: "merged_in", recordId: idOf(raw.merged), name };
  if (leadId) return { kind: "made_with_lead", leadId };
  return null;
}

/** An email sent to the contact (an "emailed" entry): by a person, from a template or written there, or by a workflow's step. */
export interface Emailed {
  subject: string;
  to: string;
  templateId: string | null;
  /** The workflow that sent it, by name; null when a person did. */
  workflow: string | null;
}

export function readEmailed(raw: Readonly<Record<string, unknown>> | null | undefined): Emailed {
  const textOf = (value: unknown) => (typeof value === "string" ? value : "");
  return {
    subject: textOf(raw?.subject),
    to: textOf(raw?.to),
    templateId: idOf(raw?.template_id),
    workflow: idOf(raw?.workflow),
  };
}

/** "Emailed “Welcome, Ada” to ada@example.com" */
export function emailedTitle(emailed: Emailed): string {
  const subject = emailed.subject ? `“${emailed.subject}”` : "a message without a subject";
  return emailed.to ? `Emailed ${subject} to ${emailed.to}` : `Emailed ${subject}`;
}

/** Who sent an email: the workflow by name, else the person. */
export function emailedBy(emailed: Emailed, actorName: string | null | undefined): string {
  return emailed.workflow ? `Workflow: ${emailed.workflow}` : actorPhrase(actorName);
}

const SYSTEM_ACTORS: Record<string, string> = {
  "A form": "a form",
  "An import": "an import",
  "Tag list": "the tag list",
};

/** Who made a change, to follow "by": a person's name, or what a system actor is called. */
export function actorPhrase(name: string | null | undefined): string {
  if (!name) return "someone";
  return SYSTEM_ACTORS[name] ?? name;
}
