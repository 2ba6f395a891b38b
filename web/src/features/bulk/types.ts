// The bulk actions API's shapes: a bulk action (its progress, its outcome), what starts one, which
// records it takes (the ids selected, or a list's filters) and the log's query.

import type { ListQueryOf, Schemas } from "../../api/contract";

/** A bulk action as it stands: queued or running with its progress, or done with its outcome. */
export type BulkAction = Schemas["BulkAction"];
export type BulkActionCreate = Schemas["BulkActionCreate"];
export type BulkActionPage = Schemas["BulkActionPage"];
export type BulkParams = Schemas["BulkParams"];
export type BulkScope = Schemas["BulkScope"];
/** Every lead the lead list or the board shows with these filters. */
export type LeadScope = Schemas["LeadScope"];
/** Every contact the contacts list (or a smart list, `list_id`) shows with these filters. */
export type ContactScope = Schemas["ContactScope"];
export type BulkDownload = Schemas["BulkDownload"];
export type BulkProblem = Schemas["BulkProblem"];
export type BulkReason = Schemas["BulkReason"];

export type BulkObject = BulkAction["object"];
export type BulkActionType = BulkAction["action"];
export type BulkStatus = BulkAction["status"];
/** GET /bulk-actions's filters, without the paging. */
export type BulkActionQuery = ListQueryOf<"/bulk-actions">;
