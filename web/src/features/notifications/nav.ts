import { Permission, type FeatureNav } from "../../auth/permissions";

// The bell sits in the top bar (layout/AppShell.tsx); the feature's pages are Settings tabs.
export const notificationsNav: FeatureNav = {
  settings: [
    { label: "Email", to: "/settings/email", permission: Permission.emailSettings },
    { label: "Notifications", to: "/settings/notifications", permission: Permission.notificationsRead },
  ],
};
