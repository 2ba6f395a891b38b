import type { RouteObject } from "react-router";
import { ConversionsPage } from "./ConversionsPage";
import { AdPlatformsPage } from "./settings/AdPlatformsPage";
import { ConnectCallbackPage } from "./settings/ConnectCallbackPage";

export const conversionsRoutes: RouteObject[] = [{ path: "/conversions", element: <ConversionsPage /> }];

/** Children of /settings (the tab is in nav.ts). */
export const conversionsSettingsRoutes: RouteObject[] = [
  { path: "ad-platforms", element: <AdPlatformsPage /> },
  // Where Google and Meta send the browser back after "Connect" (the OAuth redirect URI).
  { path: "ad-platforms/callback/:platform", element: <ConnectCallbackPage /> },
];
