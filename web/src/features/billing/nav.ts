import { Permission, type FeatureNav } from "../../auth/permissions";

export const billingNav: FeatureNav = {
  nav: [{ label: "Billing", to: "/billing", permission: Permission.billingRead, icon: "billing" }],
  pages: [{ pattern: /^\/billing\/?$/, permissions: [Permission.billingRead] }],
};
