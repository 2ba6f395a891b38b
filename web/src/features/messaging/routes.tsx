import type { RouteObject } from "react-router";
import { EditTemplatePage, NewTemplatePage } from "./TemplateEditorPage";
import { TemplatesPage } from "./TemplatesPage";

/** Children of /settings (the tab's permission, and its pages', are in nav.ts). */
export const messagingSettingsRoutes: RouteObject[] = [
  { path: "templates", element: <TemplatesPage /> },
  { path: "templates/new", element: <NewTemplatePage /> },
  { path: "templates/:templateId", element: <EditTemplatePage /> },
];
