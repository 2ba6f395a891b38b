// How the platform console reads: tenants' filters (in the URL), statuses, usage against limits,
// conversions health, which actions a role has on a tenant, and the platform's roles.

import type { Query } from "../../api/client";
import { Permission, type Grants } from "../../auth/permissions";
import { statusLabel as billingStatusLabel } from "../billing/billingModel";
import { statusLabel as conversionStatusLabel, statusTone as conversionStatusTone } from "../conversions/labels";
import type { PlatformRole, TeamMember, TenantDetail, TenantsQuery } from "./types";
import { getDisplayLocale } from "../../lib/format";

// Tenants' filters -------------------------------------------------------------------------------

export type TenantStatus = "active" | "suspended";

export interface TenantFilters {
  status?: TenantStatus;
  /** Part of the tenant's name (the API compares case-insensitively). */
  q?: string;
}

export const TENANT_STATUSES: readonly TenantStatus[] = ["active", "suspended"];

function isTenantStatus(value: string | null | undefined): value is TenantStatus {
  return TENANT_STATUSES.includes(value as TenantStatus);
}

export function tenantFiltersFromParams(params: URLSearchParams): TenantFilters {
  const filters: TenantFilters = {};
  const status = params.get("status")?.trim();
  const q = params.get("q")?.trim();
  if (isTenantStatus(status)) filters.status = status;
  if (q) filters.q = q.slice(0, 100);
  return filters;
}

export function paramsFromTenantFilters(filters: TenantFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q?.trim()) params.set("q", filters.q.trim());
  if (filters.status) params.set("status", filters.status);
  return params;
}

export function tenantsQuery(filters: TenantFilters): TenantsQuery & Query {
  const query: TenantsQuery & Query = {};
  if (filters.status) query.status = filters.status;
  if (filters.q?.trim()) query.q = filters.q.trim();
  return query;
}

export function withTenantStatus(filters: TenantFilters, value: string): TenantFilters {
  const next = { ...filters };
  if (isTenantStatus(value)) next.status = value;
  else delete next.status;
  return next;
}

export function withTenantSearch(filters: TenantFilters, value: string): TenantFilters {
  const next = { ...filters };
  if (value.trim()) next.q = value.trim().slice(0, 100);
  else delete next.q;
  return next;
}

// Labels -----------------------------------------------------------------------------------------

export function tenantStatusLabel(status: string): string {
  if (status === "active") return "Active";
  if (status === "suspended") return "Suspended";
  return status;
}

export function planLabel(plan: string | null | undefined): string {
  if (!plan) return "—";
  return plan.charAt(0).toUpperCase() + plan.slice(1).replace(/_/g, " ");
}

export function billingLabel(status: string | null | undefined): string {
  return status ? billingStatusLabel(status) : "—";
}

/** "3 of 5", "3 (no limit)"; "—" when unknown. */
export function usageText(used: number | null | undefined, limit: number | null | undefined): string {
  if (used === null || used === undefined) return "—";
  const count = used.toLocaleString(getDisplayLocale());
  return limit === null || limit === undefined ? `${count} (no limit)` : `${count} of ${limit.toLocaleString(getDisplayLocale())}`;
}

/** At or over its limit. */
export function atLimit(used: number | null | undefined, limit: number | null | undefined): boolean {
  return used !== null && used !== undefined && limit !== null && limit !== undefined && used >= limit;
}

const PLATFORM_ROLE_INFO: Record<PlatformRole, { label: string; description: string }> = {
  DeveloperAdmin: { label: "Developer Admin", description: "everything, platform users too, and views as a tenant's Admin" },
  Developer: { label: "Developer", description: "reads every tenant, suspends, reactivates, extends trials" },
  DeveloperStaff: { label: "Developer Staff", description: "reads every tenant, changes nothing" },
};

export const PLATFORM_ROLES: readonly PlatformRole[] = ["DeveloperAdmin", "Developer", "DeveloperStaff"];

export function isPlatformRole(value: string): value is PlatformRole {
  return PLATFORM_ROLES.includes(value as PlatformRole);
}

export function roleLabel(role: string): string {
  return isPlatformRole(role) ? PLATFORM_ROLE_INFO[role].label : role;
}

export function roleDescription(role: PlatformRole): string {
  return PLATFORM_ROLE_INFO[role].description;
}

export function memberStatusLabel(status: string): string {
  const labels: Record<string, string> = { active: "Active", invited: "Invited", deactivated: "Deactivated" };
  return labels[status] ?? status;
}

/** "audit_log" -> "Audit log": a consumer as the queues table names it. */
export function consumerLabel(consumer: string): string {
  const words = consumer.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// A tenant's health ------------------------------------------------------------------------------

export interface OutcomeRow {
  status: string;
  label: string;
  count: number;
  tone: string;
}

export interface ConversionsHealth {
  total: number;
  sent: number;
  /** Rejected or dead-lettered: what needs looking at. */
  failed: number;
  rows: OutcomeRow[];
}

export function conversionsHealth(counts: Record<string, number>): ConversionsHealth {
  const rows = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => ({ status, label: conversionStatusLabel(status), count, tone: conversionStatusTone(status) }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const failed = rows.filter((row) => row.tone === "bad").reduce((sum, row) => sum + row.count, 0);
  return { total, sent: counts.sent ?? 0, failed, rows };
}

/** "12 of 40 sent (30%)", or that there was nothing to send. */
export function conversionsSummary(health: ConversionsHealth): string {
  if (health.total === 0) return "No conversions were reported in the last 30 days.";
  const share = Math.round((health.sent / health.total) * 100);
  const failed = health.failed ? `, ${health.failed.toLocaleString(getDisplayLocale())} failed` : "";
  return `${health.sent.toLocaleString(getDisplayLocale())} of ${health.total.toLocaleString(getDisplayLocale())} attempts sent (${share}%)${failed}.`;
}

/** The tenant's active Admins by name: whom Convertly's support may view as (the first by default). */
export function activeAdmins(team: readonly TeamMember[]): TeamMember[] {
  return team
    .filter((member) => member.role === "Admin" && member.status === "active")
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }));
}

/** A free trial Convertly runs (not one in Stripe): the only kind the console extends. */
export function trialMayExtend(detail: Pick<TenantDetail, "billing">): boolean {
  return detail.billing.status === "trialing" && !detail.billing.stripe_subscription_id;
}

export interface TenantActions {
  suspend: boolean;
  reactivate: boolean;
  extendTrial: boolean;
  viewAs: boolean;
}

/** What the role may do to this tenant (the API enforces the same: platform:operate, platform:manage). */
export function tenantActions(grants: Grants, detail: Pick<TenantDetail, "status" | "billing" | "team">): TenantActions {
  const operate = grants.can(Permission.platformOperate);
  return {
    suspend: operate && detail.status !== "suspended",
    reactivate: operate && detail.status === "suspended",
    extendTrial: operate && trialMayExtend(detail),
    viewAs: grants.can(Permission.platformManage) && activeAdmins(detail.team).length > 0,
  };
}

// Forms ------------------------------------------------------------------------------------------

export const SUSPEND_REASON_MAX = 500;

export function suspendReasonProblem(reason: string): string | undefined {
  if (!reason.trim()) return "Say why: the reason is kept with the suspension and in both audit logs";
  if (reason.trim().length > SUSPEND_REASON_MAX) return `At most ${SUSPEND_REASON_MAX} characters`;
  return undefined;
}

export function trialDaysProblem(days: string): string | undefined {
  const value = Number(days);
  if (!/^\d+$/.test(days.trim()) || !Number.isInteger(value) || value < 1 || value > 90) return "Between 1 and 90 days";
  return undefined;
}

export function inviteProblems(invite: { email: string; name: string }): { email?: string; name?: string } {
  const problems: { email?: string; name?: string } = {};
  if (!invite.name.trim()) problems.name = "Their name";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(invite.email.trim())) problems.email = "A valid email address";
  return problems;
}
