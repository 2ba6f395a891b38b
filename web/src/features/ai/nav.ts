import { Permission, type FeatureNav } from "../../auth/permissions";

// A Settings tab for Admins and Managers (Managers read it; Admins turn AI on or off and train the
// model). The lead page's card, the list's and the board's score choices need `ai:use` and show in place.
export const aiNav: FeatureNav = {
  settings: [{ label: "AI", to: "/settings/ai", permission: Permission.aiSettingsRead }],
};
