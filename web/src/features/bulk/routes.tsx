import type { RouteObject } from "react-router";
import { BulkActionsPage } from "./BulkActionsPage";

/** Children of /settings (the tab is in nav.ts). */
export const bulkSettingsRoutes: RouteObject[] = [{ path: "bulk-actions", element: <BulkActionsPage /> }];
