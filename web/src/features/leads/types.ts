// The leads API's shapes: leads, their notes and stage history, and where they came from.

import type { Schemas } from "../../api/contract";

export type LeadSource = Schemas["LeadSource"];
/** Where a lead came from: click ids, UTM parameters, landing page, referrer; a form adds who, when, consent and form. */
export type Attribution = Schemas["Attribution"];
/** A lead's attribution as a form submission records it (the same shape: a form fills in more of it). */
export type TouchAttribution = Attribution;
export type AdConsent = Schemas["AdConsent"];
export type AdConsentSignal = keyof AdConsent;
export type ConsentValue = NonNullable<AdConsent[AdConsentSignal]>;

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

export interface Lead { // not yet in openapi.json
  lead_id: string;
  first_name: string;
  last_name: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  value: number;
  currency: string;
  owner_id: string | null;
  source: string;
  tags: string[];
  custom_fields: Record<string, string | number | boolean | null>;
  attribution: Attribution;
  pipeline_id: string;
  stage_id: string;
  stage_entered_at: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
  /** The most recent form submission's attribution (`attribution` is the first touch). */
  last_touch?: TouchAttribution;
  /** Form submissions that created or reached the lead. */
  touch_count?: number;
  /** Captured by a public form while the plan's monthly lead limit was reached. */
  over_limit?: boolean;
}

export interface Note { // not yet in openapi.json
  note_id: string;
  lead_id: string;
  body: string;
  author_id: string;
  author_name: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface StageHistoryEntry { // not yet in openapi.json
  history_id: string;
  from_stage_id: string | null;
  to_stage_id: string;
  changed_by: string;
  changed_at: string;
  seconds_in_previous: number | null;
}

/** A form submission that reached the lead. */
export interface Touch { // not yet in openapi.json
  submission_id: string;
  form_id: string;
  touched_at: string;
  attribution: TouchAttribution;
}

export interface LeadDetail extends Lead { // not yet in openapi.json
  notes: Note[];
  stage_history: StageHistoryEntry[];
  /** Form submissions that reached the lead, newest first. */
  touches?: Touch[];
}

export interface LeadPage { // not yet in openapi.json
  items: Lead[];
  next_cursor: string | null;
}
