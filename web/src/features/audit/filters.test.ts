import { describe, expect, it } from "vitest";
import { buildUrl } from "../../api/client";
import {
  auditFileName,
  auditFiltersFromParams,
  auditQuery,
  categoryLabel,
  effectiveRange,
  hasAuditFilters,
  isDay,
  paramsFromAuditFilters,
  rangeProblem,
  todayOf,
  withAuditFilter,
} from "./filters";
import { supportAccessSaved, supportAccessView } from "./supportAccess";
import { who } from "./entries";

const TODAY = "2026-12-06";

describe("the audit log's filters", () => {
  it("reads the filters from the URL, dropping what the API would refuse", () => {
    const params = new URLSearchParams("date_from=2026-11-01&date_to=2026-02-30&category=team&actor_id=u-1&cursor=x");
    expect(auditFiltersFromParams(params)).toEqual({ date_from: "2026-11-01", category: "team", actor_id: "u-1" });
    expect(auditFiltersFromParams(new URLSearchParams("category=billing&date_from=yesterday"))).toEqual({});
  });

  it("writes them back to the URL and to the API's query the same way", () => {
    const filters = { date_from: "2026-11-01", date_to: "2026-11-30", category: "settings" as const, actor_id: "u 1" };
    expect(paramsFromAuditFilters(filters).toString()).toBe("date_from=2026-11-01&date_to=2026-11-30&category=settings&actor_id=u+1");
    expect(auditFiltersFromParams(paramsFromAuditFilters(filters))).toEqual(filters);
    expect(buildUrl("http://api.test", "/audit/export", auditQuery(filters))).toBe(
      "http://api.test/audit/export?date_from=2026-11-01&date_to=2026-11-30&category=settings&actor_id=u+1",
    );
    expect(buildUrl("http://api.test", "/audit/export", auditQuery({}))).toBe("http://api.test/audit/export");
  });

  it("applies one control at a time; the empty choice clears it", () => {
    const filters = withAuditFilter({ category: "team" }, "actor_id", "u-2");
    expect(filters).toEqual({ category: "team", actor_id: "u-2" });
    expect(withAuditFilter(filters, "category", "")).toEqual({ actor_id: "u-2" });
    expect(withAuditFilter(filters, "category", "billing")).toEqual({ actor_id: "u-2" });
    expect(withAuditFilter({}, "date_from", "2026-11-01")).toEqual({ date_from: "2026-11-01" });
    expect(withAuditFilter({ date_from: "2026-11-01" }, "date_from", "")).toEqual({});
    expect(hasAuditFilters({})).toBe(false);
    expect(hasAuditFilters({ actor_id: "u" })).toBe(true);
  });

  it("knows the days the API reads: the last 30 by default", () => {
    expect(effectiveRange({}, TODAY)).toEqual({ from: "2026-11-07", to: TODAY });
    expect(effectiveRange({ date_to: "2026-03-01" }, TODAY)).toEqual({ from: "2026-01-31", to: "2026-03-01" });
    expect(effectiveRange({ date_from: "2026-12-01" }, TODAY)).toEqual({ from: "2026-12-01", to: TODAY });
  });

  it("says why the API would refuse the days", () => {
    expect(rangeProblem({}, TODAY)).toBeNull();
    expect(rangeProblem({ date_from: "2026-12-07", date_to: "2026-12-06" }, TODAY)).toMatch(/first day is after the last/);
    expect(rangeProblem({ date_from: "2025-12-05", date_to: "2026-12-06" }, TODAY)).toMatch(/at most 366 days/);
    expect(rangeProblem({ date_from: "2025-12-06", date_to: "2026-12-06" }, TODAY)).toBeNull();
  });

  it("names the file after its days", () => {
    expect(auditFileName({}, TODAY)).toBe("audit-log-2026-11-07-2026-12-06.csv");
    expect(auditFileName({ date_from: "2026-01-01", date_to: "2026-01-31" }, TODAY)).toBe("audit-log-2026-01-01-2026-01-31.csv");
  });

  it("reads days and categories", () => {
    expect(isDay("2028-02-29")).toBe(true);
    expect(isDay("2027-02-29")).toBe(false);
    expect(todayOf(new Date("2026-12-06T23:59:00Z"))).toBe("2026-12-06");
    expect(categoryLabel("access")).toBe("Access and support");
    expect(categoryLabel("other")).toBe("Other");
  });
});

describe("support access", () => {
  const now = Date.parse("2026-12-06T10:00:00Z");
  const format = (iso: string) => iso;

  it("reads as granted until its end", () => {
    expect(supportAccessView("2026-12-06T12:00:00Z", now, format)).toEqual({
      granted: true,
      text: "Convertly support may change things while viewing your account until 2026-12-06T12:00:00Z.",
    });
    expect(supportAccessView("2026-12-06T09:00:00Z", now, format).granted).toBe(false);
    expect(supportAccessView(null, now, format).text).toMatch(/can only look/);
  });

  it("confirms each choice", () => {
    expect(supportAccessSaved(72)).toBe("Convertly support may change things for 3 days");
    expect(supportAccessSaved(0)).toBe("Convertly support's access to change things is withdrawn");
  });
});

describe("who an entry names", () => {
  it("reads the actor's name, else says who it must be", () => {
    expect(who({ actor_name: "Ada", actor_id: "u", category: "team" })).toBe("Ada");
    expect(who({ actor_name: null, actor_id: "dev-1", category: "access" })).toBe("Convertly support");
    expect(who({ actor_name: null, actor_id: "gone", category: "leads" })).toBe("A former user");
    expect(who({ actor_name: null, actor_id: null, category: "leads" })).toBe("Convertly");
  });
});
