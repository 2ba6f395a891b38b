import type { RouteObject } from "react-router";
import { ProfilePage } from "./profile/ProfilePage";
import { TeamPage } from "./TeamPage";

/** One's own profile, under the signed-in shell. */
export const teamRoutes: RouteObject[] = [{ path: "/profile", element: <ProfilePage /> }];

/** Children of /settings (the tab is in nav.ts). */
export const teamSettingsRoutes: RouteObject[] = [{ path: "team", element: <TeamPage /> }];
