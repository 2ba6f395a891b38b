import { describe, expect, it } from "vitest";
import { activeFilterCount, filtersFromParams, paramsFromFilters } from "./filters";

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
