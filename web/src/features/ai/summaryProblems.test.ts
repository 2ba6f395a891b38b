import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import { IN_PROGRESS_RETRY_MS, IN_PROGRESS_TEXT, NOT_CONFIGURED_TEXT, summaryProblem } from "./summaryProblems";
import { writeSummary } from "./summaryWrite";
import type { LeadSummary } from "./types";

const SUMMARY: LeadSummary = {
  brief: { who: "Pia Berg of Acme", asked: "A roof inspection", came_from: "Google Ads", happened: "Created today", next: "A call" },
  model: "gpt-4o-mini",
  generated_at: "2026-03-01T10:00:00Z",
  generated_by: "U1",
  fresh: true,
};
const inProgress = () => new ApiError(409, "summary_in_progress", "A summary of this lead is being written right now.");

describe("a refused summary", () => {
  it("says plainly that this installation has no OpenAI key", () => {
    const problem = summaryProblem(new ApiError(503, "ai_not_configured", "No key"));
    expect(problem).toEqual({ kind: "not_configured", text: NOT_CONFIGURED_TEXT, retry: false });
    expect(NOT_CONFIGURED_TEXT).toContain("Summaries are not set up on this installation");
  });

  it("offers to try again when the AI service did not answer", () => {
    expect(summaryProblem(new ApiError(503, "ai_unavailable", "The AI service is busy right now. Try again in a minute."))).toEqual({
      kind: "unavailable",
      text: "The AI service is busy right now. Try again in a minute.",
      retry: true,
    });
  });

  it("says what was used of the budget and when it comes back", () => {
    const error = new ApiError(402, "ai_budget_exhausted", "Used up", {}, { budget: 2_000_000, used: 2_000_400, month: "2026-03", resets_on: "2026-04-01" });
    const problem = summaryProblem(error);
    expect(problem.kind).toBe("budget");
    expect(problem.retry).toBe(false);
    expect(problem.text).toMatch(/^This month's AI budget is used up \(2,000,400 of 2,000,000 tokens\)\. Summaries are back on .*2026/);
  });

  it("reads another view's write in progress", () => {
    expect(summaryProblem(inProgress())).toEqual({ kind: "in_progress", text: IN_PROGRESS_TEXT, retry: true });
  });
});

describe("writing a summary", () => {
  it("answers the brief", async () => {
    expect(await writeSummary(async () => SUMMARY)).toEqual({ summary: SUMMARY, problem: null });
  });

  it("asks once more after a pause when another view is writing it", async () => {
    const answers: (() => Promise<LeadSummary>)[] = [() => Promise.reject(inProgress()), async () => SUMMARY];
    const waits: number[] = [];
    const outcome = await writeSummary(
      () => answers.shift()!(),
      async (ms) => void waits.push(ms),
    );
    expect(outcome).toEqual({ summary: SUMMARY, problem: null });
    expect(waits).toEqual([IN_PROGRESS_RETRY_MS]);
  });

  it("gives up after the second answer says in progress, with a message", async () => {
    let calls = 0;
    const outcome = await writeSummary(
      () => {
        calls += 1;
        return Promise.reject(inProgress());
      },
      async () => undefined,
    );
    expect(calls).toBe(2);
    expect(outcome.problem?.text).toBe(IN_PROGRESS_TEXT);
  });

  it("does not ask again after any other refusal", async () => {
    let calls = 0;
    const outcome = await writeSummary(
      () => {
        calls += 1;
        return Promise.reject(new ApiError(503, "ai_not_configured", "No key"));
      },
      async () => undefined,
    );
    expect(calls).toBe(1);
    expect(outcome.problem?.kind).toBe("not_configured");
  });
});
