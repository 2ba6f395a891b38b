// The manual actions API's shapes (/manual-actions), and the reads the queue and an action page
// borrow: the published workflows (the workflow filter) and an SMS template filled in for a contact.

import type { ListQueryOf, Schemas } from "../../api/contract";

/** A call or text a workflow hands to a person; its enrolment waits until it is completed. */
export type ManualAction = Schemas["ManualAction-Output"];
export type ManualActionType = ManualAction["action_type"];
export type ManualActionStatus = ManualAction["status"];
/** A page of the queue, and how many open actions the same view holds in all. */
export type ManualActionPage = Schemas["ManualActionPage"];
/** GET /manual-actions's filters (without the paging). */
export type ManualActionQuery = ListQueryOf<"/manual-actions">;
/** POST /manual-actions/{id}/complete: a call's outcome (or "sent" for a text) and a note. */
export type ManualActionComplete = Schemas["ManualActionComplete"];

export type PublishedWorkflow = Schemas["PublishedWorkflow"];
export type PublishedWorkflowList = Schemas["PublishedWorkflowList"];

/** POST /message-templates/preview: a saved template for a contact (and lead) as they are now. */
export type TemplatePreviewRequest = Schemas["PreviewRequest"];
export type TemplatePreview = Schemas["Preview"];

/** What an action's page is handed by the queue: its filters, to go back to the same view. */
export interface FromQueue {
  queueSearch: string;
}
