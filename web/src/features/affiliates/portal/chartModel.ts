// The dashboard's chart over time: the days of the chosen period in bars (one per day up to a month,
// else one per week), each series scaled to a round top value.

import type { PartnerDay } from "./types";

export interface ChartBucket {
  /** The first and last day (YYYY-MM-DD) the bar covers; the same day for a daily bar. */
  start: string;
  end: string;
  clicks: number;
  signups: number;
  /** Minor units of the dashboard's currency. */
  earned: number;
}

export type ChartSeries = "clicks" | "signups" | "earned";

/** Up to this many days, one bar per day; beyond, one bar per 7 days. */
export const DAILY_UP_TO = 31;

/**
 * The days in bars, oldest first. Weekly bars are counted back from the last day, so the latest bar is
 * a full week and the first one may be shorter.
 */
export function bucketDays(days: readonly PartnerDay[]): ChartBucket[] {
  const size = days.length <= DAILY_UP_TO ? 1 : 7;
  const buckets: ChartBucket[] = [];
  for (let end = days.length; end > 0; end -= size) {
    const slice = days.slice(Math.max(0, end - size), end);
    const first = slice[0]!;
    const last = slice[slice.length - 1]!;
    buckets.push({
      start: first.day,
      end: last.day,
      clicks: slice.reduce((sum, day) => sum + day.clicks, 0),
      signups: slice.reduce((sum, day) => sum + day.signups, 0),
      earned: slice.reduce((sum, day) => sum + day.earned, 0),
    });
  }
  return buckets.reverse();
}

/** The smallest round number (1, 2 or 5 times a power of ten) at or above `max`; 1 for nothing. */
export function niceCeiling(max: number): number {
  if (!Number.isFinite(max) || max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** Each value's bar height out of `height`, against the series' round top; a value above 0 shows at least 1. */
export function barHeights(values: readonly number[], height: number): { top: number; heights: number[] } {
  const top = niceCeiling(Math.max(0, ...values));
  const heights = values.map((value) => {
    if (value <= 0) return 0;
    return Math.max(1, (Math.min(value, top) / top) * height);
  });
  return { top, heights };
}

/** The period's totals of each series. */
export function periodTotals(days: readonly PartnerDay[]): Record<ChartSeries, number> {
  return days.reduce(
    (sum, day) => ({ clicks: sum.clicks + day.clicks, signups: sum.signups + day.signups, earned: sum.earned + day.earned }),
    { clicks: 0, signups: 0, earned: 0 },
  );
}

/** The periods the dashboard offers. */
export const PERIODS = [30, 90, 365] as const;
export type Period = (typeof PERIODS)[number];

/** The period asked for in the address (?days=), else 30 days. */
export function periodFrom(value: string | null): Period {
  const days = Number(value);
  return (PERIODS as readonly number[]).includes(days) ? (days as Period) : 30;
}
