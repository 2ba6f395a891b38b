// The capture API's shapes: lead capture forms, their fields and settings, and what they received.

import type { Schemas } from "../../api/contract";
import type { AdConsentSignal, ConsentValue, TouchAttribution } from "../leads/types";

export type FormFieldType = Schemas["FieldType"];
/** A field as the builder sends it (the API fills in what is left out). */
export type FormFieldInput = Schemas["FormField"];
export type FormAssignmentInput = Schemas["Assignment"];
export type CaptchaSettings = Schemas["CaptchaSettings"];
export type CaptchaProvider = CaptchaSettings["provider"];
export type AssignmentMode = NonNullable<FormAssignmentInput["mode"]>;
export type DuplicatePolicy = NonNullable<Schemas["FormCreate"]["duplicates"]>;
/** What the builder sends for a new form. */
export type FormSettingsInput = Schemas["FormCreate"];
export type FormUpdate = Schemas["FormUpdate"];

/** One input of a form; `maps_to` is a lead field or `custom:<key>`, null for a consent box. */
export interface FormFieldDefinition { // not yet in openapi.json
  name: string;
  type: FormFieldType;
  label: string;
  placeholder: string | null;
  required: boolean;
  options: string[];
  maps_to: string | null;
  default: string | null;
  consent_signals: AdConsentSignal[];
  max_length: number | null;
}

export interface FormAssignment { // not yet in openapi.json
  mode: AssignmentMode;
  user_id: string | null;
}

export interface CaptureForm { // not yet in openapi.json
  form_id: string;
  name: string;
  status: "draft" | "published";
  fields: FormFieldDefinition[];
  submit_label: string;
  pipeline_id: string;
  stage_id: string;
  assignment: FormAssignment;
  thank_you_message: string;
  redirect_url: string | null;
  allowed_domains: string[];
  /** The secret comes back as the mask ("********") when one is stored, never as itself. */
  captcha: { provider: CaptchaProvider; site_key: string; secret: string | null } | null;
  duplicates: DuplicatePolicy;
  min_fill_seconds: number;
  rate_limits: { per_ip: number; per_ip_window_seconds: number; per_form_per_minute: number };
  consent_default: ConsentValue;
  tags: string[];
  /** Relative to the API's base URL. */
  hosted_path: string;
  definition_path: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  version: number;
}

export type SubmissionOutcome = "created" | "attached" | "spam"; // not yet in openapi.json

export interface FormSubmission { // not yet in openapi.json
  submission_id: string;
  form_id: string;
  submitted_at: string;
  outcome: SubmissionOutcome;
  spam: boolean;
  spam_reason: string | null;
  lead_id: string | null;
  lead_name: string | null;
  values: Record<string, string | number | boolean | null>;
  attribution: TouchAttribution;
  /** Kept although the plan's monthly lead limit was reached (not every API version reports it). */
  over_limit?: boolean;
}

export interface SubmissionPage { // not yet in openapi.json
  items: FormSubmission[];
  next_cursor: string | null;
}

export interface FormList { // not yet in openapi.json
  items: CaptureForm[];
}
