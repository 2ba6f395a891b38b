import { Permission, type FeatureNav } from "../../auth/permissions";

export const workNav: FeatureNav = {
  nav: [
    { label: "Follow-ups", to: "/followups", permission: Permission.followupsRead, icon: "followups" },
    { label: "Tasks", to: "/tasks", permission: Permission.tasksRead, icon: "tasks", matchPrefix: true },
  ],
  pages: [
    { pattern: /^\/followups\/?$/, permissions: [Permission.followupsRead] },
    { pattern: /^\/tasks(\/[^/]+)?\/?$/, permissions: [Permission.tasksRead] },
  ],
};
