import { Permission, type FeatureNav } from "../../auth/permissions";

// A Settings tab: the email and SMS templates (whoever sends reads them; Admins and Managers write them).
// A new template's editor is for those who write them; a saved one opens for every reader (to preview).
export const messagingNav: FeatureNav = {
  settings: [{ label: "Templates", to: "/settings/templates", permission: Permission.templatesRead }],
  pages: [
    { pattern: /^\/settings\/templates\/new\/?$/, permissions: [Permission.templatesManage] },
    { pattern: /^\/settings\/templates\/[^/]+\/?$/, permissions: [Permission.templatesRead] },
  ],
};
