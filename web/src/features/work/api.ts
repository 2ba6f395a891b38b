// The work operations: a lead's follow-ups, the follow-up queue, and tasks.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type {
  BulkComplete,
  BulkCompleteResult,
  FollowUp,
  FollowUpCreate,
  FollowUpPage,
  FollowUpQueueQuery,
  FollowUpSnooze,
  FollowUpUpdate,
  Task,
  TaskCreate,
  TaskPage,
  TaskQuery,
  TaskUpdate,
} from "./types";

const lead = (leadId: string) => `/leads/${encodeURIComponent(leadId)}`;
const followUp = (leadId: string, followUpId: string) => `${lead(leadId)}/followups/${encodeURIComponent(followUpId)}`;
const task = (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`;

export function workApi(client: ApiClient) {
  return {
    leadFollowUps: (leadId: string, tz?: string) => client.get<FollowUpPage>(`${lead(leadId)}/followups`, { tz }),
    createFollowUp: (leadId: string, body: FollowUpCreate) => client.post<FollowUp>(`${lead(leadId)}/followups`, body),
    updateFollowUp: (leadId: string, followUpId: string, body: FollowUpUpdate) =>
      client.patch<FollowUp>(followUp(leadId, followUpId), body),
    deleteFollowUp: (leadId: string, followUpId: string) => client.delete<FollowUp>(followUp(leadId, followUpId)),
    completeFollowUp: (leadId: string, followUpId: string) =>
      client.post<FollowUp>(`${followUp(leadId, followUpId)}/complete`),
    reopenFollowUp: (leadId: string, followUpId: string) => client.post<FollowUp>(`${followUp(leadId, followUpId)}/reopen`),
    snoozeFollowUp: (leadId: string, followUpId: string, body: FollowUpSnooze) =>
      client.post<FollowUp>(`${followUp(leadId, followUpId)}/snooze`, body),
    followUpQueue: (query: FollowUpQueueQuery, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<FollowUpPage>("/followups", { ...query, cursor, limit }, signal),

    tasks: (query: TaskQuery, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<TaskPage>("/tasks", { ...query, cursor, limit }, signal),
    getTask: (taskId: string) => client.get<Task>(task(taskId)),
    createTask: (body: TaskCreate) => client.post<Task>("/tasks", body),
    updateTask: (taskId: string, body: TaskUpdate) => client.patch<Task>(task(taskId), body),
    deleteTask: (taskId: string) => client.delete<Task>(task(taskId)),
    bulkCompleteTasks: (taskIds: string[]) =>
      client.post<BulkCompleteResult>("/tasks/bulk-complete", { task_ids: taskIds } satisfies BulkComplete),
  };
}

export type WorkApi = ReturnType<typeof workApi>;
export const useWorkApi = apiHook(workApi);
