// The view-as operations: a tenant Admin views as a teammate; anyone viewing exits. (Convertly's
// support starts from the platform console: features/console/api.ts.)

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type { MessageResponse, ViewAs } from "./types";

export function impersonationApi(client: ApiClient) {
  return {
    /** A read-only view of the app as one of the team (Admins; 201). */
    viewAsTeammate: (userId: string) => client.post<ViewAs>(`/team/${encodeURIComponent(userId)}/impersonate`),
    /** Ends the view on the API: its token answers 401 `impersonation_ended` from the next request. */
    endView: () => client.post<MessageResponse>("/impersonation/end"),
  };
}

export type ImpersonationApi = ReturnType<typeof impersonationApi>;
export const useImpersonationApi = apiHook(impersonationApi);
