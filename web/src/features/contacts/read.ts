// The open objects of the contacts API read as the document names them, never cast: a contact's
// consent, address and custom fields, and the contact a lead's page gets (LeadDetail.contact).

import {
  ADDRESS_KEYS,
  CONSENT_CHOICES,
  CONTACT_ROLES,
  type Address,
  type ConsentChoice,
  type ConsentSignal,
  type ContactRole,
} from "./types";

type Raw = Readonly<Record<string, unknown>> | null | undefined;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function isChoice(value: unknown): value is ConsentChoice {
  return CONSENT_CHOICES.some((choice) => choice === value);
}

/** Every consent signal with its choice; one the contact never gave is "unspecified". */
export type ConsentChoices = Record<ConsentSignal, ConsentChoice>;

export function readConsent(raw: Raw): ConsentChoices {
  const consent = isRecord(raw) ? raw : {};
  const choice = (signal: ConsentSignal): ConsentChoice => {
    const value = consent[signal];
    return isChoice(value) ? value : "unspecified";
  };
  return {
    ad_user_data: choice("ad_user_data"),
    ad_personalization: choice("ad_personalization"),
    email_marketing: choice("email_marketing"),
    sms_marketing: choice("sms_marketing"),
  };
}

export function readAddress(raw: Raw): Address {
  const address: Address = {};
  if (!isRecord(raw)) return address;
  for (const key of ADDRESS_KEYS) {
    const value = textOf(raw[key]);
    if (value) address[key] = value;
  }
  return address;
}

/** The address as lines to show: street, the town line, the country. */
export function addressLines(address: Address): string[] {
  const town = [address.postal_code, address.city, address.region].filter(Boolean).join(" ");
  return [address.line1, address.line2, town, address.country].filter((line): line is string => Boolean(line));
}

/** What a lead's page shows of its contact. */
export interface LeadContact {
  contact_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company_id: string | null;
  company_name: string | null;
  role: ContactRole | null;
}

/** LeadDetail.contact (an open object, null for a lead without a contact) read for the lead's page. */
export function readLeadContact(raw: Raw): LeadContact | null {
  if (!isRecord(raw)) return null;
  const contactId = textOf(raw.contact_id);
  if (!contactId) return null;
  const role = CONTACT_ROLES.find((candidate) => candidate === raw.role) ?? null;
  const named = [textOf(raw.first_name), textOf(raw.last_name)].filter(Boolean).join(" ");
  return {
    contact_id: contactId,
    name: textOf(raw.name) ?? named,
    email: textOf(raw.email),
    phone: textOf(raw.phone),
    company_id: textOf(raw.company_id),
    company_name: textOf(raw.company_name),
    role,
  };
}
