// Settings > Team's "View as" (an Admin sees the app as a teammate, read-only, for up to 30 minutes:
// features/impersonation) and its line on Convertly support's access (managed on Settings > Audit log).

import { formatDateTime } from "../../lib/format";
import type { TeamMember } from "./types";

/** How long a view lasts at most (the API ends its token then). */
export const VIEW_AS_MINUTES = 30;

/** Where Convertly support's access is granted or withdrawn (its card on the Audit log page). */
export const SUPPORT_ACCESS_PATH = "/settings/audit-log";

/**
 * Whether a member's row offers "View as": to an Admin (`users:manage`) who is not already viewing as
 * someone (the API answers 403 `impersonation_not_allowed`), for an active member other than oneself
 * (409 `self_action`, `user_not_active`).
 */
export function canViewAs(
  member: Pick<TeamMember, "status" | "user_id">,
  who: { canManage: boolean; me: string; viewing: boolean },
): boolean {
  return who.canManage && !who.viewing && member.status === "active" && member.user_id !== who.me;
}

export interface SupportAccessLine {
  granted: boolean;
  text: string;
}

/**
 * "Convertly support access: granted until <time>" or "…: not granted"; an `until` already past (a page
 * left open) reads as not granted, as the API does.
 */
export function supportAccessLine(
  until: string | null | undefined,
  now: number,
  format: (iso: string) => string = formatDateTime,
): SupportAccessLine {
  const at = until ? Date.parse(until) : Number.NaN;
  if (!until || Number.isNaN(at) || at <= now) return { granted: false, text: "Convertly support access: not granted" };
  return { granted: true, text: `Convertly support access: granted until ${format(until)}` };
}
