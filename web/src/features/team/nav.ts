import { Permission, type FeatureNav } from "../../auth/permissions";

// Settings > Team (Admins and Managers read it, Admins change it) and one's own profile (every
// signed-in user; reached from the top bar, so no navigation entry).
export const teamNav: FeatureNav = {
  settings: [{ label: "Team", to: "/settings/team", permission: Permission.teamRead }],
  pages: [{ pattern: /^\/profile\/?$/, permissions: [Permission.profileRead] }],
};
