// The audit operations: the tenant's audit log (Admins), and Convertly support's access to change
// things while viewing the account.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import { auditQuery, type AuditFilters } from "./filters";
import type { AuditPage, SupportAccess, SupportAccessChange } from "./types";

export function auditApi(client: ApiClient) {
  return {
    /** Newest first; the last 30 days unless the filters name the days. */
    audit: (filters: AuditFilters, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<AuditPage>("/audit", { ...auditQuery(filters), cursor, limit }, signal),
    supportAccess: () => client.get<SupportAccess>("/settings/support-access"),
    /** `hours` from now; 0 withdraws it. */
    setSupportAccess: (hours: number) =>
      client.request<SupportAccess>("PUT", "/settings/support-access", { body: { hours } satisfies SupportAccessChange }),
  };
}

export type AuditApi = ReturnType<typeof auditApi>;
export const useAuditApi = apiHook(auditApi);
