import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import {
  ALL_KINDS,
  choiceErrors,
  finishedMessage,
  hasChoiceErrors,
  isFinished,
  MAX_RECIPIENTS,
  orderedRecipients,
  overallPercent,
  parseTracked,
  progressSummary,
  reassignBody,
  reassignErrors,
  reassignProgress,
  recipientCandidates,
  roundRobinSentence,
  roundRobinShares,
  skippedText,
  statusText,
  toggled,
  withTracked,
} from "./reassign";
import type { Reassignment, TeamMember } from "./types";

function member(user_id: string, name: string, overrides: Partial<TeamMember> = {}): TeamMember {
  return {
    user_id,
    name,
    email: `${user_id}@acme.test`,
    role: "Sales",
    status: "active",
    created_at: "2026-11-01T09:00:00Z",
    open_leads: 0,
    ...overrides,
  };
}

function job(overrides: Partial<Reassignment> = {}): Reassignment {
  return {
    job_id: "job-1",
    from_user_id: "u-lou",
    to_user_ids: ["u-fay", "u-sam"],
    status: "running",
    leads_total: 30,
    followups_total: 1,
    tasks_total: 2,
    leads_moved: 12,
    followups_moved: 1,
    tasks_moved: 0,
    skipped: 0,
    created_at: "2026-12-06T12:00:00Z",
    finished_at: null,
    ...overrides,
  };
}

const TEAM = [
  member("u-sam", "Sam Second"),
  member("u-lou", "Lou Leaving", { status: "deactivated", open_leads: 3 }),
  member("u-ivy", "Ivy Invited", { status: "invited" }),
  member("u-ada", "ada admin", { role: "Admin" }),
  member("u-old", "Old Timer", { status: "deactivated" }),
  member("u-fay", "Fay First", { role: "Manager" }),
];

describe("who can receive the work", () => {
  it("is every active member but the one it comes from, by name whatever the case", () => {
    expect(recipientCandidates(TEAM, "u-lou").map((m) => m.user_id)).toEqual(["u-ada", "u-fay", "u-sam"]);
  });

  it("leaves out the source even when they are active, and invited or deactivated people", () => {
    const ids = recipientCandidates(TEAM, "u-sam").map((m) => m.user_id);
    expect(ids).toEqual(["u-ada", "u-fay"]);
    expect(ids).not.toContain("u-ivy");
    expect(ids).not.toContain("u-old");
  });

  it("is nobody in a team of one", () => {
    expect(recipientCandidates([member("u-lou", "Lou")], "u-lou")).toEqual([]);
    expect(recipientCandidates([member("u-lou", "Lou"), member("u-old", "Old", { status: "deactivated" })], "u-lou")).toEqual([]);
    expect(recipientCandidates([], "u-lou")).toEqual([]);
  });

  it("keeps the candidates' order for the round robin, whatever the order of the clicks", () => {
    const candidates = recipientCandidates(TEAM, "u-lou");
    let chosen: ReadonlySet<string> = new Set();
    chosen = toggled(chosen, "u-sam", true);
    chosen = toggled(chosen, "u-ada", true);
    expect(orderedRecipients(candidates, chosen)).toEqual(["u-ada", "u-sam"]);
    chosen = toggled(chosen, "u-ada", false);
    expect(orderedRecipients(candidates, chosen)).toEqual(["u-sam"]);
  });

  it("drops someone chosen who is no longer a candidate (deactivated meanwhile)", () => {
    const candidates = recipientCandidates(TEAM, "u-lou");
    expect(orderedRecipients(candidates, new Set(["u-old", "u-fay", "u-gone"]))).toEqual(["u-fay"]);
  });

  it("toggles without changing the set it was given", () => {
    const before = new Set(["a"]);
    const after = toggled(before, "b", true);
    expect([...before]).toEqual(["a"]);
    expect([...after]).toEqual(["a", "b"]);
    expect([...toggled(after, "a", false)]).toEqual(["b"]);
  });
});

describe("the choice", () => {
  it("needs somebody and something", () => {
    expect(choiceErrors({ recipients: [], kinds: ALL_KINDS })).toEqual({ recipients: "Choose who receives the work" });
    expect(choiceErrors({ recipients: ["u-fay"], kinds: { leads: false, followups: false, tasks: false } })).toEqual({
      kinds: "Choose what to reassign",
    });
    expect(hasChoiceErrors(choiceErrors({ recipients: ["u-fay"], kinds: { leads: false, followups: true, tasks: false } }))).toBe(false);
  });

  it("takes at most the API's 20 people", () => {
    const many = Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i) => `u-${i}`);
    expect(choiceErrors({ recipients: many, kinds: ALL_KINDS }).recipients).toBe("Choose at most 20 people");
    expect(choiceErrors({ recipients: many.slice(1), kinds: ALL_KINDS })).toEqual({});
  });

  it("is sent as the API's request, kinds and all", () => {
    expect(reassignBody({ recipients: ["u-fay", "u-ada"], kinds: { leads: true, followups: false, tasks: true } })).toEqual({
      to_user_ids: ["u-fay", "u-ada"],
      leads: true,
      followups: false,
      tasks: true,
    });
  });
});

describe("the round robin", () => {
  it("deals the items out in turn, the first people getting one more", () => {
    expect(roundRobinShares(3, 2)).toEqual([2, 1]);
    expect(roundRobinShares(7, 3)).toEqual([3, 2, 2]);
    expect(roundRobinShares(2, 4)).toEqual([1, 1, 0, 0]);
    expect(roundRobinShares(0, 2)).toEqual([0, 0]);
    expect(roundRobinShares(5, 0)).toEqual([]);
  });

  it("is explained before anyone is chosen, and with the shares once they are", () => {
    expect(roundRobinSentence([], 3)).toMatch(/in turn, one item at a time \(round robin\)/);
    expect(roundRobinSentence(["Fay"], 3)).toBe("All of it goes to Fay.");
    expect(roundRobinSentence(["Fay", "Sam"], 3)).toBe(
      "The work is dealt out in turn (round robin): the first item to Fay, the next to Sam, then Fay again, so each gets about the same share. Of the 3 open leads: Fay 2, Sam 1.",
    );
    expect(roundRobinSentence(["Fay", "Sam", "Ada"], 1)).toContain("the next to Sam, and so on, then Fay again");
    expect(roundRobinSentence(["Fay", "Sam", "Ada"], 1)).toContain("Of the 1 open lead: Fay 1, Sam 0, Ada 0.");
    expect(roundRobinSentence(["Fay", "Sam"], 0)).not.toContain("Of the");
  });
});

describe("a job's progress", () => {
  it("counts each kind, moved of total", () => {
    expect(progressSummary(job())).toBe("12 of 30 leads, 1 of 1 follow-up, 0 of 2 tasks");
    expect(reassignProgress(job()).map((row) => [row.kind, row.percent])).toEqual([
      ["leads", 40],
      ["followups", 100],
      ["tasks", 0],
    ]);
  });

  it("says so when a kind has nothing to move", () => {
    const empty = job({ tasks_total: 0, followups_total: 0, followups_moved: 0 });
    expect(progressSummary(empty)).toBe("12 of 30 leads, no follow-ups, no tasks");
    expect(reassignProgress(empty)[2]).toMatchObject({ total: 0, percent: 0 });
    expect(reassignProgress({ ...empty, status: "done" })[2]).toMatchObject({ total: 0, percent: 100 });
  });

  it("never shows more moved than the total (work given to the person after the start moves too)", () => {
    const more = job({ leads_total: 3, leads_moved: 5 });
    expect(reassignProgress(more)[0]).toMatchObject({ moved: 5, total: 5, percent: 100, text: "5 of 5 leads" });
  });

  it("shows only the kinds chosen", () => {
    const kinds = { leads: true, followups: false, tasks: true };
    expect(progressSummary(job({ followups_total: 0, followups_moved: 0 }), kinds)).toBe("12 of 30 leads, 0 of 2 tasks");
    // Nothing chosen is not a job the API runs: every kind, rather than nothing.
    expect(reassignProgress(job(), { leads: false, followups: false, tasks: false })).toHaveLength(3);
  });

  it("adds up to the whole, which is complete once done whatever was skipped", () => {
    expect(overallPercent(job())).toBe(Math.round((13 / 33) * 100));
    expect(overallPercent(job({ leads_total: 0, followups_total: 0, tasks_total: 0, leads_moved: 0, followups_moved: 0 }))).toBe(0);
    const done = job({ status: "done", leads_moved: 29, skipped: 1 });
    expect(overallPercent(done)).toBe(100);
    expect(reassignProgress(done)[0]).toMatchObject({ percent: 100, text: "29 of 30 leads" });
  });

  it("reads its status", () => {
    expect(statusText(job({ status: "queued" }))).toBe("Waiting to start");
    expect(statusText(job())).toBe("Moving the work");
    expect(statusText(job({ status: "done" }))).toBe("Done");
    expect(isFinished(job())).toBe(false);
    expect(isFinished(job({ status: "done" }))).toBe(true);
    expect(isFinished(undefined)).toBe(false);
  });

  it("says what was skipped", () => {
    expect(skippedText(job())).toBeNull();
    expect(skippedText(job({ skipped: 1 }))).toBe("1 item was left as it was: someone changed or closed it meanwhile.");
    expect(skippedText(job({ skipped: 2 }))).toBe("2 items were left as they were: someone changed or closed them meanwhile.");
  });

  it("ends with a toast of what moved", () => {
    const done = job({ status: "done", leads_total: 3, leads_moved: 3, tasks_total: 0 });
    expect(finishedMessage(done, "Lou Leaving")).toBe("The work of Lou Leaving was reassigned: 3 leads, 1 follow-up, 0 tasks moved");
    expect(finishedMessage({ ...done, skipped: 2 }, "Lou", { leads: true, followups: false, tasks: false })).toBe(
      "The work of Lou was reassigned: 3 leads moved (2 skipped)",
    );
  });
});

describe("the API's refusal", () => {
  const refusal = new ApiError(422, "validation_error", "Reassign to other users of the team who are not deactivated", {
    to_user_ids: "not a user who can take work: u-old, u-nobody",
  });

  it("goes under the picker, with names for the ids the team knows", () => {
    expect(reassignErrors(refusal, TEAM)).toEqual({ recipients: "Not a user who can take work: Old Timer, u-nobody" });
  });

  it("puts what is not about the people above the form", () => {
    const other = new ApiError(422, "validation_error", "Some fields are not valid", { leads: "must be a boolean" });
    expect(reassignErrors(other, TEAM)).toEqual({ problem: "Leads: must be a boolean" });
    expect(reassignErrors(new ApiError(422, "validation_error", "Not valid"), TEAM)).toEqual({ problem: "Not valid" });
    const nested = new ApiError(422, "validation_error", "Not valid", { "to_user_ids.0": "too long" });
    expect(reassignErrors(nested, TEAM)).toEqual({ recipients: "Too long" });
  });

  it("shows any other failure as it reads", () => {
    expect(reassignErrors(new ApiError(404, "user_not_found", "No such user"), TEAM)).toEqual({ problem: "No such user" });
    expect(reassignErrors(new Error("offline"), TEAM)).toEqual({ problem: "offline" });
    expect(reassignErrors(null, TEAM)).toEqual({});
  });
});

describe("the jobs the page follows", () => {
  const tracked = { jobId: "job-1", fromUserId: "u-lou", name: "Lou", kinds: { leads: true, followups: false, tasks: true } };

  it("come back from the tab's storage", () => {
    expect(parseTracked(JSON.stringify([tracked]))).toEqual([tracked]);
  });

  it("skip what cannot be read, and default to every kind", () => {
    expect(parseTracked(null)).toEqual([]);
    expect(parseTracked("{not json")).toEqual([]);
    expect(parseTracked(JSON.stringify({ jobId: "x" }))).toEqual([]);
    expect(parseTracked(JSON.stringify([{ jobId: "", fromUserId: "u", name: "n" }, 3, null]))).toEqual([]);
    expect(parseTracked(JSON.stringify([{ jobId: "j", fromUserId: "u", name: "n" }]))).toEqual([
      { jobId: "j", fromUserId: "u", name: "n", kinds: ALL_KINDS },
    ]);
  });

  it("hold a job once", () => {
    const again = { ...tracked, name: "Lou Leaving" };
    expect(withTracked(withTracked([], tracked), again)).toEqual([again]);
    expect(withTracked([tracked], { ...tracked, jobId: "job-2" })).toHaveLength(2);
  });
});
