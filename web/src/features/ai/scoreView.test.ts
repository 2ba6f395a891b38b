import { describe, expect, it } from "vitest";
import { keepScoreView, parseMinScore, scoreQuery, scoreViewActive, scoreViewFromParams, withScoreView } from "./scoreView";

describe("the score view in the URL", () => {
  it("reads the sort and the floor", () => {
    expect(scoreViewFromParams(new URLSearchParams("sort=score&min_score=40"))).toEqual({ sort: "score", minScore: 40 });
    expect(scoreViewFromParams(new URLSearchParams("stage_id=S1"))).toEqual({ sort: "newest", minScore: null });
  });

  it("ignores what is not a sort or a whole score 0-100", () => {
    expect(scoreViewFromParams(new URLSearchParams("sort=value&min_score=140"))).toEqual({ sort: "newest", minScore: null });
    expect(scoreViewFromParams(new URLSearchParams("min_score=4.5"))).toEqual({ sort: "newest", minScore: null });
  });

  it("writes the view and keeps the other parameters", () => {
    const params = withScoreView(new URLSearchParams("stage_id=S1&sort=score"), { sort: "newest", minScore: 30 });
    expect(params.toString()).toBe("stage_id=S1&min_score=30");
    expect(withScoreView(params, { sort: "score", minScore: null }).toString()).toBe("stage_id=S1&sort=score");
  });

  it("keeps the view when the other filters change", () => {
    const next = keepScoreView(new URLSearchParams("q=old&sort=score&min_score=50"), new URLSearchParams("q=new"));
    expect(next.toString()).toBe("q=new&sort=score&min_score=50");
  });

  it("is active when sorted by score or given a floor", () => {
    expect(scoreViewActive({ sort: "newest", minScore: null })).toBe(false);
    expect(scoreViewActive({ sort: "score", minScore: null })).toBe(true);
    expect(scoreViewActive({ sort: "newest", minScore: 0 })).toBe(true);
  });

  it("asks the API for the floor, highest first", () => {
    expect(scoreQuery({ sort: "score", minScore: null })).toEqual({ order: "desc" });
    expect(scoreQuery({ sort: "newest", minScore: 55 })).toEqual({ min_score: 55, order: "desc" });
  });
});

describe("a typed floor", () => {
  it("is a whole number 0-100, blank for none", () => {
    expect(parseMinScore("")).toBeNull();
    expect(parseMinScore("  ")).toBeNull();
    expect(parseMinScore("0")).toBe(0);
    expect(parseMinScore(" 75 ")).toBe(75);
    expect(parseMinScore("100")).toBe(100);
    expect(parseMinScore("101")).toBeUndefined();
    expect(parseMinScore("-1")).toBeUndefined();
    expect(parseMinScore("abc")).toBeUndefined();
  });
});
