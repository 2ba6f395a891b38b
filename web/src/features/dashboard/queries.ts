// The dashboard read and the layout save.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { useDashboardApi } from "./api";
import type { AttributionModel, Dashboard, DashboardLayout } from "./types";

export const dashboardKeys = {
  all: ["dashboard"] as const,
  dashboard: (model: AttributionModel | null) => ["dashboard", model ?? "default"] as const,
};

export function useDashboard(model: AttributionModel | null = null) {
  const api = useDashboardApi();
  const { grants } = useAuth();
  return useQuery({
    queryKey: dashboardKeys.dashboard(model),
    queryFn: ({ signal }) => api.dashboard(model ?? undefined, signal),
    enabled: grants.can(Permission.analyticsRead),
    // The figures come from cells the stack builds shortly after each change: read again now and then.
    refetchInterval: 60_000,
  });
}

/** Saves the layout; every cached dashboard (whatever its model) takes the saved one at once. */
export function useSaveLayout(onSaved: () => void) {
  const api = useDashboardApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (layout: DashboardLayout) => api.saveLayout(layout),
    onSuccess: (saved) => {
      queryClient.setQueriesData<Dashboard>({ queryKey: dashboardKeys.all }, (old) => old && { ...old, layout: saved });
      toast.success("Dashboard layout saved");
      onSaved();
    },
  });
}
