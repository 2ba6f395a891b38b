import { describe, expect, it } from "vitest";
import { barHeights, bucketDays, niceCeiling, periodFrom, periodTotals } from "./chartModel";
import type { PartnerDay } from "./types";

function days(count: number, fill: (index: number) => Partial<PartnerDay> = () => ({})): PartnerDay[] {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, index) => ({
    day: new Date(start + index * 86_400_000).toISOString().slice(0, 10),
    clicks: 0,
    signups: 0,
    paying: 0,
    earned: 0,
    ...fill(index),
  }));
}

describe("the chart's bars", () => {
  it("keeps one bar per day up to a month", () => {
    const buckets = bucketDays(days(30, (i) => ({ clicks: i })));
    expect(buckets).toHaveLength(30);
    expect(buckets[0]).toMatchObject({ start: "2026-01-01", end: "2026-01-01", clicks: 0 });
    expect(buckets[29]).toMatchObject({ start: "2026-01-30", end: "2026-01-30", clicks: 29 });
  });

  it("sums weeks counted back from the last day beyond a month", () => {
    const buckets = bucketDays(days(90, () => ({ clicks: 1, signups: 1, earned: 250 })));
    expect(buckets).toHaveLength(13);
    expect(buckets[0]).toMatchObject({ start: "2026-01-01", end: "2026-01-06", clicks: 6 });
    expect(buckets[12]).toMatchObject({ start: "2026-03-25", end: "2026-03-31", clicks: 7, signups: 7, earned: 1750 });
    expect(buckets.reduce((sum, bucket) => sum + bucket.earned, 0)).toBe(90 * 250);
    expect(bucketDays(days(365))).toHaveLength(53);
  });

  it("has no bars without days", () => {
    expect(bucketDays([])).toEqual([]);
  });

  it("scales to a round top value", () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(3)).toBe(5);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(10)).toBe(10);
    expect(niceCeiling(11)).toBe(20);
    expect(niceCeiling(4200)).toBe(5000);
    expect(barHeights([0, 5, 10], 100)).toEqual({ top: 10, heights: [0, 50, 100] });
    // A small value still shows.
    expect(barHeights([1, 1000], 100).heights[0]).toBe(1);
    expect(barHeights([], 100)).toEqual({ top: 1, heights: [] });
  });

  it("totals the period", () => {
    expect(periodTotals(days(3, (i) => ({ clicks: i + 1, signups: 1, earned: 199 })))).toEqual({ clicks: 6, signups: 3, earned: 597 });
  });

  it("reads the period from the address", () => {
    expect(periodFrom("90")).toBe(90);
    expect(periodFrom("365")).toBe(365);
    expect(periodFrom("12")).toBe(30);
    expect(periodFrom(null)).toBe(30);
  });
});
