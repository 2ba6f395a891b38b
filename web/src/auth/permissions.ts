// The UI's side of convertly/permissions.py: GET /me lists what the signed-in role may do, and the
// web app shows only what that list allows. The API enforces the same table on every request.

export const Permission = {
  profileRead: "profile:read",
  leadsRead: "leads:read",
  leadsReadAll: "leads:read_all",
  leadsWrite: "leads:write",
  leadsDelete: "leads:delete",
  notesWrite: "notes:write",
  pipelinesRead: "pipelines:read",
  usersRead: "users:read",
  usersManage: "users:manage",
  affiliatePortal: "affiliate:portal",
  platformRead: "platform:read",
  platformManage: "platform:manage",
} as const;

export type Permission = (typeof Permission)[keyof typeof Permission];

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
  /** Shown only to roles granted this permission. */
  permission: Permission;
  icon: NavIcon;
  /** Matches sub-pages too (a lead's detail page lights up Leads). */
  matchPrefix?: boolean;
}

export type NavIcon = "home" | "leads" | "partner" | "console";

/**
 * The navigation, one entry per area that exists. The next areas (Pipeline, Forms, Follow-ups, Tasks,
 * AI, Analytics, Billing, Settings) each arrive as one more entry here, with their page and the
 * permission their API routes name; until then they are not shown at all.
 */
export const NAV: readonly NavEntry[] = [
  { label: "Dashboard", to: "/dashboard", permission: Permission.pipelinesRead, icon: "home" },
  { label: "Leads", to: "/leads", permission: Permission.leadsRead, icon: "leads", matchPrefix: true },
  { label: "Partner dashboard", to: "/affiliate/dashboard", permission: Permission.affiliatePortal, icon: "partner" },
  { label: "Platform console", to: "/platform", permission: Permission.platformRead, icon: "console" },
];

export function navFor(grants: Grants, entries: readonly NavEntry[] = NAV): NavEntry[] {
  return entries.filter((entry) => grants.can(entry.permission));
}

/** What each page needs; the router shows the "no access" page when the role lacks it. */
export const PAGE_PERMISSIONS: readonly { pattern: RegExp; permissions: Permission[] }[] = [
  { pattern: /^\/dashboard\/?$/, permissions: [Permission.pipelinesRead] },
  { pattern: /^\/leads\/new\/?$/, permissions: [Permission.leadsWrite] },
  { pattern: /^\/leads\/deleted\/?$/, permissions: [Permission.leadsRead, Permission.leadsDelete] },
  { pattern: /^\/leads\/[^/]+\/edit\/?$/, permissions: [Permission.leadsWrite] },
  { pattern: /^\/leads(\/[^/]+)?\/?$/, permissions: [Permission.leadsRead] },
  { pattern: /^\/affiliate(\/.*)?$/, permissions: [Permission.affiliatePortal] },
  { pattern: /^\/platform(\/.*)?$/, permissions: [Permission.platformRead] },
];

export function permissionsForPath(path: string): Permission[] | null {
  const pathname = path.split(/[?#]/)[0] ?? path;
  return PAGE_PERMISSIONS.find((page) => page.pattern.test(pathname))?.permissions ?? null;
}

export function mayOpenPath(grants: Grants, path: string): boolean {
  const needed = permissionsForPath(path);
  return needed !== null && grants.canAll(needed);
}
