import { describe, expect, it } from "vitest";
import { activeFilterCount, changedFilters, filtersFromParams, paramsFromFilters } from "./filters";

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

