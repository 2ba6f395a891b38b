// The capture API's shapes: lead capture forms, their fields and settings, and what they received.

import type { Schemas } from "../../api/contract";

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

/** One input of a form as the API answers it (the same shape the builder sends); `maps_to` is a lead
 * field or `custom:<key>`, null for a consent box. */
export type FormFieldDefinition = Schemas["FormField"];
export type FormAssignment = Schemas["Assignment"];
/** A form as the builder sees it. The captcha's secret comes back as the mask ("********") when one
 * is stored, never as itself; `hosted_path` is relative to the API's base URL. */
export type CaptureForm = Schemas["Form"];
/** One post to a form: what became of it, with the values and attribution it carried (open objects). */
export type FormSubmission = Schemas["Submission"];
export type SubmissionOutcome = FormSubmission["outcome"];
export type SubmissionPage = Schemas["SubmissionPage"];
export type FormList = Schemas["FormList"];
