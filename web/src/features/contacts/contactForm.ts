// The contact form's values (as its inputs hold them) and the request bodies they become; the
// company form's too. An edit sends only what changed, so it never overwrites a field someone else
// set meanwhile.

import { parseTags } from "../leads/leadForm";
import { readAddress, readConsent, type ConsentChoices } from "./read";
import {
  ADDRESS_KEYS,
  CONSENT_SIGNALS,
  type Address,
  type Company,
  type CompanyFields,
  type Contact,
  type ContactFields,
  type ContactRole,
} from "./types";

export type AddressKey = (typeof ADDRESS_KEYS)[number];
export type AddressValues = Record<AddressKey, string>;

/** The company a contact works for, as the company picker holds it. */
export interface PickedCompany {
  company_id: string;
  name: string;
}

export interface ContactFormValues {
  first_name: string;
  last_name: string;
  email: string;
  /** Other emails, separated by commas or new lines. */
  emails: string;
  phone: string;
  /** Other phones, separated by commas or new lines. */
  phones: string;
  country: string;
  company: PickedCompany | null;
  role: ContactRole;
  owner_id: string;
  tags: string;
  address: AddressValues;
  website: string;
  time_zone: string;
  active: boolean;
  test: boolean;
  consent: ConsentChoices;
}

const TEXT_KEYS = ["email", "phone", "country", "owner_id", "website", "time_zone"] as const;

/** The API's field names the form has an input for; a nested one (`address.city`) sits with its input. */
export const CONTACT_FORM_FIELDS = [
  "first_name",
  "last_name",
  "email",
  "emails",
  "phone",
  "phones",
  "country",
  "company_id",
  "role",
  "owner_id",
  "tags",
  ...ADDRESS_KEYS.map((key) => `address.${key}`),
  "address",
  "website",
  "time_zone",
  "active",
  "test",
  ...CONSENT_SIGNALS.map((signal) => `consent.${signal}`),
  "consent",
];

function emptyAddress(): AddressValues {
  return { line1: "", line2: "", city: "", region: "", postal_code: "", country: "" };
}

export function emptyContactForm(company: PickedCompany | null = null): ContactFormValues {
  return {
    first_name: "",
    last_name: "",
    email: "",
    emails: "",
    phone: "",
    phones: "",
    country: "",
    company,
    role: "Lead",
    owner_id: "",
    tags: "",
    address: emptyAddress(),
    website: "",
    time_zone: "",
    active: true,
    test: false,
    consent: readConsent(null),
  };
}

function addressValues(address: Address): AddressValues {
  const values = emptyAddress();
  for (const key of ADDRESS_KEYS) values[key] = address[key] ?? "";
  return values;
}

export function contactToForm(contact: Contact): ContactFormValues {
  return {
    first_name: contact.first_name,
    last_name: contact.last_name,
    email: contact.email ?? "",
    emails: contact.emails.join("\n"),
    phone: contact.phone ?? "",
    phones: contact.phones.join("\n"),
    country: contact.country ?? "",
    company: contact.company_id ? { company_id: contact.company_id, name: contact.company_name ?? "" } : null,
    role: contact.role,
    owner_id: contact.owner_id ?? "",
    tags: contact.tags.join(", "),
    address: addressValues(readAddress(contact.address)),
    website: contact.website ?? "",
    time_zone: contact.time_zone ?? "",
    active: contact.active,
    test: contact.test,
    consent: readConsent(contact.consent),
  };
}

/** A list typed one per line or separated by commas or semicolons: trimmed, no blanks, no repeats. */
export function parseList(text: string): string[] {
  const items = text
    .split(/[,;\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
  return [...new Set(items)];
}

function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed ? trimmed : null;
}

/** The address to send: its filled-in parts, or null for none. */
export function addressBody(values: AddressValues): Address | null {
  const address: Address = {};
  for (const key of ADDRESS_KEYS) {
    const value = orNull(values[key]);
    if (value !== null) address[key] = value;
  }
  return Object.keys(address).length ? address : null;
}

const sameList = (a: string[], b: string[]) => a.join("\u0000") === b.join("\u0000");
const sameAddress = (a: AddressValues, b: AddressValues) => ADDRESS_KEYS.every((key) => a[key].trim() === b[key].trim());
const sameConsent = (a: ConsentChoices, b: ConsentChoices) => CONSENT_SIGNALS.every((signal) => a[signal] === b[signal]);

/** The fields of a new contact; empty inputs are left out. */
export function contactCreateBody(values: ContactFormValues): ContactFields {
  const body: ContactFields = { role: values.role, active: values.active, test: values.test };
  for (const key of ["first_name", "last_name", ...TEXT_KEYS] as const) {
    const value = orNull(values[key]);
    if (value !== null) body[key] = value;
  }
  for (const key of ["emails", "phones", "tags"] as const) {
    const list = key === "tags" ? parseTags(values.tags) : parseList(values[key]);
    if (list.length) body[key] = list;
  }
  if (values.company) body.company_id = values.company.company_id;
  const address = addressBody(values.address);
  if (address) body.address = address;
  if (!sameConsent(values.consent, readConsent(null))) body.consent = { ...values.consent };
  return body;
}

function textChanges(before: ContactFormValues, after: ContactFormValues): ContactFields {
  const changes: ContactFields = {};
  for (const key of ["first_name", "last_name"] as const) {
    if (after[key].trim() !== before[key].trim()) changes[key] = after[key].trim();
  }
  for (const key of TEXT_KEYS) {
    if (after[key].trim() !== before[key].trim()) changes[key] = orNull(after[key]);
  }
  return changes;
}

function listChanges(before: ContactFormValues, after: ContactFormValues): ContactFields {
  const changes: ContactFields = {};
  for (const key of ["emails", "phones"] as const) {
    if (!sameList(parseList(before[key]), parseList(after[key]))) changes[key] = parseList(after[key]);
  }
  if (!sameList(parseTags(before.tags), parseTags(after.tags))) changes.tags = parseTags(after.tags);
  return changes;
}

function choiceChanges(before: ContactFormValues, after: ContactFormValues): ContactFields {
  const changes: ContactFields = {};
  const companyBefore = before.company?.company_id ?? null;
  const companyAfter = after.company?.company_id ?? null;
  if (companyAfter !== companyBefore) changes.company_id = companyAfter;
  if (after.role !== before.role) changes.role = after.role;
  if (after.active !== before.active) changes.active = after.active;
  if (after.test !== before.test) changes.test = after.test;
  if (!sameAddress(before.address, after.address)) changes.address = addressBody(after.address);
  if (!sameConsent(before.consent, after.consent)) changes.consent = { ...after.consent };
  return changes;
}

/** Only what the editor changed. */
export function changedContactFields(before: ContactFormValues, after: ContactFormValues): ContactFields {
  return { ...textChanges(before, after), ...listChanges(before, after), ...choiceChanges(before, after) };
}

export interface CompanyFormValues {
  name: string;
  domain: string;
  phone: string;
  website: string;
  owner_id: string;
  tags: string;
  address: AddressValues;
}

export const COMPANY_FORM_FIELDS = [
  "name",
  "domain",
  "phone",
  "website",
  "owner_id",
  "tags",
  ...ADDRESS_KEYS.map((key) => `address.${key}`),
  "address",
];

const COMPANY_TEXT_KEYS = ["domain", "phone", "website", "owner_id"] as const;

export function emptyCompanyForm(): CompanyFormValues {
  return { name: "", domain: "", phone: "", website: "", owner_id: "", tags: "", address: emptyAddress() };
}

export function companyToForm(company: Company): CompanyFormValues {
  return {
    name: company.name,
    domain: company.domain ?? "",
    phone: company.phone ?? "",
    website: company.website ?? "",
    owner_id: company.owner_id ?? "",
    tags: company.tags.join(", "),
    address: addressValues(readAddress(company.address)),
  };
}

export function companyCreateBody(values: CompanyFormValues): CompanyFields & { name: string } {
  const body: CompanyFields & { name: string } = { name: values.name.trim() };
  for (const key of COMPANY_TEXT_KEYS) {
    const value = orNull(values[key]);
    if (value !== null) body[key] = value;
  }
  const tags = parseTags(values.tags);
  if (tags.length) body.tags = tags;
  const address = addressBody(values.address);
  if (address) body.address = address;
  return body;
}

export function changedCompanyFields(before: CompanyFormValues, after: CompanyFormValues): CompanyFields {
  const changes: CompanyFields = {};
  if (after.name.trim() !== before.name.trim()) changes.name = after.name.trim();
  for (const key of COMPANY_TEXT_KEYS) {
    if (after[key].trim() !== before[key].trim()) changes[key] = orNull(after[key]);
  }
  if (!sameList(parseTags(before.tags), parseTags(after.tags))) changes.tags = parseTags(after.tags);
  if (!sameAddress(before.address, after.address)) changes.address = addressBody(after.address);
  return changes;
}
