import { useMutation } from "@tanstack/react-query";
import { useImpersonationApi } from "./api";
import { startViewAs } from "./viewAs";

/**
 * A tenant Admin's "View as" (Settings > Team): POST /team/{user_id}/impersonate, then the app as that
 * person, read-only, until the banner's Exit brings the Admin back to Settings > Team.
 */
export function useViewAsTeammate() {
  const api = useImpersonationApi();
  return useMutation({
    mutationFn: (userId: string) => api.viewAsTeammate(userId),
    onSuccess: (view) => startViewAs(view, "/settings/team"),
  });
}
