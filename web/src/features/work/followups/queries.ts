// Follow-up reads and writes shared by the queue and a lead's panel.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { toast } from "../../../components/toasts";
import { useWorkApi } from "../api";
import type { FollowUp, FollowUpQueueQuery, FollowUpSnooze, FollowUpUpdate } from "../types";
import { typeLabel } from "./model";

export const followUpKeys = {
  all: ["followups"] as const,
  queue: (query: FollowUpQueueQuery) => ["followups", "queue", query] as const,
  lead: (leadId: string) => ["followups", "lead", leadId] as const,
};

/** The current time, moving on every `everyMs`, so a page left open regroups as items fall due. */
export function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function describe(followUp: FollowUp): string {
  const who = followUp.lead_name || "this lead";
  return `${typeLabel(followUp.type)} with ${who}`;
}

/** Complete, reopen, snooze, reschedule and delete; each refreshes the queue and the lead's list. */
export function useFollowUpActions() {
  const api = useWorkApi();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: followUpKeys.all });

  const reopen = useMutation({
    mutationFn: (item: FollowUp) => api.reopenFollowUp(item.lead_id, item.followup_id),
    onSuccess: (_saved, item) => {
      toast.success(`${describe(item)} is open again`);
      return refresh();
    },
  });
  const complete = useMutation({
    mutationFn: (item: FollowUp) => api.completeFollowUp(item.lead_id, item.followup_id),
    onSuccess: (_saved, item) => {
      toast.success(`${describe(item)} completed`, { label: "Undo", run: () => reopen.mutate(item) });
      return refresh();
    },
  });
  const snooze = useMutation({
    mutationFn: ({ item, body }: { item: FollowUp; body: FollowUpSnooze }) =>
      api.snoozeFollowUp(item.lead_id, item.followup_id, body),
    onSuccess: (_saved, { item }) => {
      toast.success(`${describe(item)} snoozed`);
      return refresh();
    },
  });
  const update = useMutation({
    mutationFn: ({ item, body }: { item: FollowUp; body: Omit<FollowUpUpdate, "version"> }) =>
      api.updateFollowUp(item.lead_id, item.followup_id, { ...body, version: item.version }),
    meta: { inlineErrors: true },
    onSuccess: () => refresh(),
  });
  const remove = useMutation({
    mutationFn: (item: FollowUp) => api.deleteFollowUp(item.lead_id, item.followup_id),
    onSuccess: (_saved, item) => {
      toast.success(`${describe(item)} deleted`);
      return refresh();
    },
  });
  return { complete, reopen, snooze, update, remove, refresh };
}

export type FollowUpActions = ReturnType<typeof useFollowUpActions>;
