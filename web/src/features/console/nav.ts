import { Permission, type FeatureNav } from "../../auth/permissions";

// Convertly's own staff: one entry (the console's pages are tabs inside it: tenants, platform users,
// the platform's audit log); every platform role reads it all, the actions need more (consoleModel.ts).
export const consoleNav: FeatureNav = {
  nav: [{ label: "Platform console", to: "/platform", permission: Permission.platformRead, icon: "console", matchPrefix: true }],
  pages: [{ pattern: /^\/platform(\/.*)?$/, permissions: [Permission.platformRead] }],
};
