import { describe, expect, it } from "vitest";
import { buildUrl } from "../../api/client";
import {
  hasImportFilters,
  importFiltersFromParams,
  importListQuery,
  importRangeProblem,
  paramsFromImportFilters,
  withImportFilter,
} from "./filters";

describe("Settings > Imports' filters", () => {
  it("reads the filters from the URL, dropping what the API would refuse", () => {
    const params = new URLSearchParams("status=done&user_id=u-1&date_from=2026-11-01&date_to=2026-02-30&cursor=x");
    expect(importFiltersFromParams(params)).toEqual({ status: "done", user_id: "u-1", date_from: "2026-11-01" });
    expect(importFiltersFromParams(new URLSearchParams("status=paused&date_to=yesterday"))).toEqual({});
  });

  it("writes them back to the URL and to the API's query the same way", () => {
    const filters = { status: "running" as const, user_id: "u 1", date_from: "2026-11-01", date_to: "2026-11-30" };
    expect(paramsFromImportFilters(filters).toString()).toBe("status=running&user_id=u+1&date_from=2026-11-01&date_to=2026-11-30");
    expect(importFiltersFromParams(paramsFromImportFilters(filters))).toEqual(filters);
    expect(buildUrl("http://api.test", "/imports", { ...importListQuery(filters), cursor: "c2", limit: 25 })).toBe(
      "http://api.test/imports?status=running&user_id=u+1&date_from=2026-11-01&date_to=2026-11-30&cursor=c2&limit=25",
    );
    expect(importListQuery({})).toEqual({});
  });

  it("applies one control at a time; the empty choice clears it", () => {
    const filters = withImportFilter({ status: "done" }, "user_id", "u-2");
    expect(filters).toEqual({ status: "done", user_id: "u-2" });
    expect(withImportFilter(filters, "status", "")).toEqual({ user_id: "u-2" });
    expect(withImportFilter(filters, "status", "bogus")).toEqual({ user_id: "u-2" });
    expect(withImportFilter({}, "date_to", "2026-12-01")).toEqual({ date_to: "2026-12-01" });
    expect(withImportFilter({ date_to: "2026-12-01" }, "date_to", "")).toEqual({});
    expect(hasImportFilters({})).toBe(false);
    expect(hasImportFilters({ date_from: "2026-01-01" })).toBe(true);
  });

  it("says when the days are the wrong way round", () => {
    expect(importRangeProblem({ date_from: "2026-12-07", date_to: "2026-12-06" })).toMatch(/first day is after the last/);
    expect(importRangeProblem({ date_from: "2026-12-06", date_to: "2026-12-06" })).toBeNull();
    expect(importRangeProblem({ date_from: "2026-12-06" })).toBeNull();
  });
});
