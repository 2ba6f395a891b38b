// What a merge page compares: each field a person chooses between the two records (whose value the
// survivor keeps), what both keep anyway (emails, phones, tags), and the request the choices become.

import { sourceLabel } from "../../../lib/format";
import { CONSENT_CHOICE_LABELS, CONSENT_LABELS } from "../labels";
import { addressLines, readAddress, readConsent } from "../read";
import { CONSENT_SIGNALS, type Company, type Contact } from "../types";
import type { CompanyMerge, ContactMerge, MergeSide } from "./types";

/** The contact fields a merge chooses, in the order the page shows them. */
export const CONTACT_MERGE_FIELDS = [
  "first_name",
  "last_name",
  "email",
  "phone",
  "country",
  "company_id",
  "role",
  "owner_id",
  "source",
  "address",
  "website",
  "time_zone",
  "consent",
] as const;
export type ContactMergeField = (typeof CONTACT_MERGE_FIELDS)[number];

export const COMPANY_MERGE_FIELDS = ["name", "domain", "phone", "website", "address", "owner_id"] as const;
export type CompanyMergeField = (typeof COMPANY_MERGE_FIELDS)[number];

export const CONTACT_FIELD_LABELS: Record<ContactMergeField, string> = {
  first_name: "First name",
  last_name: "Last name",
  email: "Primary email",
  phone: "Primary phone",
  country: "Country",
  company_id: "Company",
  role: "Role",
  owner_id: "Owner",
  source: "Source",
  address: "Address",
  website: "Website",
  time_zone: "Time zone",
  consent: "Consent",
};

export const COMPANY_FIELD_LABELS: Record<CompanyMergeField, string> = {
  name: "Name",
  domain: "Domain",
  phone: "Phone",
  website: "Website",
  address: "Address",
  owner_id: "Owner",
};

/** One record's value of a field: `key` compares it (empty for none), `text` shows it. */
export interface FieldValue {
  key: string;
  text: string;
}

/** A field of both records. */
export interface MergeRow<F extends string> {
  field: F;
  label: string;
  survivor: FieldValue;
  duplicate: FieldValue;
}

const NONE: FieldValue = { key: "", text: "" };

function plainValue(value: string | null | undefined, text: (value: string) => string = (shown) => shown): FieldValue {
  return value ? { key: value, text: text(value) } : NONE;
}

function addressValue(raw: Readonly<Record<string, unknown>>): FieldValue {
  const address = readAddress(raw);
  const lines = addressLines(address);
  return lines.length ? { key: JSON.stringify(address), text: lines.join(", ") } : NONE;
}

function consentValue(raw: Readonly<Record<string, unknown>>): FieldValue {
  const consent = readConsent(raw);
  const given = CONSENT_SIGNALS.filter((signal) => consent[signal] !== "unspecified");
  if (given.length === 0) return NONE;
  return {
    key: JSON.stringify(consent),
    text: given.map((signal) => `${CONSENT_LABELS[signal]}: ${CONSENT_CHOICE_LABELS[consent[signal]]}`).join(", "),
  };
}

/** How owners read (a user's name by id). */
export interface MergeNames {
  owner: (userId: string) => string;
}

export function contactFieldValue(contact: Contact, field: ContactMergeField, names: MergeNames): FieldValue {
  switch (field) {
    case "company_id":
      return contact.company_id ? { key: contact.company_id, text: contact.company_name || "Unnamed company" } : NONE;
    case "owner_id":
      return plainValue(contact.owner_id, names.owner);
    case "source":
      return plainValue(contact.source, sourceLabel);
    case "address":
      return addressValue(contact.address);
    case "consent":
      return consentValue(contact.consent);
    default:
      return plainValue(contact[field]);
  }
}

export function companyFieldValue(company: Company, field: CompanyMergeField, names: MergeNames): FieldValue {
  if (field === "owner_id") return plainValue(company.owner_id, names.owner);
  if (field === "address") return addressValue(company.address);
  return plainValue(company[field]);
}

export function contactMergeRows(survivor: Contact, duplicate: Contact, names: MergeNames): MergeRow<ContactMergeField>[] {
  return CONTACT_MERGE_FIELDS.map((field) => ({
    field,
    label: CONTACT_FIELD_LABELS[field],
    survivor: contactFieldValue(survivor, field, names),
    duplicate: contactFieldValue(duplicate, field, names),
  }));
}

export function companyMergeRows(survivor: Company, duplicate: Company, names: MergeNames): MergeRow<CompanyMergeField>[] {
  return COMPANY_MERGE_FIELDS.map((field) => ({
    field,
    label: COMPANY_FIELD_LABELS[field],
    survivor: companyFieldValue(survivor, field, names),
    duplicate: companyFieldValue(duplicate, field, names),
  }));
}

/** Both records hold the same value: there is nothing to choose. */
export function sameValue<F extends string>(row: MergeRow<F>): boolean {
  return row.survivor.key === row.duplicate.key;
}

/** Whose value each field keeps unless the person chooses: the survivor's, or the duplicate's where the survivor has none. */
export function defaultChoices<F extends string>(rows: readonly MergeRow<F>[]): Record<F, MergeSide> {
  const choices = {} as Record<F, MergeSide>;
  for (const row of rows) choices[row.field] = !row.survivor.key && row.duplicate.key ? "duplicate" : "survivor";
  return choices;
}

/** Each value once, in order, leaving out the empty ones. */
export function unionOf(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => Boolean(value)))];
}

/** The emails, phones and tags the survivor holds after the merge: every one of both. */
export function keptFromBoth(survivor: Contact, duplicate: Contact): { emails: string[]; phones: string[]; tags: string[] } {
  return {
    emails: unionOf([survivor.email, ...survivor.emails, duplicate.email, ...duplicate.emails]),
    phones: unionOf([survivor.phone, ...survivor.phones, duplicate.phone, ...duplicate.phones]),
    tags: unionOf([...survivor.tags, ...duplicate.tags]),
  };
}

interface Versioned {
  id: string;
  version: number;
}

/** The merge request: every field's choice said outright, at the versions the page showed. */
export function mergeBody<F extends string>(survivor: Versioned, duplicate: Versioned, choices: Record<F, MergeSide>): ContactMerge & CompanyMerge {
  return {
    survivor_id: survivor.id,
    duplicate_id: duplicate.id,
    survivor_version: survivor.version,
    duplicate_version: duplicate.version,
    fields: { ...choices },
  };
}
