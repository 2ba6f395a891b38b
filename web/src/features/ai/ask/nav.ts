import { Permission, type FeatureNav } from "../../../auth/permissions";

// Ask AI, for every role that may use AI; on a plan without AI the page shows the way to the plan
// that has it, so the entry stays and says what the plan would bring.
export const askNav: FeatureNav = {
  nav: [{ label: "Ask AI", to: "/ask", permission: Permission.aiUse, icon: "console", matchPrefix: true }],
  pages: [{ pattern: /^\/ask(\/[^/]+)?\/?$/, permissions: [Permission.aiUse] }],
};
