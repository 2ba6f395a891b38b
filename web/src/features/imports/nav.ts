import { Permission, type FeatureNav } from "../../auth/permissions";

// A Settings tab for Admins and Managers: the imports list, and the wizard (a new import, or an
// existing one at whatever step it is) below it.
export const importsNav: FeatureNav = {
  settings: [{ label: "Imports", to: "/settings/imports", permission: Permission.importsRun }],
  pages: [{ pattern: /^\/settings\/imports\/[^/]+\/?$/, permissions: [Permission.importsRun] }],
};
