// How a pair of possible duplicates reads: what the two share, and where merging them starts.

import type { Contact } from "../types";
import type { DuplicatePair, DuplicateReason } from "./types";

export const REASON_LABELS: Record<DuplicateReason, string> = { email: "Same email", phone: "Same phone" };

function digits(phone: string): string {
  return phone.replace(/\D/g, "");
}

function emailsOf(contact: Contact): string[] {
  return [contact.email, ...contact.emails].filter((email): email is string => Boolean(email));
}

function phonesOf(contact: Contact): string[] {
  return [contact.phone, ...contact.phones].filter((phone): phone is string => Boolean(phone));
}

/** The emails (or phones, by their digits) both contacts have, as the first one writes them. */
export function sharedValues(pair: DuplicatePair): string[] {
  const [first, second] = pair.contacts;
  if (!first || !second) return [];
  if (pair.reason === "email") {
    const theirs = new Set(emailsOf(second).map((email) => email.toLowerCase()));
    return emailsOf(first).filter((email) => theirs.has(email.toLowerCase()));
  }
  const theirs = new Set(phonesOf(second).map(digits));
  return phonesOf(first).filter((phone) => theirs.has(digits(phone)));
}

/** The merge page for the pair: the older contact stays, the newer one is merged into it. */
export function mergePath(pair: DuplicatePair): string | null {
  const [older, newer] = pair.contacts;
  if (!older || !newer) return null;
  return `/contacts/merge?${new URLSearchParams({ survivor: older.contact_id, duplicate: newer.contact_id })}`;
}
