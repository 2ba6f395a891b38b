import { describe, expect, it } from "vitest";
import {
  activePreset,
  addDays,
  autoInterval,
  changeState,
  clearFilters,
  exportQuery,
  isDay,
  isPlausibleDay,
  overTimeQuery,
  presetRange,
  rangeOf,
  readReportState,
  reportQuery,
  revenueQuery,
  sharedSearch,
  todayIn,
  writeReportState,
} from "./filters";

const params = (text: string) => new URLSearchParams(text);

describe("reading a report's state from the URL", () => {
  it("keeps the valid filters and choices", () => {
    const state = readReportState(
      params("date_from=2026-12-01&date_to=2026-12-30&pipeline_id=p1&owner_id=u1&source=google_ads&model=linear&group_by=campaign&interval=week&view=table"),
      true,
    );
    expect(state).toEqual({
      date_from: "2026-12-01",
      date_to: "2026-12-30",
      pipeline_id: "p1",
      owner_id: "u1",
      source: "google_ads",
      model: "linear",
      group_by: "campaign",
      interval: "week",
      view: "table",
    });
  });

  it("drops what is not valid, so the report's default applies", () => {
    const state = readReportState(
      params("date_from=2026-02-30&date_to=yesterday&source=billboard&model=best&group_by=colour&interval=hour&view=pie"),
      true,
    );
    expect(state).toEqual({});
  });

  it("drops the defaults, so a link stays short", () => {
    expect(readReportState(params("model=last_non_direct&group_by=source"), true)).toEqual({});
  });

  it("ignores an owner for a user who sees only their own leads", () => {
    expect(readReportState(params("owner_id=u2&source=meta_ads"), false)).toEqual({ source: "meta_ads" });
  });

  it("writes the state back in a fixed order, and reads the same state from it", () => {
    const state = { source: "organic_search", date_to: "2026-03-31", date_from: "2026-03-01", model: "first_touch" } as const;
    const written = writeReportState(state);
    expect(written.toString()).toBe("date_from=2026-03-01&date_to=2026-03-31&source=organic_search&model=first_touch");
    expect(readReportState(written, true)).toEqual(state);
  });

  it("carries the shared filters between reports, not a report's own choices", () => {
    expect(sharedSearch({ date_from: "2026-03-01", group_by: "campaign", interval: "week", view: "table" })).toBe("?date_from=2026-03-01&view=table");
    expect(sharedSearch({})).toBe("");
  });
});

describe("changing the state", () => {
  it("leaves out defaults and emptied filters", () => {
    const state = { source: "google_ads", model: "linear" } as const;
    expect(changeState(state, { model: "last_non_direct", source: "", group_by: "source", view: "chart" })).toEqual({});
  });

  it("clears the filters and keeps the range and choices", () => {
    const state = { date_from: "2026-01-01", owner_id: "u1", pipeline_id: "p1", source: "email", model: "linear" } as const;
    expect(clearFilters(state)).toEqual({ date_from: "2026-01-01", model: "linear" });
  });
});

describe("the API's queries", () => {
  const state = { date_from: "2026-01-01", date_to: "2026-01-31", source: "google_ads", view: "table" } as const;

  it("sends only the filters every report takes", () => {
    expect(reportQuery(state)).toEqual({ date_from: "2026-01-01", date_to: "2026-01-31", source: "google_ads" });
    expect(reportQuery({})).toEqual({});
  });

  it("sends the model and grouping of the revenue report, with their defaults", () => {
    expect(revenueQuery(state)).toMatchObject({ model: "last_non_direct", group_by: "source" });
    expect(revenueQuery({ ...state, model: "time_decay", group_by: "content" })).toMatchObject({ model: "time_decay", group_by: "content" });
  });

  it("sends the interval of revenue over time, and every choice with an export", () => {
    expect(overTimeQuery(state, "week")).toEqual({ ...reportQuery(state), interval: "week", model: "last_non_direct" });
    expect(exportQuery(state, "day")).toEqual({ ...reportQuery(state), model: "last_non_direct", group_by: "source", interval: "day" });
  });
});

describe("days and presets", () => {
  it("checks days", () => {
    expect(isDay("2028-02-29")).toBe(true);
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2026-1-5")).toBe(false);
    expect(isPlausibleDay("0002-01-05")).toBe(false);
    expect(isPlausibleDay("2026-01-05")).toBe(true);
  });

  it("counts today in the tenant's time zone", () => {
    const moment = new Date("2026-12-01T03:00:00Z");
    expect(todayIn("America/New_York", moment)).toBe("2026-11-30");
    expect(todayIn("Europe/Berlin", moment)).toBe("2026-12-01");
    expect(todayIn("Not/AZone", moment)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("adds days across months and years", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("turns each preset into days up to today", () => {
    const today = "2026-03-15";
    expect(presetRange("last_7", today)).toEqual({ date_from: "2026-03-09", date_to: today });
    expect(presetRange("last_30", today)).toEqual({ date_from: "2026-02-14", date_to: today });
    expect(presetRange("last_90", today)).toEqual({ date_from: "2025-12-16", date_to: today });
    expect(presetRange("this_month", today)).toEqual({ date_from: "2026-03-01", date_to: today });
    expect(presetRange("last_month", today)).toEqual({ date_from: "2026-02-01", date_to: "2026-02-28" });
    expect(presetRange("last_month", "2026-01-10")).toEqual({ date_from: "2025-12-01", date_to: "2025-12-31" });
  });

  it("reads no days as the API's default, the last 30 days", () => {
    expect(rangeOf({}, "2026-03-15")).toEqual({ date_from: "2026-02-14", date_to: "2026-03-15" });
    expect(activePreset({}, "2026-03-15")).toBe("last_30");
    expect(activePreset({ date_from: "2026-03-01", date_to: "2026-03-15" }, "2026-03-15")).toBe("this_month");
    expect(activePreset({ date_from: "2026-03-02", date_to: "2026-03-15" }, "2026-03-15")).toBeNull();
  });

  it("picks an interval that draws a readable chart", () => {
    expect(autoInterval({ date_from: "2026-01-01", date_to: "2026-01-31" })).toBe("day");
    expect(autoInterval({ date_from: "2026-01-01", date_to: "2026-04-30" })).toBe("week");
    expect(autoInterval({ date_from: "2025-01-01", date_to: "2026-01-31" })).toBe("month");
  });
});
