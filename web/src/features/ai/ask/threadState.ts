// The open thread as the page keeps it between reads: a question accepted (202) joins it at once with
// its pending answer, each read of that answer replaces it, and the thread list follows renames and
// deletes without reading everything again.

import type { InfiniteData } from "@tanstack/react-query";
import { isWaiting } from "./answerPolling";
import type { QuestionAccepted, Thread, ThreadDetail, ThreadMessage, ThreadPage } from "./types";

/** The thread with an accepted question and its answer (once: a retried send answers the same pair). */
export function withAccepted(detail: ThreadDetail, accepted: QuestionAccepted): ThreadDetail {
  const known = new Set(detail.messages.map((message) => message.message_id));
  const added = [accepted.question, accepted.answer].filter((message) => !known.has(message.message_id));
  const waiting = isWaiting(accepted.answer);
  return {
    ...detail,
    thread: {
      ...detail.thread,
      message_count: detail.thread.message_count + added.length,
      pending_message_id: waiting ? accepted.answer.message_id : detail.thread.pending_message_id,
    },
    messages: [...detail.messages, ...added],
  };
}

/** The thread with a message as it reads now; a written or failed answer frees the thread. */
export function withMessage(detail: ThreadDetail, message: ThreadMessage): ThreadDetail {
  if (!detail.messages.some((known) => known.message_id === message.message_id)) return detail;
  const freed = !isWaiting(message) && detail.thread.pending_message_id === message.message_id;
  return {
    ...detail,
    thread: freed ? { ...detail.thread, pending_message_id: null } : detail.thread,
    messages: detail.messages.map((known) => (known.message_id === message.message_id ? message : known)),
  };
}

/** The answer being written now, if any (one at a time per thread). */
export function waitingAnswer(messages: readonly ThreadMessage[]): ThreadMessage | null {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index]!;
    if (isWaiting(message)) return message;
  }
  return null;
}

/** The question an answer answers: the user's message just before it. */
export function questionOf(messages: readonly ThreadMessage[], answerId: string): ThreadMessage | null {
  const at = messages.findIndex((message) => message.message_id === answerId);
  for (let index = at - 1; index >= 0; index -= 1) {
    const message = messages[index]!;
    if (message.role === "user") return message;
  }
  return null;
}

/** Whether `answerId` is the thread's last message (only the last failed answer offers "Ask again"). */
export function isLast(messages: readonly ThreadMessage[], answerId: string): boolean {
  return messages[messages.length - 1]?.message_id === answerId;
}

type Pages<P extends ThreadPage> = InfiniteData<P, string | null>;

function mapPages<P extends ThreadPage>(data: Pages<P> | undefined, change: (items: Thread[]) => Thread[]): Pages<P> | undefined {
  if (!data) return data;
  return { ...data, pages: data.pages.map((page) => ({ ...page, items: change(page.items) })) };
}

/** The list with a thread as it is now (renamed). */
export function listWith<P extends ThreadPage>(data: Pages<P> | undefined, thread: Thread): Pages<P> | undefined {
  return mapPages(data, (items) => items.map((item) => (item.thread_id === thread.thread_id ? thread : item)));
}

/** The list without a deleted thread. */
export function listWithout<P extends ThreadPage>(data: Pages<P> | undefined, threadId: string): Pages<P> | undefined {
  return mapPages(data, (items) => items.filter((item) => item.thread_id !== threadId));
}
