import type { RouteObject } from "react-router";
import { AiSettingsPage } from "./AiSettingsPage";

/** Children of /settings (the tab and its permission are in nav.ts). */
export const aiSettingsRoutes: RouteObject[] = [{ path: "ai", element: <AiSettingsPage /> }];
