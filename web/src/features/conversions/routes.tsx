import type { RouteObject } from "react-router";
import { ConversionsPage } from "./ConversionsPage";
import { AdPlatformsPage } from "./settings/AdPlatformsPage";

export const conversionsRoutes: RouteObject[] = [{ path: "/conversions", element: <ConversionsPage /> }];

/** Children of /settings (the tab is in nav.ts). */
export const conversionsSettingsRoutes: RouteObject[] = [{ path: "ad-platforms", element: <AdPlatformsPage /> }];
