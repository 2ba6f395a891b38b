import { Permission, type FeatureNav } from "../../auth/permissions";

// Convertly's own staff: one entry (the console's pages are tabs inside it: tenants, platform users,
// the platform's audit log, and the affiliate program's pages); every platform role reads it all, the
// actions need more (consoleModel.ts, affiliates/affiliatesModel.ts).
export const consoleNav: FeatureNav = {
  nav: [{ label: "Platform console", to: "/platform", permission: Permission.platformRead, icon: "console", matchPrefix: true }],
  pages: [
    // The affiliate program's pages (the first match wins): affiliates:read as well.
    { pattern: /^\/platform\/affiliate(s|-[a-z]+)(\/.*)?$/, permissions: [Permission.platformRead, Permission.affiliatesRead] },
    { pattern: /^\/platform(\/.*)?$/, permissions: [Permission.platformRead] },
  ],
};
