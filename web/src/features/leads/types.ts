// The leads API's shapes: leads, their notes and stage history, and where they came from.

import type { QueryOf, Schemas } from "../../api/contract";

export type LeadSource = Schemas["LeadSource"];
/** Where a lead came from: click ids, UTM parameters, landing page, referrer; a form adds who, when, consent and form. */
export type Attribution = Schemas["Attribution"];
/** A lead's attribution as a form submission records it (the same shape: a form fills in more of it). */
export type TouchAttribution = Attribution;
export type AdConsent = Schemas["AdConsent"];
export type AdConsentSignal = keyof AdConsent;
export type ConsentValue = NonNullable<AdConsent[AdConsentSignal]>;

/** The lead list's orders: GET /leads `sort` and `order`. */
export type LeadSort = NonNullable<QueryOf<"/leads">["sort"]>;
export type SortOrder = NonNullable<QueryOf<"/leads">["order"]>;

export type LeadCreate = Schemas["LeadCreate"];
export type LeadUpdate = Schemas["LeadUpdate"];
/** The lead fields a person edits: what a new lead and a change share. */
export type LeadFields = Omit<LeadUpdate, "version">;
export type NoteCreate = Schemas["NoteCreate"];
export type NoteUpdate = Schemas["NoteUpdate"];

/** The sources a person picks from, in the order the form lists them. */
export const LEAD_SOURCES = [
  "google_ads",
  "meta_ads",
  "microsoft_ads",
  "tiktok_ads",
  "linkedin_ads",
  "organic_search",
  "social",
  "referral",
  "email",
  "direct",
  "form",
  "manual",
  "import",
  "other",
] as const satisfies readonly LeadSource[];

/** A lead. The document gives `attribution` (the first touch), `last_touch` (the most recent form
 * submission's attribution) and `custom_fields` as open objects; an attribution is read through
 * `readAttribution` (`attribution.ts`). */
export type Lead = Schemas["Lead"];
export type Note = Schemas["Note"];
export type StageHistoryEntry = Schemas["StageHistoryEntry"];
/** A form submission that reached the lead. */
export type Touch = Schemas["Touch"];
/** A lead with its notes, stage history and the form submissions that reached it (newest first). */
export type LeadDetail = Schemas["LeadDetail"];
export type LeadPage = Schemas["LeadPage"];
