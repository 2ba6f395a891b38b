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
  pipelinesManage: "pipelines:manage",
  formsRead: "forms:read",
  formsManage: "forms:manage",
  formSubmissionsRead: "forms:submissions",
  usersRead: "users:read",
  usersManage: "users:manage",
  adsSettings: "ads:settings",
  conversionsRead: "conversions:read",
  conversionsReplay: "conversions:replay",
  billingRead: "billing:read",
  billingManage: "billing:manage",
  notificationsRead: "notifications:read",
  followupsRead: "followups:read",
  followupsWrite: "followups:write",
  tasksRead: "tasks:read",
  tasksWrite: "tasks:write",
  workAssign: "work:assign",
  emailSettings: "settings:email",
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
  | "console"
  | "conversions"
  | "settings"
  | "billing"
  | "followups"
  | "tasks"
  | "forms";

export interface SettingsPage {
  label: string;
  to: string;
  permission: Permission;
}

/**
 * The Settings area's sub-pages, in tab order: each is one entry here and one child route of /settings.
 * Settings shows in the navigation for a role that may open any of them.
 */
export const SETTINGS_PAGES: readonly SettingsPage[] = [
  { label: "Ad platforms", to: "/settings/ad-platforms", permission: Permission.adsSettings },
  { label: "Pipelines", to: "/settings/pipelines", permission: Permission.pipelinesManage },
  { label: "Email", to: "/settings/email", permission: Permission.emailSettings },
  { label: "Notifications", to: "/settings/notifications", permission: Permission.notificationsRead },
];

export function settingsPagesFor(grants: Grants, pages: readonly SettingsPage[] = SETTINGS_PAGES): SettingsPage[] {
  return pages.filter((page) => grants.can(page.permission));
}

/**
 * The navigation, one entry per area that exists. The next areas (AI, Analytics) each
 * arrive as one more entry here, with their page and the permission their API routes name; until then
 * they are not shown at all. Settings sub-pages go in SETTINGS_PAGES.
 */
export const NAV: readonly NavEntry[] = [
  { label: "Dashboard", to: "/dashboard", permission: Permission.pipelinesRead, icon: "home" },
  { label: "Pipeline", to: "/pipeline", permission: Permission.leadsRead, icon: "pipeline" },
  { label: "Leads", to: "/leads", permission: Permission.leadsRead, icon: "leads", matchPrefix: true },
  { label: "Follow-ups", to: "/followups", permission: Permission.followupsRead, icon: "followups" },
  { label: "Tasks", to: "/tasks", permission: Permission.tasksRead, icon: "tasks", matchPrefix: true },
  { label: "Forms", to: "/forms", permission: Permission.formsRead, icon: "forms", matchPrefix: true },
  { label: "Conversions", to: "/conversions", permission: Permission.conversionsRead, icon: "conversions" },
  {
    label: "Settings",
    to: "/settings",
    permission: SETTINGS_PAGES.map((page) => page.permission),
    icon: "settings",
    matchPrefix: true,
  },
  { label: "Billing", to: "/billing", permission: Permission.billingRead, icon: "billing" },
  { label: "Partner dashboard", to: "/affiliate/dashboard", permission: Permission.affiliatePortal, icon: "partner" },
  { label: "Platform console", to: "/platform", permission: Permission.platformRead, icon: "console" },
];

export function navFor(grants: Grants, entries: readonly NavEntry[] = NAV): NavEntry[] {
  return entries.filter((entry) => grants.canAny(([] as Permission[]).concat(entry.permission)));
}

/** What each page needs (all of it, or with `any` one of it); the router shows "no access" when the role lacks it. */
export const PAGE_PERMISSIONS: readonly { pattern: RegExp; permissions: Permission[]; any?: boolean }[] = [
  { pattern: /^\/dashboard\/?$/, permissions: [Permission.pipelinesRead] },
  { pattern: /^\/pipeline\/?$/, permissions: [Permission.leadsRead, Permission.pipelinesRead] },
  { pattern: /^\/leads\/new\/?$/, permissions: [Permission.leadsWrite] },
  { pattern: /^\/leads\/deleted\/?$/, permissions: [Permission.leadsRead, Permission.leadsDelete] },
  { pattern: /^\/leads\/[^/]+\/edit\/?$/, permissions: [Permission.leadsWrite] },
  { pattern: /^\/leads(\/[^/]+)?\/?$/, permissions: [Permission.leadsRead] },
  { pattern: /^\/affiliate(\/.*)?$/, permissions: [Permission.affiliatePortal] },
  { pattern: /^\/platform(\/.*)?$/, permissions: [Permission.platformRead] },
  { pattern: /^\/billing\/?$/, permissions: [Permission.billingRead] },
  { pattern: /^\/conversions\/?$/, permissions: [Permission.conversionsRead] },
  { pattern: /^\/followups\/?$/, permissions: [Permission.followupsRead] },
  { pattern: /^\/tasks(\/[^/]+)?\/?$/, permissions: [Permission.tasksRead] },
  { pattern: /^\/forms\/new\/?$/, permissions: [Permission.formsManage] },
  { pattern: /^\/forms\/[^/]+\/submissions\/?$/, permissions: [Permission.formSubmissionsRead] },
  { pattern: /^\/forms(\/[^/]+)?\/?$/, permissions: [Permission.formsRead] },
  { pattern: /^\/settings\/?$/, permissions: SETTINGS_PAGES.map((page) => page.permission), any: true },
  ...SETTINGS_PAGES.map((page) => ({ pattern: new RegExp(`^${page.to}/?$`), permissions: [page.permission] })),
];

function pageFor(path: string) {
  const pathname = path.split(/[?#]/)[0] ?? path;
  return PAGE_PERMISSIONS.find((page) => page.pattern.test(pathname));
}

export function permissionsForPath(path: string): Permission[] | null {
  return pageFor(path)?.permissions ?? null;
}

export function mayOpenPath(grants: Grants, path: string): boolean {
  const page = pageFor(path);
  if (!page) return false;
  return page.any ? grants.canAny(page.permissions) : grants.canAll(page.permissions);
}
