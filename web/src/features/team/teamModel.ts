// Settings > Team's logic: the filters in the URL, how a member's dates and the seats read, and which
// actions a member's row offers.

import { formatDate } from "../../lib/format";
import { timeAgo } from "../notifications/notificationsModel";
import { isTeamRole, type TeamRole } from "./roleChange";
import type { Team, TeamMember, TeamQuery } from "./types";

export const MEMBER_STATUSES = ["invited", "active", "deactivated"] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const STATUS_LABELS: Readonly<Record<MemberStatus, string>> = {
  invited: "Invited",
  active: "Active",
  deactivated: "Deactivated",
};

export function statusLabel(status: string): string {
  return isStatus(status) ? STATUS_LABELS[status] : status;
}

function isStatus(value: string): value is MemberStatus {
  return (MEMBER_STATUSES as readonly string[]).includes(value);
}

/** The list's filters as the URL keeps them (`?status=&role=&q=`). */
export interface TeamFilters {
  status?: MemberStatus;
  role?: TeamRole;
  q?: string;
}

export function filtersFromParams(params: URLSearchParams): TeamFilters {
  const filters: TeamFilters = {};
  const status = params.get("status") ?? "";
  const role = params.get("role") ?? "";
  const q = (params.get("q") ?? "").trim();
  if (isStatus(status)) filters.status = status;
  if (isTeamRole(role)) filters.role = role;
  if (q) filters.q = q;
  return filters;
}

export function paramsFromFilters(filters: TeamFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.role) params.set("role", filters.role);
  const q = filters.q?.trim();
  if (q) params.set("q", q);
  return params;
}

/** The filters with one of them changed from its input's value ("" clears it; an unknown value too). */
export function withFilter(filters: TeamFilters, name: keyof TeamFilters, value: string): TeamFilters {
  const params = paramsFromFilters(filters);
  params.set(name, value);
  return filtersFromParams(params);
}

export function hasFilters(filters: TeamFilters): boolean {
  return Boolean(filters.status || filters.role || filters.q);
}

/** GET /team's query for the filters (only those set). */
export function teamQuery(filters: TeamFilters): TeamQuery {
  const query: TeamQuery = {};
  if (filters.status) query.status = filters.status;
  if (filters.role) query.role = filters.role;
  if (filters.q) query.q = filters.q;
  return query;
}

/** "never", "just now", "5 min ago", "3 d ago", or the date once it is over a week old. */
export function lastSignInLabel(iso: string | null | undefined, now: number): string {
  if (!iso) return "never";
  return timeAgo(iso, now, formatDate);
}

/** An invited member's invitation: when it expires, or that it has (the Admin resends it). */
export function invitationLabel(member: TeamMember, now: number): { text: string; expired: boolean } | null {
  if (member.status !== "invited" || !member.invitation_expires_at) return null;
  const expires = Date.parse(member.invitation_expires_at);
  if (Number.isNaN(expires)) return null;
  const day = formatDate(member.invitation_expires_at);
  return expires <= now ? { text: `Expired ${day}`, expired: true } : { text: `Expires ${day}`, expired: false };
}

/** "3 of 5 seats used", or "3 seats used" without a limit; null when the tenant has no seat count. */
export function seatsLabel(team: Pick<Team, "seats_used" | "seats_limit">): string | null {
  const used = team.seats_used;
  if (used === null || used === undefined) return null;
  const limit = team.seats_limit;
  if (limit === null || limit === undefined) return `${used} ${used === 1 ? "seat" : "seats"} used`;
  return `${used} of ${limit} seats used`;
}

export function seatsFull(team: Pick<Team, "seats_used" | "seats_limit">): boolean {
  const { seats_used: used, seats_limit: limit } = team;
  return typeof used === "number" && typeof limit === "number" && used >= limit;
}

export type MemberAction = "resend" | "revoke" | "role" | "reassign" | "deactivate" | "reactivate" | "delete";

/**
 * The row's actions, for an Admin (`users:manage`): none otherwise. Nobody deactivates or deletes
 * themselves (the API answers 409 `self_action`); only a deactivated member can be deleted, once their
 * open work is reassigned, which an active or a deactivated member's row offers (an invited person has none).
 */
export function memberActions(member: Pick<TeamMember, "status" | "user_id">, canManage: boolean, me: string): MemberAction[] {
  if (!canManage) return [];
  const self = member.user_id === me;
  switch (member.status) {
    case "invited":
      return ["resend", "revoke", "role"];
    case "active":
      return self ? ["role", "reassign"] : ["role", "reassign", "deactivate"];
    case "deactivated":
      return self ? ["reactivate", "role", "reassign"] : ["reactivate", "role", "reassign", "delete"];
    default:
      return [];
  }
}
