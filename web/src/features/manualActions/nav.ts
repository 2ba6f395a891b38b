import { Permission, type FeatureNav } from "../../auth/permissions";

// The calls and texts workflows hand to people: one's own queue (the team's for Admins and Managers),
// and one action opened to work it.
export const manualActionsNav: FeatureNav = {
  nav: [
    { label: "Manual actions", to: "/manual-actions", permission: Permission.manualActions, icon: "manualActions", matchPrefix: true },
  ],
  pages: [{ pattern: /^\/manual-actions(\/[^/]+)?\/?$/, permissions: [Permission.manualActions] }],
};
