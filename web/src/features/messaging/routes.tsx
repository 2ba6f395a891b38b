import type { RouteObject } from "react-router";
import { TemplatesPage } from "./TemplatesPage";

/** Children of /settings (the tab's permission is in nav.ts). */
export const messagingSettingsRoutes: RouteObject[] = [{ path: "templates", element: <TemplatesPage /> }];
