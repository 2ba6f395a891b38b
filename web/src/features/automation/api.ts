// The automation operations: workflows (draft, publish, pause, clone, delete, test run), their
// enrolments, and the message templates a step sends.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type {
  DryRunRequest,
  Enrolment,
  EnrolmentPage,
  EnrolmentStatus,
  MessageTemplate,
  TemplateList,
  Workflow,
  WorkflowCreate,
  WorkflowList,
  WorkflowStatus,
  WorkflowUpdate,
} from "./types";

const workflowPath = (workflowId: string) => `/workflows/${encodeURIComponent(workflowId)}`;
const enrolmentPath = (enrolmentId: string) => `/enrolments/${encodeURIComponent(enrolmentId)}`;

export function automationApi(client: ApiClient) {
  return {
    /** Newest change first. */
    workflows: (status: WorkflowStatus | null) => client.get<WorkflowList>("/workflows", { status }).then((list) => list.items),
    workflow: (workflowId: string) => client.get<Workflow>(workflowPath(workflowId)),
    /** 402 plan_feature_required on a plan without automation. */
    createWorkflow: (body: WorkflowCreate) => client.post<Workflow>("/workflows", body),
    /** 409 stale_version when someone else saved since `version` was read; 422 invalid_workflow names the steps. */
    saveWorkflow: (workflowId: string, body: WorkflowUpdate) => client.request<Workflow>("PUT", workflowPath(workflowId), { body }),
    publishWorkflow: (workflowId: string, version: number) => client.post<Workflow>(`${workflowPath(workflowId)}/publish`, { version }),
    pauseWorkflow: (workflowId: string, version: number) => client.post<Workflow>(`${workflowPath(workflowId)}/pause`, { version }),
    cloneWorkflow: (workflowId: string) => client.post<Workflow>(`${workflowPath(workflowId)}/clone`),
    deleteWorkflow: (workflowId: string) => client.delete<null>(workflowPath(workflowId)),
    /** A dry run: every step says what it would do; nothing is sent or changed. */
    testWorkflow: (workflowId: string, body: DryRunRequest) => client.post<Enrolment>(`${workflowPath(workflowId)}/test`, body),
    enrolments: (workflowId: string, status: EnrolmentStatus | null, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<EnrolmentPage>(`${workflowPath(workflowId)}/enrolments`, { status, cursor, limit }, signal),
    enrolment: (enrolmentId: string) => client.get<Enrolment>(enrolmentPath(enrolmentId)),
    endEnrolment: (enrolmentId: string) => client.post<Enrolment>(`${enrolmentPath(enrolmentId)}/end`),
    templates: (channel: MessageTemplate["channel"]) =>
      client.get<TemplateList>("/message-templates", { channel }).then((list) => list.items),
  };
}

export type AutomationApi = ReturnType<typeof automationApi>;
export const useAutomationApi = apiHook(automationApi);
