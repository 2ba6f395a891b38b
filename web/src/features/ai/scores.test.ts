import { describe, expect, it } from "vitest";
import { badgeTitle, bandLabel, changeText, chronological, effectMarker, effectText, modelText, scoreBand, sparklinePoints } from "./scores";

describe("score bands", () => {
  it("reads 60 and up as Likely, 30 to 59 as Possible, below 30 as Unlikely", () => {
    expect([100, 60, 59, 30, 29, 0].map(scoreBand)).toEqual(["likely", "likely", "possible", "possible", "unlikely", "unlikely"]);
    expect(bandLabel(72)).toBe("Likely");
    expect(bandLabel(45)).toBe("Possible");
    expect(bandLabel(12)).toBe("Unlikely");
  });

  it("titles a badge with the band and the top reason", () => {
    expect(badgeTitle(72, { text: "Came from Google Ads" })).toBe("72% chance to win (Likely): Came from Google Ads");
    expect(badgeTitle(12, null)).toBe("12% chance to win (Unlikely)");
  });
});

describe("what a score says", () => {
  it("names the model it came from", () => {
    expect(modelText({ model_kind: "learned" })).toBe("Learned from your workspace's own won and lost leads");
    expect(modelText({ model_kind: "prior" })).toBe("A starting estimate from your stage and source rates");
  });

  it("says a reason's direction in words and with a marker", () => {
    expect([effectText("up"), effectMarker("up")]).toEqual(["Raises", "▲"]);
    expect([effectText("down"), effectMarker("down")]).toEqual(["Lowers", "▼"]);
  });

  it("writes a history entry's change", () => {
    expect(changeText({ score: 40, previous: null })).toBe("new");
    expect(changeText({ score: 45, previous: 40 })).toBe("+5");
    expect(changeText({ score: 37, previous: 40 })).toBe("−3");
    expect(changeText({ score: 40, previous: 40 })).toBe("0");
  });
});

describe("the history", () => {
  const history = [
    { at: "2026-03-03T10:00:00Z", score: 50, previous: 25, cause: "Moved to Proposal" },
    { at: "2026-03-01T10:00:00Z", score: 0, previous: null, cause: "Lead created" },
    { at: "2026-03-02T10:00:00Z", score: 25, previous: 0, cause: "Note added" },
  ];

  it("puts it oldest first", () => {
    expect(chronological(history).map((change) => change.cause)).toEqual(["Lead created", "Note added", "Moved to Proposal"]);
  });

  it("draws it left to right, 100 at the top", () => {
    expect(sparklinePoints(history, 100, 40)).toBe("0,40 50,30 100,20");
  });

  it("draws one score flat across, and nothing without one", () => {
    expect(sparklinePoints([history[0]!], 100, 40)).toBe("0,20 100,20");
    expect(sparklinePoints([], 100, 40)).toBe("");
  });
});
