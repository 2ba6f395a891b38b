// Sending a question once: each new question gets a fresh request key; sending the same question
// again after a send that did not get through (a network error, a busy service) keeps its key, so the
// API answers the first send's pair instead of asking the model twice.

import { newRequestKey } from "../../bulk/requestKey";
import { getDisplayLocale } from "../../../lib/format";

export interface Send {
  /** The question as sent (the API trims it too). */
  question: string;
  requestId: string;
}

/** The send for `question`: the last attempt's when it was the same question, else one with a new key. */
export function sendFor(question: string, last: Send | null, newKey: () => string = newRequestKey): Send {
  const text = question.trim();
  return last !== null && last.question === text ? last : { question: text, requestId: newKey() };
}

/** What a question must be before it is sent: some text, at most 2,000 characters; null when it is fine. */
export const QUESTION_MAX = 2_000;

export function questionProblem(question: string): string | null {
  const text = question.trim();
  if (!text) return "Write a question first.";
  if (text.length > QUESTION_MAX) return `A question is at most ${QUESTION_MAX.toLocaleString(getDisplayLocale())} characters (this one has ${text.length.toLocaleString(getDisplayLocale())}).`;
  return null;
}
