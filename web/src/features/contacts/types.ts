// The contacts API's shapes: contacts (people), companies (the organisations they belong to), and the
// leads each one has.

import type { ListQueryOf, Schemas } from "../../api/contract";

/** A person. `consent`, `address` and `custom_fields` are open objects: read them through read.ts. */
export type Contact = Schemas["Contact"];
/** A contact with its leads, newest first. */
export type ContactDetail = Schemas["ContactDetail"];
export type ContactCreate = Schemas["ContactCreate"];
export type ContactUpdate = Schemas["ContactUpdate"];
/** The contact fields a person edits: what a new contact and a change share. */
export type ContactFields = Omit<ContactUpdate, "version">;
/** One of a contact's (or a company's) leads. */
export type ContactLead = Schemas["ContactLead"];
export type ContactPage = Schemas["ContactPage"];
export type ContactRole = Contact["role"];
/** GET /contacts without the paging. */
export type ContactListQuery = ListQueryOf<"/contacts">;

export type Company = Schemas["Company"];
/** A company with its contacts (by name) and their leads (newest first). */
export type CompanyDetail = Schemas["CompanyDetail"];
export type CompanyCreate = Schemas["CompanyCreate"];
export type CompanyUpdate = Schemas["CompanyUpdate"];
export type CompanyFields = Omit<CompanyUpdate, "version">;
export type CompanyPage = Schemas["CompanyPage"];
/** GET /companies without the paging. */
export type CompanyListQuery = ListQueryOf<"/companies">;

export type Address = Schemas["Address"];
export type Consent = Schemas["Consent"];
export type ConsentSignal = keyof Consent;
export type ConsentChoice = NonNullable<Consent[ConsentSignal]>;

/** The roles, in the order a person picks from them. */
export const CONTACT_ROLES = ["Lead", "Prospect", "Client"] as const satisfies readonly ContactRole[];

/** The consent signals, in the order forms and pages show them. */
export const CONSENT_SIGNALS = [
  "ad_user_data",
  "ad_personalization",
  "email_marketing",
  "sms_marketing",
] as const satisfies readonly ConsentSignal[];

export const CONSENT_CHOICES = ["unspecified", "granted", "denied"] as const satisfies readonly ConsentChoice[];

export const ADDRESS_KEYS = ["line1", "line2", "city", "region", "postal_code", "country"] as const satisfies readonly (keyof Address)[];
