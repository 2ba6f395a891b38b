// Query keys of the platform console, and the platform's users (the users page and the audit
// log's person filter read them).

import { useQuery } from "@tanstack/react-query";
import type { AuditFilters } from "../audit/filters";
import { useConsoleApi } from "./api";
import type { TenantFilters } from "./consoleModel";

export const consoleKeys = {
  all: ["platform"] as const,
  tenants: ["platform", "tenants"] as const,
  tenantsPage: (filters: TenantFilters, cursor: string | null) => ["platform", "tenants", filters, cursor] as const,
  tenant: (tenantId: string) => ["platform", "tenant", tenantId] as const,
  users: ["platform", "users"] as const,
  audit: ["platform", "audit"] as const,
  auditPage: (filters: AuditFilters, cursor: string | null) => ["platform", "audit", filters, cursor] as const,
};

export function usePlatformUsers() {
  const api = useConsoleApi();
  return useQuery({ queryKey: consoleKeys.users, queryFn: api.platformUsers, staleTime: 60_000 });
}
