import { describe, expect, it } from "vitest";
import { buildUrl } from "../../api/client";
import {
  bulkFiltersFromParams,
  bulkQuery,
  bulkRangeProblem,
  DETAIL_PARAM,
  hasBulkFilters,
  paramsFromBulkFilters,
  withBulkFilter,
} from "./logFilters";

describe("the bulk actions log's filters", () => {
  it("read the URL, dropping what the API would refuse", () => {
    const params = new URLSearchParams("object=leads&action=move_stage&status=running&user_id=u-1&date_from=2026-03-01&date_to=2026-02-30&bulk=b-1");
    expect(bulkFiltersFromParams(params)).toEqual({ object: "leads", action: "move_stage", status: "running", user_id: "u-1", date_from: "2026-03-01" });
    expect(bulkFiltersFromParams(new URLSearchParams("object=tasks&action=send_email&status=cancelled"))).toEqual({});
    expect(bulkFiltersFromParams(new URLSearchParams("action=enrol_workflow"))).toEqual({ action: "enrol_workflow" });
  });

  it("write them back, with the details open, and send them as GET /bulk-actions's query", () => {
    const filters = { action: "export" as const, status: "done" as const, date_to: "2026-03-31" };
    expect(paramsFromBulkFilters(filters).toString()).toBe("action=export&status=done&date_to=2026-03-31");
    expect(paramsFromBulkFilters(filters, "b-9").get(DETAIL_PARAM)).toBe("b-9");
    expect(bulkFiltersFromParams(paramsFromBulkFilters(filters, "b-9"))).toEqual(filters);
    expect(buildUrl("http://api.test", "/bulk-actions", { ...bulkQuery(filters), cursor: null, limit: 25 })).toBe(
      "http://api.test/bulk-actions?action=export&status=done&date_to=2026-03-31&limit=25",
    );
  });

  it("apply one control at a time; the empty choice clears it", () => {
    const filters = withBulkFilter({ object: "contacts" }, "user_id", "u-2");
    expect(filters).toEqual({ object: "contacts", user_id: "u-2" });
    expect(withBulkFilter(filters, "object", "")).toEqual({ user_id: "u-2" });
    expect(withBulkFilter(filters, "status", "paused")).toEqual(filters);
    expect(hasBulkFilters({})).toBe(false);
    expect(hasBulkFilters({ status: "failed" })).toBe(true);
  });

  it("say when the days are the wrong way round", () => {
    expect(bulkRangeProblem({ date_from: "2026-03-02", date_to: "2026-03-01" })).toMatch(/first day is after the last/);
    expect(bulkRangeProblem({ date_from: "2026-03-01", date_to: "2026-03-01" })).toBeNull();
    expect(bulkRangeProblem({ date_to: "2026-03-01" })).toBeNull();
  });
});
