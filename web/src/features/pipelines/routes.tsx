import type { RouteObject } from "react-router";
import { PipelinePage } from "./PipelinePage";
import { PipelinesSettingsPage } from "./settings/PipelinesSettingsPage";

export const pipelinesRoutes: RouteObject[] = [{ path: "/pipeline", element: <PipelinePage /> }];

/** Children of /settings (the tab is in nav.ts). */
export const pipelinesSettingsRoutes: RouteObject[] = [{ path: "pipelines", element: <PipelinesSettingsPage /> }];
