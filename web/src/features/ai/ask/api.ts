// The pipeline questions API: the caller's threads (list, start, rename, delete), a thread's messages,
// asking a question (202 with its pending answer) and reading that answer until it is written. Every
// call answers 402 `plan_feature_required` on a plan without AI and 409 `ai_disabled` while AI is off;
// asking can also answer 503 `ai_not_configured`, 402 `ai_budget_exhausted`, 409 `answer_in_progress`
// and `thread_full`.

import type { ApiClient } from "../../../api/client";
import { apiHook } from "../../../context";
import type {
  QuestionAccepted,
  QuestionCreate,
  Thread,
  ThreadCreate,
  ThreadDetail,
  ThreadMessage,
  ThreadPage,
  ThreadUpdate,
} from "./types";

/** Threads a page of the list shows. */
export const THREADS_PAGE = 50;

const thread = (threadId: string) => `/ai/threads/${encodeURIComponent(threadId)}`;

export function askApi(client: ApiClient) {
  return {
    /** The caller's threads, most recently updated first. */
    threads: (cursor: string | null, signal?: AbortSignal) =>
      client.get<ThreadPage>("/ai/threads", { cursor, limit: THREADS_PAGE }, signal),
    createThread: (body: ThreadCreate = {}) => client.post<Thread>("/ai/threads", body),
    /** The thread and its latest 50 messages; `cursor` (its `older_cursor`) for the page before. */
    thread: (threadId: string, cursor: string | null = null, signal?: AbortSignal) =>
      client.get<ThreadDetail>(thread(threadId), { cursor }, signal),
    rename: (threadId: string, title: string) => client.patch<Thread>(thread(threadId), { title } satisfies ThreadUpdate),
    remove: (threadId: string) => client.delete<void>(thread(threadId)),
    /** Ask: the same `request_id` again answers the same pair (a retry never asks twice). */
    ask: (threadId: string, body: QuestionCreate) => client.post<QuestionAccepted>(`${thread(threadId)}/messages`, body),
    message: (threadId: string, messageId: string, signal?: AbortSignal) =>
      client.get<ThreadMessage>(`${thread(threadId)}/messages/${encodeURIComponent(messageId)}`, undefined, signal),
  };
}

export type AskApi = ReturnType<typeof askApi>;
export const useAskApi = apiHook(askApi);

export const askKeys = {
  all: ["ai", "threads"] as const,
  list: ["ai", "threads", "list"] as const,
  thread: (threadId: string) => ["ai", "threads", "thread", threadId] as const,
  message: (threadId: string, messageId: string) => ["ai", "threads", "thread", threadId, "message", messageId] as const,
};
