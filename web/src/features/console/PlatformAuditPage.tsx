import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { PageHeader, type Option } from "../../components/ui";
import { AUDIT_PAGE_SIZE, AuditLogView, type AuditLogSource } from "../audit/AuditLogView";
import { auditFiltersFromParams, paramsFromAuditFilters, type AuditFilters } from "../audit/filters";
import type { AuditEntry } from "../audit/types";
import { useConsoleApi } from "./api";
import { roleLabel } from "./consoleModel";
import { consoleKeys, usePlatformUsers } from "./queries";

/** Entries whose record is a tenant (suspensions, reactivations, trials) link to its page. */
const TENANT_EVENTS = new Set(["TenantSuspended", "TenantReactivated", "TrialExtended"]);

export function tenantLinkOf(entry: AuditEntry): string | null {
  return TENANT_EVENTS.has(entry.type) && entry.subject_id ? `/platform/tenants/${encodeURIComponent(entry.subject_id)}` : null;
}

/** /platform/audit: what Convertly's staff did (suspensions, trials, views as a tenant's Admin, platform users). */
export function PlatformAuditPage() {
  const api = useConsoleApi();
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const filters = useMemo(() => auditFiltersFromParams(new URLSearchParams(paramsKey)), [paramsKey]);
  const setFilters = useCallback((next: AuditFilters) => setParams(paramsFromAuditFilters(next), { replace: true }), [setParams]);
  const users = usePlatformUsers();
  const people = useMemo<Option[]>(
    () =>
      [...(users.data ?? [])]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((user) => ({ value: user.user_id, label: `${user.name} (${roleLabel(user.role)})` })),
    [users.data],
  );
  const source = useMemo<AuditLogSource>(
    () => ({
      queryKey: consoleKeys.auditPage,
      allKey: consoleKeys.audit,
      fetchPage: (f, cursor, signal) => api.platformAudit(f, cursor, AUDIT_PAGE_SIZE, signal),
      linkFor: tenantLinkOf,
    }),
    [api],
  );
  return (
    <>
      <PageHeader
        title="Platform audit log"
        subtitle="What Convertly's staff did: suspensions, trials, views as a tenant's Admin and the changes made in them"
      />
      <AuditLogView filters={filters} onFilters={setFilters} people={people} source={source} label="the platform audit log" />
    </>
  );
}
