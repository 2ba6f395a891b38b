// The enrolment operations of a contact's or a lead's page: its workflows, the published workflows,
// and enrolling it in one.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type { EnrolRequest, EnrolResult, PublishedWorkflow, PublishedWorkflowList, Subject, SubjectWorkflows } from "./types";

const PATHS: Record<Subject["kind"], string> = { contact: "/contacts", lead: "/leads" };

export function enrolmentsApi(client: ApiClient) {
  return {
    workflowsOf: (kind: Subject["kind"], id: string) =>
      client.get<SubjectWorkflows>(`${PATHS[kind]}/${encodeURIComponent(id)}/workflows`),
    published: () => client.get<PublishedWorkflowList>("/workflows/published").then((list): PublishedWorkflow[] => list.items),
    /** 202: each enrolment runs in the background; the same request key twice enrols once. */
    enrol: (workflowId: string, body: EnrolRequest) =>
      client.post<EnrolResult>(`/workflows/${encodeURIComponent(workflowId)}/enrolments`, body),
  };
}

export const useEnrolmentsApi = apiHook(enrolmentsApi);

export const enrolmentKeys = {
  /** Under the contact's (lead's) own key, so whatever refreshes the record refreshes its workflows too. */
  workflowsOf: (kind: Subject["kind"], id: string) => [kind, id, "workflows"] as const,
  published: ["workflows", "published"] as const,
};
