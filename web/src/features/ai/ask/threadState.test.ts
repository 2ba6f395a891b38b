import { describe, expect, it } from "vitest";
import { ApiError } from "../../../api/errors";
import { askProblem, NOT_CONFIGURED_TEXT } from "./askProblems";
import { exampleQuestions } from "./examples";
import { isLast, listWith, listWithout, questionOf, waitingAnswer, withAccepted, withMessage } from "./threadState";
import type { Thread, ThreadDetail, ThreadMessage } from "./types";

const AT = "2026-03-02T10:00:00.000Z";
const THREAD: Thread = { thread_id: "T1", title: "Revenue", created_at: AT, updated_at: AT, message_count: 0, pending_message_id: null };

function message(id: string, role: "user" | "assistant", status: ThreadMessage["status"], text: string | null = null): ThreadMessage {
  return { message_id: id, thread_id: "T1", role, status, text, progress: null, citations: [], tool_calls: [], tokens: 0, error: null, created_at: AT, finished_at: null };
}

const EMPTY: ThreadDetail = { thread: THREAD, messages: [], older_cursor: null };
const accepted = { question: message("M1", "user", "done", "Which campaigns brought revenue?"), answer: message("M2", "assistant", "pending") };

describe("a thread while a question is answered", () => {
  it("shows an accepted question and its pending answer at once, and marks the thread busy", () => {
    const detail = withAccepted(EMPTY, accepted);
    expect(detail.messages.map((m) => m.message_id)).toEqual(["M1", "M2"]);
    expect(detail.thread.pending_message_id).toBe("M2");
    expect(detail.thread.message_count).toBe(2);
    expect(waitingAnswer(detail.messages)?.message_id).toBe("M2");
  });

  it("adds a retried send's pair only once", () => {
    const detail = withAccepted(withAccepted(EMPTY, accepted), accepted);
    expect(detail.messages).toHaveLength(2);
    expect(detail.thread.message_count).toBe(2);
  });

  it("takes each read of the answer, and frees the thread once it is written", () => {
    const asked = withAccepted(EMPTY, accepted);
    const working = withMessage(asked, { ...accepted.answer, status: "working", progress: "Reading a lead" });
    expect(working.messages[1]?.progress).toBe("Reading a lead");
    expect(working.thread.pending_message_id).toBe("M2");
    const done = withMessage(working, { ...accepted.answer, status: "done", text: "Spring: 2400" });
    expect(done.messages[1]?.text).toBe("Spring: 2400");
    expect(done.thread.pending_message_id).toBeNull();
    expect(waitingAnswer(done.messages)).toBeNull();
  });

  it("ignores a read of a message the thread does not show", () => {
    expect(withMessage(EMPTY, accepted.answer)).toBe(EMPTY);
  });

  it("finds the question a failed answer answered, and whether it is the last", () => {
    const messages = [...withAccepted(EMPTY, accepted).messages, message("M3", "user", "done", "Again?"), message("M4", "assistant", "failed")];
    expect(questionOf(messages, "M4")?.text).toBe("Again?");
    expect(questionOf(messages, "M2")?.text).toBe("Which campaigns brought revenue?");
    expect(isLast(messages, "M4")).toBe(true);
    expect(isLast(messages, "M2")).toBe(false);
  });
});

describe("the thread list", () => {
  const data = { pages: [{ items: [THREAD, { ...THREAD, thread_id: "T2", title: "Stalling" }], next_cursor: null }], pageParams: [null] };

  it("follows a rename in place", () => {
    const renamed = listWith(data, { ...THREAD, title: "Campaigns" });
    expect(renamed?.pages[0]?.items.map((t) => t.title)).toEqual(["Campaigns", "Stalling"]);
  });

  it("drops a deleted thread", () => {
    expect(listWithout(data, "T1")?.pages[0]?.items.map((t) => t.thread_id)).toEqual(["T2"]);
  });
});

describe("a refused question", () => {
  it("keeps the request key for a retry only when sending again may work", () => {
    expect(askProblem(new ApiError(0, "network_error", "Cannot reach Convertly")).retry).toBe(true);
    expect(askProblem(new ApiError(503, "ai_unavailable", "The AI service is busy")).retry).toBe(true);
    expect(askProblem(new ApiError(409, "answer_in_progress", "Still writing")).kind).toBe("busy");
    expect(askProblem(new ApiError(409, "thread_full", "Full")).kind).toBe("full");
  });

  it("says the installation has no key, and what the budget was", () => {
    expect(askProblem(new ApiError(503, "ai_not_configured", "No key"))).toEqual({ kind: "not_configured", text: NOT_CONFIGURED_TEXT, retry: false });
    const budget = askProblem(new ApiError(402, "ai_budget_exhausted", "Spent", {}, { budget: 2_000_000, used: 2_000_100, resets_on: "2026-04-01" }));
    expect(budget.kind).toBe("budget");
    expect(budget.text).toMatch(/^This month's AI budget is used up \(2,000,100 of 2,000,000 tokens\)\. You can ask again on .*2026\.$/);
  });

  it("hands a plan refusal on with its error, for the lock", () => {
    const error = new ApiError(402, "plan_feature_required", "AI is part of Professional", {}, { upgrade_plan: "professional" });
    expect(askProblem(error)).toMatchObject({ kind: "plan", retry: false, error });
    expect(askProblem(new ApiError(409, "ai_disabled", "AI is turned off")).kind).toBe("off");
  });

  it("reads the question's own field message", () => {
    expect(askProblem(new ApiError(422, "validation_error", "Invalid", { question: "at most 2000 characters" })).text).toBe("at most 2000 characters");
  });
});

describe("example questions", () => {
  it("name the workspace's Qualified stage, else its second open stage", () => {
    expect(exampleQuestions(["New", "Contacted", "Qualified"])).toContain("How many leads in Qualified have no follow-up?");
    expect(exampleQuestions(["Fresh", "Talking"])).toContain("How many leads in Talking have no follow-up?");
    expect(exampleQuestions([])).toEqual([
      "Which campaigns brought revenue last month?",
      "Which of my leads are stalling?",
      "How many leads does each stage of the pipeline hold?",
    ]);
  });
});
