// Reading threads so that AI being unavailable (a plan without it, or turned off) and a deleted thread
// are states the page shows in place, not errors that raise a toast.

import { ApiError } from "../../../api/errors";
import { aiRefusal, type AiRefusal } from "../plan";
import type { AskApi } from "./api";
import type { ThreadDetail, ThreadPage } from "./types";

/** A page of the thread list; `refusal` when AI is not available to this workspace now. */
export type ThreadsRead = ThreadPage & { refusal: AiRefusal | null };

export async function readThreads(api: Pick<AskApi, "threads">, cursor: string | null, signal?: AbortSignal): Promise<ThreadsRead> {
  try {
    const page = await api.threads(cursor, signal);
    return { items: page.items, next_cursor: page.next_cursor ?? null, refusal: null };
  } catch (error) {
    const refusal = aiRefusal(error);
    if (refusal) return { items: [], next_cursor: null, refusal };
    throw error;
  }
}

export type ThreadRead =
  | { kind: "ready"; detail: ThreadDetail }
  | { kind: "gone" }
  | { kind: "refused"; refusal: AiRefusal };

export async function readThread(api: Pick<AskApi, "thread">, threadId: string, signal?: AbortSignal): Promise<ThreadRead> {
  try {
    return { kind: "ready", detail: await api.thread(threadId, null, signal) };
  } catch (error) {
    const refusal = aiRefusal(error);
    if (refusal) return { kind: "refused", refusal };
    if (error instanceof ApiError && error.status === 404) return { kind: "gone" };
    throw error;
  }
}
