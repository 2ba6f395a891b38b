// Query keys and shared reads of the manual actions: the queue's open count (the dashboard's tile),
// one action, the published workflows to filter by, and completing or deleting an action.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { useManualActionsApi } from "./api";
import { describeAction } from "./model";
import type { ManualAction, ManualActionComplete, ManualActionQuery } from "./types";

export const manualActionKeys = {
  /** Every read of the queue and of single actions: refreshed after a completion or a delete. */
  all: ["manual-actions"] as const,
  page: (query: ManualActionQuery, cursor: string | null) => ["manual-actions", "page", query, cursor] as const,
  one: (actionId: string) => ["manual-actions", "one", actionId] as const,
  openCount: ["manual-actions", "open-count"] as const,
  workflows: ["workflows", "published"] as const,
  preview: (templateId: string, contactId: string | null, leadId: string | null) =>
    ["sms-preview", templateId, contactId, leadId] as const,
};

/** How many manual actions are open: the team's for work:assign, else one's own. */
export function useOpenManualActionCount() {
  const api = useManualActionsApi();
  const { grants } = useAuth();
  return useQuery({
    queryKey: manualActionKeys.openCount,
    queryFn: ({ signal }) => api.list({ status: "open" }, null, 1, signal),
    select: (page) => page.open_count,
    enabled: grants.can(Permission.manualActions),
    // Workflows add actions in the background: read again now and then, as the dashboard's figures are.
    refetchInterval: 60_000,
  });
}

export function useManualAction(actionId: string) {
  const api = useManualActionsApi();
  return useQuery({
    queryKey: manualActionKeys.one(actionId),
    queryFn: ({ signal }) => api.get(actionId, signal),
    // A missing action (deleted, or someone else's) shows on the page, not as a toast.
    meta: { inlineErrors: true },
  });
}

/** The published workflows, by name: what manual actions come from now. */
export function usePublishedWorkflows() {
  const api = useManualActionsApi();
  const { grants } = useAuth();
  return useQuery({
    queryKey: manualActionKeys.workflows,
    queryFn: ({ signal }) => api.publishedWorkflows(signal),
    select: (list) => [...list.items].sort((a, b) => a.name.localeCompare(b.name)),
    enabled: grants.can(Permission.automationEnrol),
    staleTime: 60_000,
  });
}

/** Complete an action (its workflow goes on); the queue and the dashboard's count are read again. */
export function useCompleteAction() {
  const api = useManualActionsApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: ManualAction; body: ManualActionComplete }) => api.complete(action.action_id, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(manualActionKeys.one(saved.action_id), saved);
      // Not awaited: the page moves on at once, and the lists read again behind it.
      void queryClient.invalidateQueries({ queryKey: manualActionKeys.all });
    },
  });
}

/** Delete an action made by mistake: its enrolment ends. `onDeleted` runs before the lists are read again. */
export function useDeleteAction(onDeleted: () => void) {
  const api = useManualActionsApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ManualAction) => api.remove(action.action_id),
    onSuccess: async (_answer, action) => {
      toast.success(`Deleted ${describeAction(action)}; its enrolment in ${action.workflow_name} ended`);
      onDeleted();
      await queryClient.invalidateQueries({ queryKey: manualActionKeys.all });
    },
  });
}

/** The action's SMS template filled in for its contact (and lead) as they are now; none without a template. */
export function useSmsPreview(action: ManualAction) {
  const api = useManualActionsApi();
  const { grants } = useAuth();
  const { template_id: templateId, contact_id: contactId, lead_id: leadId } = action;
  return useQuery({
    queryKey: manualActionKeys.preview(templateId ?? "", contactId, leadId),
    queryFn: ({ signal }) => api.previewTemplate({ template_id: templateId, contact_id: contactId, lead_id: leadId }, signal),
    // Without a contact or lead the API fills in a sample person: the text is written by hand instead.
    enabled: Boolean(templateId && (contactId || leadId) && grants.can(Permission.templatesRead)),
    // A deleted template or an unknown merge field shows next to the text, not as a toast.
    meta: { inlineErrors: true },
    staleTime: Infinity,
  });
}
