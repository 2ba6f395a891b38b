// The dashboard operations: read the tiles, save the viewer's layout.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type { AttributionModel, Dashboard, DashboardLayout, DashboardLayoutUpdate } from "./types";

export function dashboardApi(client: ApiClient) {
  return {
    dashboard: (model?: AttributionModel, signal?: AbortSignal) =>
      client.get<Dashboard>("/analytics/dashboard", { model }, signal),
    saveLayout: (body: DashboardLayoutUpdate) =>
      client.request<DashboardLayout>("PUT", "/analytics/dashboard/layout", { body }),
  };
}

export type DashboardApi = ReturnType<typeof dashboardApi>;
export const useDashboardApi = apiHook(dashboardApi);
