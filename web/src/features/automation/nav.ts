import { Permission, type FeatureNav } from "../../auth/permissions";

// A Settings tab for Admins and Managers: the workflows list, and the builder of one workflow below it.
export const automationNav: FeatureNav = {
  settings: [{ label: "Automation", to: "/settings/automation", permission: Permission.automationManage }],
  pages: [{ pattern: /^\/settings\/automation\/[^/]+\/?$/, permissions: [Permission.automationManage] }],
};
