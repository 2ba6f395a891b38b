// How contact values read on screen.

import type { ConsentChoice, ConsentSignal } from "./types";

export const CONSENT_LABELS: Record<ConsentSignal, string> = {
  ad_user_data: "Ad user data",
  ad_personalization: "Ad personalisation",
  email_marketing: "Email marketing",
  sms_marketing: "SMS marketing",
};

export const CONSENT_CHOICE_LABELS: Record<ConsentChoice, string> = {
  unspecified: "Not asked",
  granted: "Granted",
  denied: "Denied",
};

/** A contact's name as lists show it; the API names a contact by its email or phone when it has no name. */
export function contactName(contact: { name: string }): string {
  return contact.name || "Unnamed contact";
}

/** A website as typed (`example.com`) opens as a web address, never as a path of this app or a script. */
export function websiteHref(website: string): string {
  return /^https?:\/\//i.test(website) ? website : `https://${website}`;
}
