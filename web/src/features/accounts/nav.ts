import { Permission, type FeatureNav } from "../../auth/permissions";

// The affiliate portal (the platform console's entry is in features/console/nav.ts); login, sign-up and
// password reset need no permission.
export const accountsNav: FeatureNav = {
  nav: [
    { label: "Partner dashboard", to: "/affiliate/dashboard", permission: Permission.affiliatePortal, icon: "partner" },
  ],
  pages: [
    { pattern: /^\/affiliate(\/.*)?$/, permissions: [Permission.affiliatePortal] },
  ],
};
