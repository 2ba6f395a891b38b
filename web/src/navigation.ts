// The app's navigation, put together from each feature's nav.ts: the sidebar (NAV), the Settings tabs
// (SETTINGS_PAGES) and what each page needs (PAGE_PERMISSIONS). This file only lists the features,
// in the order their entries show; a new area is one more line here and its own nav.ts.

import type { Grants, NavEntry, PageAccess, Permission, SettingsPage } from "./auth/permissions";
import { accountsNav } from "./features/accounts/nav";
import { affiliatePortalNav } from "./features/affiliates/portal/nav";
import { analyticsNav } from "./features/analytics/nav";
import { auditNav } from "./features/audit/nav";
import { askNav } from "./features/ai/ask/nav";
import { aiNav } from "./features/ai/nav";
import { automationNav } from "./features/automation/nav";
import { billingNav } from "./features/billing/nav";
import { captureNav } from "./features/capture/nav";
import { consoleNav } from "./features/console/nav";
import { contactsNav } from "./features/contacts/nav";
import { conversionsNav } from "./features/conversions/nav";
import { dashboardNav } from "./features/dashboard/nav";
import { fieldsNav } from "./features/fields/nav";
import { bulkNav } from "./features/bulk/nav";
import { importsNav } from "./features/imports/nav";
import { leadsNav } from "./features/leads/nav";
import { manualActionsNav } from "./features/manualActions/nav";
import { mediaNav } from "./features/media/nav";
import { messagingNav } from "./features/messaging/nav";
import { notificationsNav } from "./features/notifications/nav";
import { pipelinesNav } from "./features/pipelines/nav";
import { teamNav } from "./features/team/nav";
import { workNav } from "./features/work/nav";

/**
 * The Settings area's sub-pages, in tab order: each is one entry in its feature's nav.ts and one child
 * route of /settings in its routes.tsx. Settings shows in the navigation for a role that may open any of them.
 */
export const SETTINGS_PAGES: readonly SettingsPage[] = [
  ...(conversionsNav.settings ?? []),
  ...(pipelinesNav.settings ?? []),
  ...(contactsNav.settings ?? []),
  ...(fieldsNav.settings ?? []),
  ...(notificationsNav.settings ?? []),
  ...(messagingNav.settings ?? []),
  ...(mediaNav.settings ?? []),
  ...(automationNav.settings ?? []),
  ...(aiNav.settings ?? []),
  ...(teamNav.settings ?? []),
  ...(importsNav.settings ?? []),
  ...(bulkNav.settings ?? []),
  ...(auditNav.settings ?? []),
];

const SETTINGS: NavEntry = {
  label: "Settings",
  to: "/settings",
  permission: SETTINGS_PAGES.map((page) => page.permission),
  icon: "settings",
  matchPrefix: true,
};

/**
 * The navigation, one entry per area that exists. The next area (AI) arrives as a feature with its
 * nav.ts (entry, page permissions) and routes.tsx; until then it is not shown at all.
 */
export const NAV: readonly NavEntry[] = [
  ...(dashboardNav.nav ?? []),
  ...(pipelinesNav.nav ?? []),
  ...(leadsNav.nav ?? []),
  ...(contactsNav.nav ?? []),
  ...(workNav.nav ?? []),
  ...(manualActionsNav.nav ?? []),
  ...(captureNav.nav ?? []),
  ...(analyticsNav.nav ?? []),
  ...(askNav.nav ?? []),
  ...(conversionsNav.nav ?? []),
  SETTINGS,
  ...(billingNav.nav ?? []),
  ...(accountsNav.nav ?? []),
  ...(affiliatePortalNav.nav ?? []),
  ...(consoleNav.nav ?? []),
];

/** What each page needs (all of it, or with `any` one of it); the shell shows "no access" when the role lacks it. */
export const PAGE_PERMISSIONS: readonly PageAccess[] = [
  ...[dashboardNav, analyticsNav, askNav, pipelinesNav, leadsNav, contactsNav, accountsNav, billingNav, conversionsNav, workNav, captureNav, teamNav, importsNav, automationNav, messagingNav, manualActionsNav].flatMap(
    (feature) => feature.pages ?? [],
  ),
  ...(affiliatePortalNav.pages ?? []),
  ...(consoleNav.pages ?? []),
  { pattern: /^\/settings\/?$/, permissions: SETTINGS_PAGES.map((page) => page.permission), any: true },
  ...SETTINGS_PAGES.map((page) => ({ pattern: new RegExp(`^${page.to}/?$`), permissions: [page.permission] })),
];

export function navFor(grants: Grants, entries: readonly NavEntry[] = NAV): NavEntry[] {
  return entries.filter((entry) => grants.canAny(([] as Permission[]).concat(entry.permission)));
}

export function settingsPagesFor(grants: Grants, pages: readonly SettingsPage[] = SETTINGS_PAGES): SettingsPage[] {
  return pages.filter((page) => grants.can(page.permission));
}

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
