// The lead form's values (strings, as inputs hold them) and the request body they become.

import type { CustomValues } from "../contacts/customFieldValues";
import type { Lead, LeadCreate, LeadFields, LeadSource } from "./types";

export interface LeadFormValues {
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  country: string;
  company: string;
  value: string;
  currency: string;
  close_date: string;
  source: string;
  owner_id: string;
  tags: string;
  stage_id: string;
}

export const LEAD_FORM_FIELDS = [
  "first_name",
  "last_name",
  "email",
  "phone",
  "country",
  "company",
  "value",
  "currency",
  "close_date",
  "source",
  "owner_id",
  "tags",
  "stage_id",
] as const satisfies readonly (keyof LeadFormValues)[];

export function emptyLeadForm(currency = "USD"): LeadFormValues {
  return {
    first_name: "",
    last_name: "",
    email: "",
    phone: "",
    country: "",
    company: "",
    value: "",
    currency,
    close_date: "",
    source: "manual",
    owner_id: "",
    tags: "",
    stage_id: "",
  };
}

export function leadToForm(lead: Lead): LeadFormValues {
  return {
    first_name: lead.first_name,
    last_name: lead.last_name,
    email: lead.email ?? "",
    phone: lead.phone ?? "",
    country: lead.country ?? "",
    company: lead.company ?? "",
    value: lead.value ? String(lead.value) : "",
    currency: lead.currency,
    close_date: lead.close_date ?? "",
    source: lead.source,
    owner_id: lead.owner_id ?? "",
    tags: lead.tags.join(", "),
    stage_id: lead.stage_id,
  };
}

export function parseTags(text: string): string[] {
  const tags = text
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
  return [...new Set(tags)];
}

function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed ? trimmed : null;
}

/** The source select offers LEAD_SOURCES only; a lead's other source is sent back as it is, for the API to judge. */
function sourceOf(text: string): LeadSource | null {
  return orNull(text) as LeadSource | null;
}

/** The fields of a new lead; empty inputs are left out. */
export function createBody(values: LeadFormValues): LeadFields & { stage_id?: string } {
  const body: LeadFields & { stage_id?: string } = {};
  for (const key of ["first_name", "last_name", "email", "phone", "country", "company", "currency", "owner_id"] as const) {
    const value = orNull(values[key]);
    if (value !== null) body[key] = value;
  }
  const source = sourceOf(values.source);
  if (source !== null) body.source = source;
  if (values.value.trim()) body.value = values.value.trim();
  if (values.close_date) body.close_date = values.close_date;
  const tags = parseTags(values.tags);
  if (tags.length) body.tags = tags;
  if (values.stage_id) body.stage_id = values.stage_id;
  return body;
}

/** The fields a lead takes from its contact; a lead for a picked contact sends none of them. */
export const PERSON_FIELDS = ["first_name", "last_name", "email", "phone", "country", "company"] as const satisfies readonly (keyof LeadFormValues)[];

/** A new lead for an existing contact: its `contact_id` and the deal, without the person fields. */
export function createBodyForContact(values: LeadFormValues, contactId: string): LeadCreate {
  const body: LeadCreate = { ...createBody(values), contact_id: contactId };
  for (const key of PERSON_FIELDS) delete body[key];
  return body;
}

/** Only what the editor changed, so a save never overwrites a field someone else set meanwhile. */
export function changedFields(before: LeadFormValues, after: LeadFormValues): LeadFields {
  const changes: LeadFields = {};
  for (const key of ["first_name", "last_name", "company"] as const) {
    if (after[key].trim() !== before[key].trim()) changes[key] = after[key].trim();
  }
  for (const key of ["email", "phone", "country", "owner_id", "currency"] as const) {
    if (after[key].trim() !== before[key].trim()) changes[key] = orNull(after[key]);
  }
  if (after.source.trim() !== before.source.trim()) changes.source = sourceOf(after.source);
  if (after.value.trim() !== before.value.trim()) changes.value = after.value.trim() || null;
  if (after.close_date !== before.close_date) changes.close_date = after.close_date || null;
  const tagsBefore = parseTags(before.tags);
  const tagsAfter = parseTags(after.tags);
  if (tagsBefore.join("\u0000") !== tagsAfter.join("\u0000")) changes.tags = tagsAfter;
  return changes;
}

/**
 * A lead's custom fields as the lead writes take them. The document gives a lead's values no list
 * (a contact's and a company's may hold one), so a multi-select's choices are sent as they are, for
 * the API to judge: its refusal shows next to the field.
 */
export function leadCustomFields(values: CustomValues): NonNullable<LeadFields["custom_fields"]> {
  return values as NonNullable<LeadFields["custom_fields"]>;
}
