import { Permission, type FeatureNav } from "../../auth/permissions";

export const dashboardNav: FeatureNav = {
  nav: [{ label: "Dashboard", to: "/dashboard", permission: Permission.pipelinesRead, icon: "home" }],
  pages: [{ pattern: /^\/dashboard\/?$/, permissions: [Permission.pipelinesRead] }],
};
