import { Permission, type FeatureNav } from "../../auth/permissions";

export const captureNav: FeatureNav = {
  nav: [{ label: "Forms", to: "/forms", permission: Permission.formsRead, icon: "forms", matchPrefix: true }],
  pages: [
    { pattern: /^\/forms\/new\/?$/, permissions: [Permission.formsManage] },
    { pattern: /^\/forms\/[^/]+\/submissions\/?$/, permissions: [Permission.formSubmissionsRead] },
    { pattern: /^\/forms(\/[^/]+)?\/?$/, permissions: [Permission.formsRead] },
  ],
};
