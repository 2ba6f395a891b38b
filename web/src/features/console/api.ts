// The platform console's operations (Convertly's staff): tenants, their health and the actions on
// them, viewing as a tenant's Admin, the platform's users and its audit log.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type { AuditPage } from "../audit/types";
import { auditQuery, type AuditFilters } from "../audit/filters";
import type { ViewAs, ViewAsRequest } from "../impersonation/types";
import { tenantsQuery, type TenantFilters } from "./consoleModel";
import type {
  InvitedUser,
  PlatformInvite,
  PlatformRole,
  PlatformRoleChange,
  PlatformTeam,
  Suspension,
  TeamMember,
  TenantDetail,
  TenantList,
  TrialExtension,
} from "./types";

const tenantPath = (tenantId: string) => `/platform/tenants/${encodeURIComponent(tenantId)}`;
const userPath = (userId: string) => `/platform/users/${encodeURIComponent(userId)}`;

export function consoleApi(client: ApiClient) {
  return {
    tenants: (filters: TenantFilters, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<TenantList>("/platform/tenants", { ...tenantsQuery(filters), cursor, limit }, signal),
    tenant: (tenantId: string) => client.get<TenantDetail>(tenantPath(tenantId)),
    /** Its users may sign in and read; writes are refused (423), its forms closed, its events held. */
    suspend: (tenantId: string, reason: string) =>
      client.post<TenantDetail>(`${tenantPath(tenantId)}/suspend`, { reason } satisfies Suspension),
    /** Writes and forms resume; the events held meanwhile are released. */
    reactivate: (tenantId: string) => client.post<TenantDetail>(`${tenantPath(tenantId)}/reactivate`),
    /** 409 `trial_not_local` for a tenant that pays through Stripe. */
    extendTrial: (tenantId: string, days: number) =>
      client.post<TenantDetail>(`${tenantPath(tenantId)}/trial`, { days } satisfies TrialExtension),
    /** Developer Admins: a view of the app as the tenant's Admin (its first one by name unless `userId`). */
    viewAsAdmin: (tenantId: string, userId?: string) =>
      client.post<ViewAs>(`${tenantPath(tenantId)}/impersonate`, (userId ? { user_id: userId } : {}) satisfies ViewAsRequest),

    platformUsers: () => client.get<PlatformTeam>("/platform/users").then((team) => team.items),
    invitePlatformUser: (body: PlatformInvite) => client.post<InvitedUser>("/platform/users", body),
    changePlatformRole: (userId: string, role: PlatformRole) =>
      client.request<TeamMember>("PUT", `${userPath(userId)}/role`, { body: { role } satisfies PlatformRoleChange }),
    deactivatePlatformUser: (userId: string) => client.post<TeamMember>(`${userPath(userId)}/deactivate`),
    reactivatePlatformUser: (userId: string) => client.post<TeamMember>(`${userPath(userId)}/reactivate`),

    platformAudit: (filters: AuditFilters, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<AuditPage>("/platform/audit", { ...auditQuery(filters), cursor, limit }, signal),
  };
}

export type ConsoleApi = ReturnType<typeof consoleApi>;
export const useConsoleApi = apiHook(consoleApi);
