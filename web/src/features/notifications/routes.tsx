import type { RouteObject } from "react-router";
import { EmailSettingsPage } from "./email/EmailSettingsPage";
import { NotificationPreferencesPage } from "./preferences/NotificationPreferencesPage";

/** Children of /settings (the tabs are in nav.ts). */
export const notificationsSettingsRoutes: RouteObject[] = [
  { path: "email", element: <EmailSettingsPage /> },
  { path: "notifications", element: <NotificationPreferencesPage /> },
];
