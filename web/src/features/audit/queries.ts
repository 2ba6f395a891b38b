// Query keys of the audit feature.

import type { AuditFilters } from "./filters";

export const auditKeys = {
  all: ["audit"] as const,
  page: (filters: AuditFilters, cursor: string | null) => ["audit", "page", filters, cursor] as const,
  supportAccess: ["support-access"] as const,
};
