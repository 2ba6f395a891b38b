// The automation API's shapes a contact's or a lead's page uses: its enrolments in workflows, the
// published workflows one may enrol it in, and what an enrolment request did.

import type { Schemas } from "../../api/contract";

export type Enrolment = Schemas["Enrolment"];
export type EnrolmentStatus = Enrolment["status"];
/** A contact's (lead's) workflows: the ones it is in now, and the ones it was in. */
export type SubjectWorkflows = Schemas["SubjectWorkflows"];
export type PublishedWorkflow = Schemas["PublishedWorkflow"];
export type PublishedWorkflowList = Schemas["PublishedWorkflowList"];
export type EnrolRequest = Schemas["EnrolRequest"];
/** The new enrolments' ids, and who was not enrolled and why (`{id, reason}`). */
export type EnrolResult = Schemas["EnrolResult"];

/** The record a workflows panel is about. */
export interface Subject {
  kind: "contact" | "lead";
  id: string;
  name: string;
}
