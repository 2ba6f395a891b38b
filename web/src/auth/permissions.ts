// The UI's side of convertly/permissions.py: GET /me lists what the signed-in role may do, and the
// web app shows only what that list allows. The API enforces the same table on every request.
// Permission comes from permissions.gen.ts, which `make openapi` generates from the Python table.
// Each feature names its navigation entries and what its pages need (features/<name>/nav.ts);
// navigation.ts puts them together.

import { Permission } from "./permissions.gen";

export { Permission };

/** A set of granted permissions; `undefined` in a requirement means "any signed-in user". */
export class Grants {
  private readonly granted: ReadonlySet<string>;

  constructor(permissions: Iterable<string>) {
    this.granted = new Set(permissions);
  }

  can(permission: Permission | undefined): boolean {
    return permission === undefined || this.granted.has(permission);
  }

  canAll(permissions: readonly Permission[]): boolean {
    return permissions.every((permission) => this.granted.has(permission));
  }

  canAny(permissions: readonly Permission[]): boolean {
    return permissions.some((permission) => this.granted.has(permission));
  }
}

/**
 * Where to land after login: the page the user asked for before logging in when their role may open
 * it, else the portal the API names for the role.
 */
export function landingPath(portalPath: string, wanted: string | null, mayOpen: (path: string) => boolean): string {
  if (wanted && wanted.startsWith("/") && !wanted.startsWith("//") && mayOpen(wanted)) return wanted;
  return portalPath;
}

export interface NavEntry {
  label: string;
  to: string;
  /** Shown only to roles granted this permission; for an area of several pages (Settings), any one of them. */
  permission: Permission | readonly Permission[];
  icon: NavIcon;
  /** Matches sub-pages too (a lead's detail page lights up Leads). */
  matchPrefix?: boolean;
}

export type NavIcon =
  | "home"
  | "pipeline"
  | "leads"
  | "partner"
  | "companies"
  | "console"
  | "conversions"
  | "settings"
  | "billing"
  | "followups"
  | "tasks"
  | "manualActions"
  | "forms"
  | "reports";

/** A Settings sub-page: its tab (label, path) and the permission that shows the tab and gates the page. */
export interface SettingsPage {
  label: string;
  to: string;
  permission: Permission;
}

/** What a page needs (all of it, or with `any` one of it); the router shows "no access" when the role lacks it. */
export interface PageAccess {
  pattern: RegExp;
  permissions: Permission[];
  any?: boolean;
}

/** What a feature adds to the app's navigation (its nav.ts exports one). */
export interface FeatureNav {
  /** Its entries in the main navigation, in order. */
  nav?: readonly NavEntry[];
  /** What each of its pages needs; a page's first matching pattern wins. */
  pages?: readonly PageAccess[];
  /** Its Settings sub-pages, each also one child route of /settings. */
  settings?: readonly SettingsPage[];
}
