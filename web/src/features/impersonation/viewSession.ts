// Viewing as someone, on this side: the person's own session set aside in sessionStorage while the
// API client uses the view's token (which cannot be refreshed), and back again when the view ends.
// Pure over the stores it is given, so the swap and the restore are unit tested without a browser.

import type { Session, SessionFallback, SessionStore } from "../../api/client";
import type { ApiError } from "../../api/errors";
import type { Impersonation, ViewAs } from "./types";

/** What sessionStorage offers and this needs (a Map stands in for it in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The own session and where the view started; one tab's only (sessionStorage). */
export const ASIDE_KEY = "convertly.view-as";
/** What to tell the person on the page the end of a view lands on (the page reloads). */
export const NOTICE_KEY = "convertly.view-as.notice";

export interface ViewAside {
  /** The person's own session, back in the client when the view ends. */
  own: Session;
  /** Where the view started, where exiting returns. */
  returnTo: string;
  targetName: string;
  targetRole: string;
  expiresAt: string;
}

const TENANT_ROLES = new Set(["Admin", "Manager", "Sales", "Staff"]);
const ROLE_LABELS: Record<string, string> = {
  DeveloperAdmin: "Developer Admin",
  DeveloperStaff: "Developer Staff",
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

/** The client's session for a view: its token in place of the ID token, no refresh token. */
export function viewSessionFrom(view: ViewAs): Session {
  const expiresAt = Date.parse(view.expires_at);
  return { idToken: view.token, accessToken: "", refreshToken: null, expiresAt: Number.isNaN(expiresAt) ? 0 : expiresAt };
}

/** Where a view lands: the home page of the person viewed (the dashboard for a tenant's roles). */
export function landingFor(role: string): string {
  if (TENANT_ROLES.has(role)) return "/dashboard";
  if (role === "Affiliate") return "/affiliate/dashboard";
  return "/";
}

/** Where exiting returns: the tenant's console page for Convertly's support, Settings > Team for an Admin. */
export function returnPathFor(impersonation: Pick<Impersonation, "by_convertly" | "tenant_id">): string {
  return impersonation.by_convertly ? `/platform/tenants/${encodeURIComponent(impersonation.tenant_id)}` : "/settings/team";
}

function isSession(value: unknown): value is Session {
  if (!value || typeof value !== "object") return false;
  const session = value as Record<string, unknown>;
  return typeof session.idToken === "string" && session.idToken !== "" && typeof session.expiresAt === "number";
}

export function readAside(storage: KeyValueStorage): ViewAside | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(ASIDE_KEY) ?? "null");
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object") return null;
  const aside = parsed as Record<string, unknown>;
  if (!isSession(aside.own) || typeof aside.returnTo !== "string" || !aside.returnTo.startsWith("/")) return null;
  return {
    own: aside.own,
    returnTo: aside.returnTo,
    targetName: typeof aside.targetName === "string" ? aside.targetName : "",
    targetRole: typeof aside.targetRole === "string" ? aside.targetRole : "",
    expiresAt: typeof aside.expiresAt === "string" ? aside.expiresAt : "",
  };
}

/**
 * Start using a view: the person's own session set aside (kept from an earlier view when the client
 * already holds one), the view's token in the client's store.
 */
export function beginView(store: SessionStore, storage: KeyValueStorage, view: ViewAs, returnTo?: string): ViewAside {
  const current = store.get();
  const own = current?.refreshToken ? current : readAside(storage)?.own;
  if (!own) throw new Error("Your own session could not be kept aside: log in again, then start the view");
  const aside: ViewAside = {
    own,
    returnTo: returnTo && returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo : returnPathFor(view.impersonation),
    targetName: view.impersonation.target_name,
    targetRole: view.impersonation.target_role,
    expiresAt: view.expires_at,
  };
  storage.setItem(ASIDE_KEY, JSON.stringify(aside));
  storage.removeItem(NOTICE_KEY);
  store.set(viewSessionFrom(view));
  return aside;
}

/** End the view here: the own session back in the store and the aside forgotten; null when none was kept. */
export function restoreOwn(store: SessionStore, storage: KeyValueStorage): ViewAside | null {
  const aside = readAside(storage);
  storage.removeItem(ASIDE_KEY);
  if (aside) store.set(aside.own);
  return aside;
}

/**
 * An aside nobody needs any more: the client holds a session of its own (with a refresh token) and
 * GET /me says this is no view (a view ended in another tab, or a log out and in again).
 */
export function forgetStaleAside(store: SessionStore, storage: KeyValueStorage, viewing: boolean): boolean {
  if (viewing || !store.get()?.refreshToken || storage.getItem(ASIDE_KEY) === null) return false;
  storage.removeItem(ASIDE_KEY);
  return true;
}

/**
 * The API client's fallback (setSessionFallback): a refused view (401 `impersonation_ended`, expired,
 * the person viewed deactivated...) gives the own session back instead of ending it; `ended` is told
 * with what was set aside.
 */
export function viewFallback(
  storage: () => KeyValueStorage,
  ended: (aside: ViewAside, cause: ApiError | undefined) => void,
): SessionFallback {
  return (cause) => {
    const aside = readAside(storage());
    if (!aside) return null;
    storage().removeItem(ASIDE_KEY);
    ended(aside, cause);
    return aside.own;
  };
}

export type ViewEnd = "exit" | "ended" | "expired";

export function endMessage(targetName: string, how: ViewEnd): string {
  const whom = targetName || "them";
  if (how === "exit") return `You stopped viewing as ${whom}`;
  if (how === "expired") return `Viewing as ${whom} has expired: you are back in your own account`;
  return `Viewing as ${whom} has ended: you are back in your own account`;
}

export function leaveNotice(storage: KeyValueStorage, message: string): void {
  storage.setItem(NOTICE_KEY, message);
}

/** The notice left for this page, once. */
export function takeNotice(storage: KeyValueStorage): string | null {
  const notice = storage.getItem(NOTICE_KEY);
  if (notice !== null) storage.removeItem(NOTICE_KEY);
  return notice || null;
}

/** How long until the view expires (0 once it has); null when the time cannot be read. */
export function msUntil(expiresAt: string, now: number): number | null {
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

export interface BannerView {
  title: string;
  mode: string;
  writes: boolean;
  /** Who is viewing: the person reading the banner. */
  by: string;
}

export function bannerView(impersonation: Impersonation): BannerView {
  return {
    title: `Viewing as ${impersonation.target_name} (${roleLabel(impersonation.target_role)})`,
    mode: impersonation.writes_allowed ? "changes allowed (support access)" : "read-only",
    writes: impersonation.writes_allowed,
    by: impersonation.by_convertly
      ? `${impersonation.actor_name} (Convertly support)`
      : `${impersonation.actor_name} (${roleLabel(impersonation.actor_role)})`,
  };
}

// The API's messages for what a view may not do (convertly/platform/api.py), and what to show instead.
const READ_ONLY = /^Viewing as someone is read-only/;
const NOT_ALLOWED = /^Not while viewing as someone else/;

const readOnlyText = (targetName: string) => `Viewing as ${targetName} is read-only: the change was not saved`;
const notAllowedText = (targetName: string) => `Not while viewing as ${targetName}: exit the view first`;

/** The toast for an API refusal made while viewing (by its code); null for any other error. */
export function viewingErrorText(error: Pick<ApiError, "code">, targetName: string): string | null {
  if (error.code === "impersonation_read_only") return readOnlyText(targetName);
  if (error.code === "impersonation_not_allowed") return notAllowedText(targetName);
  return null;
}

/** The same for a toast already showing the API's words; null for any other message. */
export function viewingToastFor(message: string, targetName: string): string | null {
  if (READ_ONLY.test(message)) return readOnlyText(targetName);
  if (NOT_ALLOWED.test(message)) return notAllowedText(targetName);
  return null;
}
