import { Permission, type FeatureNav } from "../../auth/permissions";

export const dashboardNav: FeatureNav = {
  nav: [{ label: "Dashboard", to: "/dashboard", permission: Permission.analyticsRead, icon: "home" }],
  pages: [{ pattern: /^\/dashboard\/?$/, permissions: [Permission.analyticsRead] }],
};
