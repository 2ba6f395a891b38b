import { describe, expect, it } from "vitest";
import {
  formatChange,
  formatCount,
  formatDays,
  formatMinor,
  formatMinorShort,
  formatMonth,
  formatPercent,
  formatPeriod,
  formatRange,
  formatSeconds,
} from "./reportFormat";

describe("money in minor units", () => {
  it("reads cents as the currency's amount, with the cents when there are some", () => {
    expect(formatMinor(120000, "USD")).toBe("$1,200");
    expect(formatMinor(123450, "USD")).toBe("$1,234.50");
    expect(formatMinor(5, "USD")).toBe("$0.05");
    expect(formatMinor(99900, "EUR")).toBe("€999");
    expect(formatMinor(null, "USD")).toBe("—");
  });

  it("shortens an axis's amounts", () => {
    expect(formatMinorShort(120000, "USD", "en-US")).toBe("$1.2K");
    expect(formatMinorShort(0, "USD", "en-US")).toBe("$0");
  });
});

describe("shares, counts and changes", () => {
  it("reads shares as percentages", () => {
    expect(formatPercent(0.425, "en-US")).toBe("42.5%");
    expect(formatPercent(1, "en-US")).toBe("100%");
    expect(formatPercent(null)).toBe("—");
  });

  it("signs a change", () => {
    expect(formatChange(0.125, "en-US")).toBe("+12.5%");
    expect(formatChange(-0.08, "en-US")).toBe("-8%");
    expect(formatChange(0, "en-US")).toBe("0%");
    expect(formatChange(null)).toBe("—");
  });

  it("reads credited wins with their share of a win", () => {
    expect(formatCount(3, "en-US")).toBe("3");
    expect(formatCount(0.333, "en-US")).toBe("0.33");
    expect(formatCount(1234, "en-US")).toBe("1,234");
  });
});

describe("durations", () => {
  it("reads seconds as minutes, hours or days", () => {
    expect(formatSeconds(90)).toBe("2 min");
    expect(formatSeconds(5400)).toBe("1.5 h");
    expect(formatSeconds(86_400)).toBe("1 day");
    expect(formatSeconds(3.25 * 86_400)).toBe("3.3 days");
    expect(formatSeconds(null)).toBe("—");
  });

  it("reads days, a fraction of a day included", () => {
    expect(formatDays(4.5)).toBe("4.5 days");
    expect(formatDays(1)).toBe("1 day");
    expect(formatDays(0)).toBe("under 0.1 days");
    expect(formatDays(null)).toBe("—");
  });
});

describe("days, periods and the range caption", () => {
  it("names the range and the tenant's time zone", () => {
    expect(formatRange("2026-12-01", "2026-12-30", "America/New_York", "en-US")).toBe("Dec 1 – Dec 30, 2026 · America/New_York");
    expect(formatRange("2025-12-15", "2026-01-13", "UTC", "en-US")).toBe("Dec 15, 2025 – Jan 13, 2026 · UTC");
    expect(formatRange("2026-12-01", "2026-12-01", "UTC", "en-US")).toBe("Dec 1, 2026 · UTC");
  });

  it("reads periods and forecast months", () => {
    expect(formatPeriod("2026-12-07", "day", "en-US")).toBe("Dec 7");
    expect(formatPeriod("2026-12-07", "week", "en-US")).toBe("Week of Dec 7");
    expect(formatPeriod("2026-12", "month", "en-US")).toBe("Dec 2026");
    expect(formatMonth("2027-01", "en-US")).toBe("Jan 2027");
    expect(formatMonth("none")).toBe("No close date");
  });
});
