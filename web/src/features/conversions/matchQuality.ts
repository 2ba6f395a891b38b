// How match quality reads on screen: the identifiers a platform would get, the Google click window, the
// totals' shares, the expiring clicks, a ledger entry's value, and the value typed to send a win.

import { formatMoney } from "../../lib/format";
import type { ClickWindow, ExpiringClick, IdentifierCheck, LedgerEntry, MatchLevel } from "./types";

export const TOTALS_DAYS = [7, 30, 90] as const;
export type TotalsDays = (typeof TOTALS_DAYS)[number];
export const DEFAULT_TOTALS_DAYS: TotalsDays = 30;

const MATCH_LABELS: Record<MatchLevel, string> = { strong: "Strong match", fair: "Fair match", none: "No match" };
const CLICK_KINDS: Record<string, string> = {
  gclid: "Google click (gclid)",
  gbraid: "Google app click (gbraid)",
  wbraid: "Google web-to-app click (wbraid)",
};

export function matchLabel(level: MatchLevel): string {
  return MATCH_LABELS[level];
}

export function clickKindLabel(kind: string): string {
  return CLICK_KINDS[kind] ?? kind;
}

/** "12 Oct", with the year when it is not this year's ("10 Jan 2027"); dates are UTC days. */
export function shortDate(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameYear = date.getUTCFullYear() === now.getUTCFullYear();
  return date.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
    timeZone: "UTC",
  });
}

/** One line on the Google click window: when the click was, and whether a win still counts. */
export function windowText(window: ClickWindow, now: Date = new Date()): string {
  const clicked = `Google click on ${shortDate(window.clicked_at, now)}`;
  const closes = shortDate(window.closes_at, now);
  if (window.won_at) {
    const won = shortDate(window.won_at, now);
    return window.state === "expired"
      ? `${clicked}, won ${won}: more than 90 days after the click, expired`
      : `${clicked}, won ${won}: inside the 90-day window`;
  }
  if (window.state === "expired") return `${clicked}, window closed ${closes}: expired`;
  const left = window.days_left ?? 0;
  const soon = window.state === "expiring" ? ` (${daysText(left)} left)` : "";
  return `${clicked}, window closes ${closes}${soon}`;
}

export function daysText(days: number): string {
  if (days <= 0) return "less than a day";
  return days === 1 ? "1 day" : `${days} days`;
}

/** ✓/✗ and, in plain words, whether the identifier goes with a conversion and why not. */
export function identifierText(check: IdentifierCheck): { mark: "✓" | "✗"; text: string } {
  const mark = check.present ? "✓" : "✗";
  let status: string;
  if (check.sent) status = "sent";
  else if (check.present) status = "held, not sent";
  else status = "missing";
  const note = check.note ? `: ${check.note}` : "";
  return { mark, text: `${check.label}, ${status}${note}` };
}

export function percent(share: number | null | undefined): string {
  return `${Math.round((share ?? 0) * 100)}%`;
}

/** "expires 11 Dec, in 4 days" for a warning row. */
export function expiryText(click: Pick<ExpiringClick, "expires_at" | "days_left">, now: Date = new Date()): string {
  return `expires ${shortDate(click.expires_at, now)}, in ${daysText(click.days_left)}`;
}

/** The entry's value with its currency, and what the platform holds for the lead when it says so. */
export function valueText(entry: Pick<LedgerEntry, "value" | "currency" | "held_value">): {
  value: string | null;
  held: string | null;
} {
  const currency = entry.currency ?? "USD";
  const value = typeof entry.value === "number" ? formatMoney(entry.value, currency) : null;
  const held = typeof entry.held_value === "number" ? `Platform now holds ${formatMoney(entry.held_value, currency)}` : null;
  return { value, held };
}

/** The value typed to send a win: a positive amount with at most two decimals, or what is wrong. */
export function parseValue(input: string): { value: number } | { error: string } {
  const text = input.trim().replace(/,/g, "");
  if (!text) return { error: "Enter the deal's value" };
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return { error: "Use a number such as 1250 or 1250.50" };
  const value = Number(text);
  if (value <= 0) return { error: "A win is sent with a value above 0" };
  if (value > 1_000_000_000_000) return { error: "That is more than a lead's value may be" };
  return { value };
}

/** The newest attempt whose win was not sent for want of a value (where the action shows), if any. */
export function awaitingValue(latest: readonly LedgerEntry[]): LedgerEntry | null {
  const waiting = latest.filter((entry) => entry.status === "no_value" && entry.kind === "conversion");
  return waiting.reduce<LedgerEntry | null>((newest, entry) => (!newest || entry.at > newest.at ? entry : newest), null);
}
