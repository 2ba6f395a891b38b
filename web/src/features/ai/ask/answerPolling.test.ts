import { describe, expect, it } from "vitest";
import { answerPoll, isWaiting, POLL_MS, progressText, SLOW_AFTER_MS, SLOW_POLL_MS } from "./answerPolling";
import { QUESTION_MAX, questionProblem, sendFor } from "./sends";

const answer = (status: "pending" | "working" | "done" | "failed") => ({ role: "assistant" as const, status });

describe("waiting for an answer", () => {
  it("reads it every 1.5 s at first", () => {
    expect(POLL_MS).toBe(1_500);
    expect(answerPoll(undefined, 0)).toBe(POLL_MS);
    expect(answerPoll(answer("pending"), 1_000)).toBe(POLL_MS);
    expect(answerPoll(answer("working"), SLOW_AFTER_MS - 1)).toBe(POLL_MS);
  });

  it("backs off to every 3 s once it has waited 30 s", () => {
    expect(SLOW_AFTER_MS).toBe(30_000);
    expect(SLOW_POLL_MS).toBe(3_000);
    expect(answerPoll(answer("working"), SLOW_AFTER_MS)).toBe(SLOW_POLL_MS);
    expect(answerPoll(answer("pending"), 4 * 60_000)).toBe(SLOW_POLL_MS);
  });

  it("stops once the answer is written or failed", () => {
    expect(answerPoll(answer("done"), 0)).toBe(false);
    expect(answerPoll(answer("failed"), 45_000)).toBe(false);
  });

  it("waits only for answers, never for a question", () => {
    expect(isWaiting({ role: "user", status: "done" })).toBe(false);
    expect(isWaiting(answer("pending"))).toBe(true);
    expect(isWaiting(answer("working"))).toBe(true);
    expect(isWaiting(answer("done"))).toBe(false);
  });

  it("shows what the answer is looking at while it works", () => {
    expect(progressText({ status: "working", progress: "Looking at revenue by campaign" })).toBe("Looking at revenue by campaign…");
    expect(progressText({ status: "working", progress: null })).toBe("Thinking…");
    expect(progressText({ status: "pending", progress: null })).toBe("Waiting for the answer…");
  });
});

describe("sending a question once", () => {
  let made = 0;
  const key = () => `key-${++made}-abcdefgh`;

  it("gives each new question a new request key", () => {
    const first = sendFor("Which leads are stalling?", null, key);
    const second = sendFor("How many leads in Qualified have no follow-up?", first, key);
    expect(first.requestId).not.toBe(second.requestId);
    expect(second.question).toBe("How many leads in Qualified have no follow-up?");
  });

  it("keeps the key when the same question is sent again (a retry, a double click)", () => {
    const first = sendFor("Which leads are stalling?", null, key);
    expect(sendFor("Which leads are stalling?", first, key)).toBe(first);
    expect(sendFor("  Which leads are stalling?\n", first, key).requestId).toBe(first.requestId);
  });

  it("makes keys the API takes", () => {
    expect(sendFor("Hello", null).requestId).toMatch(/^[A-Za-z0-9_.:-]{8,64}$/);
  });

  it("refuses an empty or too long question before sending it", () => {
    expect(questionProblem("   ")).toBe("Write a question first.");
    expect(questionProblem("x".repeat(QUESTION_MAX))).toBeNull();
    expect(questionProblem("x".repeat(QUESTION_MAX + 1))).toMatch(/at most 2,000 characters \(this one has 2,001\)/);
  });
});
