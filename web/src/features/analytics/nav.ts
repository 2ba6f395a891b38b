import { Permission, type FeatureNav } from "../../auth/permissions";

export const analyticsNav: FeatureNav = {
  nav: [{ label: "Reports", to: "/reports", permission: Permission.analyticsRead, icon: "reports", matchPrefix: true }],
  pages: [
    // Conversions health reads the whole team's wins: the API refuses it to a role that sees only its own.
    { pattern: /^\/reports\/conversions\/?$/, permissions: [Permission.analyticsReadAll] },
    { pattern: /^\/reports(\/(revenue|funnel|velocity|revenue-over-time|agents))?\/?$/, permissions: [Permission.analyticsRead] },
  ],
};
