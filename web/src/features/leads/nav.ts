import { Permission, type FeatureNav } from "../../auth/permissions";

export const leadsNav: FeatureNav = {
  nav: [{ label: "Leads", to: "/leads", permission: Permission.leadsRead, icon: "leads", matchPrefix: true }],
  pages: [
    { pattern: /^\/leads\/new\/?$/, permissions: [Permission.leadsWrite] },
    { pattern: /^\/leads\/deleted\/?$/, permissions: [Permission.leadsRead, Permission.leadsDelete] },
    { pattern: /^\/leads\/[^/]+\/edit\/?$/, permissions: [Permission.leadsWrite] },
    { pattern: /^\/leads(\/[^/]+)?\/?$/, permissions: [Permission.leadsRead] },
  ],
};
