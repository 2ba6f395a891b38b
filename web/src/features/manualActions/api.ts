// The manual actions operations: the queue, one action, completing and deleting it; and the reads
// around them: the published workflows to filter by, an SMS template filled in for the contact.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type {
  ManualAction,
  ManualActionComplete,
  ManualActionPage,
  ManualActionQuery,
  PublishedWorkflowList,
  TemplatePreview,
  TemplatePreviewRequest,
} from "./types";

const action = (actionId: string) => `/manual-actions/${encodeURIComponent(actionId)}`;

export function manualActionsApi(client: ApiClient) {
  return {
    /** Oldest first while open, latest first once done; `open_count` counts the whole view. */
    list: (query: ManualActionQuery, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<ManualActionPage>("/manual-actions", { ...query, cursor, limit }, signal),
    get: (actionId: string, signal?: AbortSignal) => client.get<ManualAction>(action(actionId), undefined, signal),
    /** The workflow goes on from its next step; completing it again answers the first completion. */
    complete: (actionId: string, body: ManualActionComplete) => client.post<ManualAction>(`${action(actionId)}/complete`, body),
    /** Its enrolment ends. */
    remove: (actionId: string) => client.delete<null>(action(actionId)),
    publishedWorkflows: (signal?: AbortSignal) => client.get<PublishedWorkflowList>("/workflows/published", undefined, signal),
    previewTemplate: (body: TemplatePreviewRequest, signal?: AbortSignal) =>
      client.post<TemplatePreview>("/message-templates/preview", body, { signal }),
  };
}

export type ManualActionsApi = ReturnType<typeof manualActionsApi>;
export const useManualActionsApi = apiHook(manualActionsApi);
