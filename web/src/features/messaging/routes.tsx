import type { RouteObject } from "react-router";
import { SmsSettingsPage } from "./SmsSettingsPage";
import { EditTemplatePage, NewTemplatePage } from "./TemplateEditorPage";
import { TemplatesPage } from "./TemplatesPage";
import { UnsubscribePage } from "./UnsubscribePage";

/** Children of /settings (the tab's permission, and its pages', are in nav.ts). */
export const messagingSettingsRoutes: RouteObject[] = [
  { path: "templates", element: <TemplatesPage /> },
  { path: "templates/new", element: <NewTemplatePage /> },
  { path: "templates/:templateId", element: <EditTemplatePage /> },
  { path: "sms", element: <SmsSettingsPage /> },
];

/** Public: the page an email's unsubscribe link opens (no sign-in). */
export const messagingPublicRoutes: RouteObject[] = [{ path: "/unsubscribe/:token", element: <UnsubscribePage /> }];
