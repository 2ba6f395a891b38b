import { Permission, type FeatureNav } from "../../auth/permissions";

// The portals of the roles outside a customer's CRM; login, sign-up and password reset need no permission.
export const accountsNav: FeatureNav = {
  nav: [
    { label: "Partner dashboard", to: "/affiliate/dashboard", permission: Permission.affiliatePortal, icon: "partner" },
    { label: "Platform console", to: "/platform", permission: Permission.platformRead, icon: "console" },
  ],
  pages: [
    { pattern: /^\/affiliate(\/.*)?$/, permissions: [Permission.affiliatePortal] },
    { pattern: /^\/platform(\/.*)?$/, permissions: [Permission.platformRead] },
  ],
};
