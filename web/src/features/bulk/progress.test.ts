import { describe, expect, it } from "vitest";
import { isFinished, pollInterval, POLL_MS, progressOf, tallies, topReasons } from "./progress";

const running = { status: "running" as const, total: 40, resolved: true, processed: 10 };

describe("a bulk action's progress", () => {
  it("is processed of total once every record is found", () => {
    expect(progressOf(running)).toEqual({ known: true, value: 10, max: 40, percent: 25, text: "10 of 40 processed" });
  });

  it("has no maximum while the run is still finding the records", () => {
    const finding = progressOf({ status: "running", total: 300, resolved: false, processed: 0 });
    expect(finding.known).toBe(false);
    expect(finding.max).toBeNull();
    expect(finding.percent).toBeNull();
    expect(finding.text).toBe("Finding the records… 300 found so far");
    expect(progressOf({ status: "queued", total: 0, resolved: false, processed: 0 }).text).toBe("Waiting to start…");
  });

  it("rounds down and never passes 100%", () => {
    expect(progressOf({ ...running, total: 3, processed: 2 }).percent).toBe(66);
    expect(progressOf({ ...running, total: 3, processed: 5 })).toMatchObject({ max: 5, percent: 100 });
    expect(progressOf({ status: "done", total: 0, resolved: true, processed: 0 }).percent).toBe(100);
  });

  it("is over when done or failed, and read again every 1.5 s until then", () => {
    expect(isFinished("done")).toBe(true);
    expect(isFinished("failed")).toBe(true);
    expect(isFinished("queued")).toBe(false);
    expect(pollInterval({ status: "running" })).toBe(POLL_MS);
    expect(POLL_MS).toBe(1500);
    expect(pollInterval({ status: "done" })).toBe(false);
    expect(pollInterval(undefined)).toBe(false);
  });
});

describe("a bulk action's outcome", () => {
  it("keeps the most frequent reasons", () => {
    const reasons = [
      { reason: "deleted", count: 2 },
      { reason: "not yours to change", count: 7 },
      { reason: "in another pipeline", count: 2 },
      { reason: "no longer exists", count: 1 },
    ];
    expect(topReasons(reasons).map((reason) => reason.reason)).toEqual(["not yours to change", "deleted", "in another pipeline"]);
    expect(topReasons(reasons, 10)).toHaveLength(4);
    expect(topReasons([])).toEqual([]);
  });

  it("says its four numbers in order", () => {
    expect(tallies({ succeeded: 9, skipped: 1, failed: 2, forbidden: 3 }).map((tally) => [tally.label, tally.count])).toEqual([
      ["Succeeded", 9],
      ["Skipped", 1],
      ["Failed", 2],
      ["Forbidden", 3],
    ]);
  });
});
