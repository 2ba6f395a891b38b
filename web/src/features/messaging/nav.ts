import { Permission, type FeatureNav } from "../../auth/permissions";

// A Settings tab: the email and SMS templates (whoever sends reads them; Admins and Managers write them).
export const messagingNav: FeatureNav = {
  settings: [{ label: "Templates", to: "/settings/templates", permission: Permission.templatesRead }],
  pages: [{ pattern: /^\/settings\/templates\/[^/]+\/?$/, permissions: [Permission.templatesRead] }],
};
