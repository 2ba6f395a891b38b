import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import type { Option } from "../../components/ui";
import { useUsers } from "../accounts/queries";
import { useAuditApi } from "./api";
import { AUDIT_PAGE_SIZE, AuditLogView, type AuditLogSource } from "./AuditLogView";
import { auditFiltersFromParams, paramsFromAuditFilters, type AuditFilters } from "./filters";
import { auditKeys } from "./queries";
import { SupportAccessCard } from "./SupportAccessCard";

/** Settings > Audit log (Admins): who did what in the account, filtered and exported; and support's access. */
export function AuditLogPage() {
  const api = useAuditApi();
  const { grants } = useAuth();
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const filters = useMemo(() => auditFiltersFromParams(new URLSearchParams(paramsKey)), [paramsKey]);
  const setFilters = useCallback((next: AuditFilters) => setParams(paramsFromAuditFilters(next), { replace: true }), [setParams]);
  const users = useUsers();
  const people = useMemo<Option[]>(
    () =>
      [...(users.data ?? [])]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((user) => ({ value: user.user_id, label: user.name || user.email })),
    [users.data],
  );
  const source = useMemo<AuditLogSource>(
    () => ({
      queryKey: auditKeys.page,
      allKey: auditKeys.all,
      fetchPage: (f, cursor, signal) => api.audit(f, cursor, AUDIT_PAGE_SIZE, signal),
      exportPath: "/audit/export",
    }),
    [api],
  );

  return (
    <>
      <p className="settings-intro">
        Who did what in your account: changes to the team, leads, contacts and settings, exports, and every time
        someone viewed the account as someone else. Entries appear within seconds; the log shows the last 30 days
        unless you choose the days (up to a year at a time).
      </p>
      {grants.can(Permission.usersManage) && <SupportAccessCard />}
      <h2 className="audit-heading">Audit log</h2>
      <AuditLogView filters={filters} onFilters={setFilters} people={people} source={source} label="the audit log" />
    </>
  );
}
