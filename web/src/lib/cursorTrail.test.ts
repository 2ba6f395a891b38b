import { describe, expect, it } from "vitest";
import { currentTrail, searchWithCursor, trailsOf, withTrail } from "./cursorTrail";

describe("currentTrail", () => {
  const filters = JSON.stringify({ stage: "s1" });

  it("starts at the first page with nothing in the address bar", () => {
    expect(currentTrail(null, undefined, filters)).toEqual({ cursors: [null], known: true });
  });

  it("walks back the history entry's trail when it ends at the address bar's cursor", () => {
    const kept = { filterKey: filters, cursors: [null, "c2", "c3"] };
    expect(currentTrail("c3", kept, filters)).toEqual({ cursors: [null, "c2", "c3"], known: true });
  });

  it("starts again at the first page once the filters have changed", () => {
    const kept = { filterKey: JSON.stringify({ stage: "s2" }), cursors: [null, "c2"] };
    expect(currentTrail("c2", kept, filters)).toEqual({ cursors: [null], known: true });
  });

  it("opens a linked page with the first page before it and no page number", () => {
    expect(currentTrail("c9", undefined, filters)).toEqual({ cursors: [null, "c9"], known: false });
    const other = { filterKey: filters, cursors: [null, "c2"] };
    expect(currentTrail("c9", other, filters)).toEqual({ cursors: [null, "c9"], known: false });
  });
});

describe("history state", () => {
  it("keeps the page's other state and each list's own trail", () => {
    const state = withTrail({ from: "/leads" }, "cursor", { filterKey: "{}", cursors: [null, "a"] });
    const both = withTrail(state, "expiring", { filterKey: "{}", cursors: [null, "b"] });
    expect(both.from).toBe("/leads");
    expect(trailsOf(both)).toEqual({
      cursor: { filterKey: "{}", cursors: [null, "a"] },
      expiring: { filterKey: "{}", cursors: [null, "b"] },
    });
    expect(trailsOf(withTrail(both, "cursor", null))).toEqual({ expiring: { filterKey: "{}", cursors: [null, "b"] } });
  });

  it("reads no trail from a missing or foreign state", () => {
    expect(trailsOf(null)).toEqual({});
    expect(trailsOf("text")).toEqual({});
    expect(trailsOf({ cursorPages: 3 })).toEqual({});
  });
});

describe("searchWithCursor", () => {
  it("sets the cursor beside the filters and removes it for the first page", () => {
    expect(searchWithCursor("?stage=s1", "cursor", "abc=")).toBe("?stage=s1&cursor=abc%3D");
    expect(searchWithCursor("?stage=s1&cursor=abc", "cursor", null)).toBe("?stage=s1");
    expect(searchWithCursor("?cursor=abc", "cursor", null)).toBe("");
  });
});
