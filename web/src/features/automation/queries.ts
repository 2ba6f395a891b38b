// Query keys and reads of the automation area.

import { useQuery } from "@tanstack/react-query";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { useCursorPages } from "../../lib/useCursorPages";
import { useAutomationApi } from "./api";
import type { EnrolmentStatus, MessageTemplate, WorkflowStatus } from "./types";

export const automationKeys = {
  /** Every list of workflows (each status filter). */
  workflows: ["workflows"] as const,
  list: (status: WorkflowStatus | null) => ["workflows", "list", status] as const,
  workflow: (workflowId: string) => ["workflow", workflowId] as const,
  enrolments: (workflowId: string) => ["enrolments", workflowId] as const,
  enrolmentPage: (workflowId: string, status: EnrolmentStatus | null, cursor: string | null) =>
    ["enrolments", workflowId, status, cursor] as const,
  enrolment: (enrolmentId: string) => ["enrolment", enrolmentId] as const,
  templates: (channel: MessageTemplate["channel"]) => ["message-templates", "channel", channel] as const,
};

export function useWorkflows(status: WorkflowStatus | null) {
  const api = useAutomationApi();
  return useQuery({ queryKey: automationKeys.list(status), queryFn: () => api.workflows(status) });
}

export function useWorkflow(workflowId: string) {
  const api = useAutomationApi();
  return useQuery({
    queryKey: automationKeys.workflow(workflowId),
    queryFn: () => api.workflow(workflowId),
    meta: { inlineErrors: true },
  });
}

/** The email (or SMS) templates a step may send; read only by those who may read templates. */
export function useTemplates(channel: MessageTemplate["channel"]) {
  const api = useAutomationApi();
  const { grants } = useAuth();
  return useQuery({
    queryKey: automationKeys.templates(channel),
    queryFn: () => api.templates(channel),
    enabled: grants.can(Permission.templatesRead),
    staleTime: 60_000,
  });
}

export const ENROLMENTS_PAGE_SIZE = 25;

/** One page of a workflow's enrolments at a time, newest first, walking the API's cursors. */
export function useEnrolmentPages(workflowId: string, status: EnrolmentStatus | null) {
  const api = useAutomationApi();
  return useCursorPages(
    { workflowId, status },
    (filters, cursor) => automationKeys.enrolmentPage(filters.workflowId, filters.status, cursor),
    (filters, cursor, signal) => api.enrolments(filters.workflowId, filters.status, cursor, ENROLMENTS_PAGE_SIZE, signal),
    { urlKey: "enrolments" },
  );
}

export function useEnrolment(enrolmentId: string) {
  const api = useAutomationApi();
  return useQuery({ queryKey: automationKeys.enrolment(enrolmentId), queryFn: () => api.enrolment(enrolmentId) });
}
