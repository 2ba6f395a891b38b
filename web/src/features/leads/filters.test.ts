import { describe, expect, it } from "vitest";
import {
  activeFilterCount,
  changedFilters,
  chooseOrder,
  filtersFromParams,
  listOrder,
  listParams,
  orderLabel,
  paramsFromFilters,
  sortByColumn,
  withOrder,
  withScoreChoice,
} from "./filters";

describe("filters in the URL", () => {
  it("round-trips the filters a person set", () => {
    const filters = { q: "garcia", stage_id: "S1", source: "meta_ads", created_from: "2026-01-01" };
    expect(filtersFromParams(paramsFromFilters(filters))).toEqual(filters);
  });

  it("ignores blanks and unknown parameters", () => {
    expect(filtersFromParams(new URLSearchParams("q=%20&owner_id=U1&cursor=abc&deleted=true"))).toEqual({ owner_id: "U1" });
  });

  it("counts the active filters", () => {
    expect(activeFilterCount({})).toBe(0);
    expect(activeFilterCount({ q: "a", source: "form" })).toBe(2);
  });
});

describe("changedFilters", () => {
  it("lands only what changed on the latest filters, so a change made a moment ago stays", () => {
    const shown = { created_to: "2026-12-06" };
    const latest = {};
    expect(changedFilters(latest, shown, { created_to: "2026-12-06", created_from: "2026-12-07" })).toEqual({
      created_from: "2026-12-07",
    });
  });

  it("clears everything when every filter is cleared", () => {
    expect(changedFilters({ q: "quartz", source: "meta_ads" }, { q: "quartz", source: "meta_ads" }, {})).toEqual({});
  });
});


describe("the list's order in the URL", () => {
  it("keeps a sort and a direction other than the defaults, and leaves the defaults out", () => {
    expect(filtersFromParams(new URLSearchParams("sort=value"))).toEqual({ sort: "value" });
    expect(filtersFromParams(new URLSearchParams("sort=name&order=desc"))).toEqual({ sort: "name", order: "desc" });
    expect(filtersFromParams(new URLSearchParams("sort=created&order=desc&stage_id=S1"))).toEqual({ stage_id: "S1" });
    expect(filtersFromParams(new URLSearchParams("order=asc"))).toEqual({ order: "asc" });
    expect(paramsFromFilters({ q: "ana", sort: "updated", order: "asc" }).toString()).toBe("q=ana&sort=updated&order=asc");
    const filters = { source: "form", sort: "value" as const, order: "asc" as const };
    expect(filtersFromParams(paramsFromFilters(filters))).toEqual(filters);
  });

  it("ignores unknown sorts and directions, and the AI score view's sort", () => {
    expect(filtersFromParams(new URLSearchParams("sort=bogus&order=sideways"))).toEqual({});
    expect(filtersFromParams(new URLSearchParams("sort=score&min_score=40"))).toEqual({});
  });

  it("reads each sort in its own order unless one is chosen", () => {
    expect(listOrder({})).toEqual({ sort: "created", order: "desc" });
    expect(listOrder({ sort: "value" })).toEqual({ sort: "value", order: "desc" });
    expect(listOrder({ sort: "name" })).toEqual({ sort: "name", order: "asc" });
    expect(listOrder({ sort: "name", order: "desc" })).toEqual({ sort: "name", order: "desc" });
    expect(orderLabel("value", "desc")).toBe("Highest first");
    expect(orderLabel("name", "asc")).toBe("A to Z");
  });

  it("is not a filter: it counts for none and clearing filters can keep it", () => {
    expect(activeFilterCount({ sort: "value", order: "asc" })).toBe(0);
    const shown = { q: "ana", sort: "value" as const };
    expect(changedFilters(shown, shown, { sort: "value" })).toEqual({ sort: "value" });
  });

  it("sorts by a column header: its own order first, then the other way", () => {
    expect(sortByColumn({ stage_id: "S1" }, "value")).toEqual({ stage_id: "S1", sort: "value" });
    expect(sortByColumn({ sort: "value" }, "value")).toEqual({ sort: "value", order: "asc" });
    expect(sortByColumn({ sort: "value", order: "asc" }, "value")).toEqual({ sort: "value" });
    expect(sortByColumn({ sort: "value" }, "created")).toEqual({});
    expect(sortByColumn({}, "created")).toEqual({ order: "asc" });
    expect(withOrder({ sort: "name", order: "desc" }, "updated")).toEqual({ sort: "updated" });
  });

  it("keeps the AI score view's choices across a filter change, and leaves them for a sort chosen", () => {
    const current = new URLSearchParams("sort=score&min_score=40&stage_id=S1");
    expect(listParams(current, { stage_id: "S2" }).toString()).toBe("stage_id=S2&min_score=40&sort=score");
    expect(chooseOrder(current, { stage_id: "S1" }, "value").toString()).toBe("stage_id=S1&sort=value");
    const sorted = new URLSearchParams("sort=value&order=asc");
    expect(listParams(sorted, { sort: "value", order: "asc", source: "form" }).toString()).toBe(
      "source=form&sort=value&order=asc",
    );
  });

  it("keeps the list's sort while the score floor is set, for when the score view ends", () => {
    const sorted = new URLSearchParams("sort=value&stage_id=S1");
    const floored = withScoreChoice(sorted, { sort: "newest", minScore: 30 });
    expect(floored.get("sort")).toBe("value");
    expect(floored.get("min_score")).toBe("30");
    expect(filtersFromParams(withScoreChoice(floored, { sort: "newest", minScore: null }))).toEqual({ stage_id: "S1", sort: "value" });
    expect(withScoreChoice(floored, { sort: "newest", minScore: null }).has("min_score")).toBe(false);
    expect(withScoreChoice(sorted, { sort: "score", minScore: null }).get("sort")).toBe("score");
  });
});
