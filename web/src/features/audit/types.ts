// The audit log API's shapes: a page of entries (GET /audit, and the platform's own GET
// /platform/audit), its filters, and Convertly support's access (/settings/support-access).

import type { ListQueryOf, QueryOf, Schemas } from "../../api/contract";

/** One thing someone did: when, who, which category, and a sentence of what. */
export type AuditEntry = Schemas["AuditEntry"];
export type AuditPage = Schemas["AuditPage"];
export type AuditCategory = NonNullable<QueryOf<"/audit">["category"]>;
/** GET /audit's and GET /audit/export's filters (without the paging). */
export type AuditQuery = ListQueryOf<"/audit">;
/** Until when Convertly's support may change things while viewing the account (null: it may not). */
export type SupportAccess = Schemas["SupportAccess"];
export type SupportAccessChange = Schemas["SupportAccessChange"];
