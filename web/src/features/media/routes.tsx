import type { RouteObject } from "react-router";
import { MediaPage } from "./MediaPage";

/** Children of /settings (the tab's permission is in nav.ts). */
export const mediaSettingsRoutes: RouteObject[] = [{ path: "media", element: <MediaPage /> }];
