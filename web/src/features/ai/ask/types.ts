// Pipeline questions' shapes: a user's threads, a thread's messages, a question and its pending answer.

import type { Schemas } from "../../../api/contract";

/** A thread of questions; `pending_message_id` is the answer being written now (a new question waits for it). */
export type Thread = Schemas["Thread"];
export type ThreadPage = { items: Thread[]; next_cursor: string | null };
/** A thread and its latest messages (oldest first), with the cursor of the page before them. */
export type ThreadDetail = Schemas["ThreadDetail"];
/** A question, or an answer: pending, then working (with its `progress`), then done or failed. */
export type ThreadMessage = Schemas["ThreadMessage"];
export type AnswerStatus = ThreadMessage["status"];
/** A page of Convertly an answer used: a lead, a report, the board. */
export type Citation = Schemas["Citation"];
/** One look the answer took: the tool, its arguments and the start of what it found. */
export type ToolCall = Schemas["ToolCall"];
export type ThreadCreate = Schemas["ThreadCreate"];
export type ThreadUpdate = Schemas["ThreadUpdate"];
export type QuestionCreate = Schemas["QuestionCreate"];
/** 202: the question and its pending answer. */
export type QuestionAccepted = Schemas["QuestionAccepted"];
