// How the reports' figures read: money from minor units (cents) with its cents, shares as
// percentages, durations in days, and the range caption with the tenant's time zone.

import { formatHundredths, formatMoneyShort, getDisplayLocale } from "../../lib/format";

const EMPTY = "—";

/** An amount in hundredths of `currency` (the API's `*_minor` figures): "$1,200", "$1,234.50". */
export function formatMinor(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return EMPTY;
  return formatHundredths(minor, currency);
}

/** A short amount for a chart's axis: "$1.2K". */
export function formatMinorShort(minor: number, currency: string, locale: string | undefined = getDisplayLocale()): string {
  return formatMoneyShort(minor / 100, currency, locale);
}

/** A share (0..1) as a percentage: "42.5%"; none reads as a dash. */
export function formatPercent(share: number | null | undefined, locale: string | undefined = getDisplayLocale()): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return EMPTY;
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** A change (median / previous - 1) with its sign: "+12.5%", "-8%". */
export function formatChange(change: number | null | undefined, locale: string | undefined = getDisplayLocale()): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return EMPTY;
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(change);
}

/** A count that can be a share of a win (credited wins): "3", "0.33". */
export function formatCount(value: number | null | undefined, locale: string | undefined = getDisplayLocale()): string {
  if (value === null || value === undefined) return EMPTY;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

export const DAY_SECONDS = 86_400;

/** A duration: minutes under an hour, hours under a day, else days with one decimal. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return EMPTY;
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (seconds < DAY_SECONDS) return `${Math.round((seconds / 3600) * 10) / 10} h`;
  const days = Math.round((seconds / DAY_SECONDS) * 10) / 10;
  return `${days} ${days === 1 ? "day" : "days"}`;
}

export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined) return EMPTY;
  // The API rounds to a tenth of a day: 0 is a few hours at most.
  if (days < 0.1) return "under 0.1 days";
  return `${days} ${days === 1 ? "day" : "days"}`;
}

/** A YYYY-MM-DD day as a Date at midnight UTC, so formatting it never shifts it a day. */
function dayDate(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

function formatDay(day: string, withYear: boolean, locale: string | undefined = getDisplayLocale()): string {
  const date = dayDate(day);
  if (!date) return day;
  return date.toLocaleDateString(locale, { month: "short", day: "numeric", year: withYear ? "numeric" : undefined, timeZone: "UTC" });
}

/** "Dec 1 – Dec 30, 2026 · America/New_York"; the first day names its year when the years differ. */
export function formatRange(dateFrom: string, dateTo: string, timezone: string, locale: string | undefined = getDisplayLocale()): string {
  const sameYear = dateFrom.slice(0, 4) === dateTo.slice(0, 4);
  const days = dateFrom === dateTo ? formatDay(dateTo, true, locale) : `${formatDay(dateFrom, !sameYear, locale)} – ${formatDay(dateTo, true, locale)}`;
  return `${days} · ${timezone}`;
}

/** A period of the revenue over time: a day or a week's Monday ("Dec 1"), or a month ("Dec 2026"). */
export function formatPeriod(period: string, interval: "day" | "week" | "month", locale: string | undefined = getDisplayLocale()): string {
  if (interval === "month" || /^\d{4}-\d{2}$/.test(period)) return formatMonth(period, locale);
  const label = formatDay(period, false, locale);
  return interval === "week" ? `Week of ${label}` : label;
}

/** A forecast month ("YYYY-MM") as "Jan 2027"; "none" is the leads with no expected close date. */
export function formatMonth(month: string, locale: string | undefined = getDisplayLocale()): string {
  if (month === "none") return "No close date";
  const date = dayDate(`${month}-01`);
  if (!date) return month;
  return date.toLocaleDateString(locale, { month: "short", year: "numeric", timeZone: "UTC" });
}
