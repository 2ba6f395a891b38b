// How the partner portal reads on screen: money in minor units, rates, the partner's terms and the
// referral rules in words, and the statuses of referrals, ledger entries and payouts.

import { currencyDigits, formatMinorUnits, getDisplayLocale, minorToDecimal } from "../../../lib/format";
import type { Attribution, CommissionTerms } from "./types";

// Money ------------------------------------------------------------------------------------------

export { currencyDigits, minorToDecimal };

/**
 * An amount in minor units (cents) as it reads, exact and signed: "$1,234.50", "-$12", "$40". No float
 * arithmetic: the integer becomes decimal text first.
 */
export function formatMinor(minor: number, currency: string, locale: string | undefined = getDisplayLocale()): string {
  return formatMinorUnits(minor, currency, locale);
}

// Rates and percentages --------------------------------------------------------------------------

/** Basis points as a percentage: 2000 -> "20%", 1250 -> "12.5%", 333 -> "3.33%". */
export function formatBps(bps: number): string {
  return `${minorToDecimal(Math.round(bps), 2).replace(/\.?0+$/, "")}%`;
}

/** A 0-1 rate as a percentage with one decimal at most: 0.1234 -> "12.3%"; none yet reads "—". */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return "—";
  // Tenths of a percent, as an integer, then the same exact text as money.
  const tenths = Math.round(rate * 1000);
  return `${minorToDecimal(tenths, 1).replace(/\.0$/, "")}%`;
}

/** A count as it reads: 12345 -> "12,345". */
export function formatCount(value: number, locale: string | undefined = getDisplayLocale()): string {
  return value.toLocaleString(locale);
}

// Terms and rules in words -----------------------------------------------------------------------

function months(count: number): string {
  return count === 1 ? "1 month" : `${count} months`;
}

/** The partner's commission in one phrase: "20% of each payment for 12 months", "$100.00 per paying customer". */
export function termsInWords(terms: CommissionTerms, currency: string, locale: string | undefined = getDisplayLocale()): string {
  if (terms.commission_type === "bounty") {
    return `${formatMinor(terms.bounty_minor ?? 0, currency, locale)} for each customer you refer, once, on their first payment`;
  }
  const share = `${formatBps(terms.percent_bps ?? 0)} of each payment`;
  const duration = terms.duration_months;
  if (duration === null || duration === undefined) return `${share} for as long as the customer stays subscribed`;
  return `${share} for ${months(duration)}`;
}

/** When the commission starts and ends, for the terms' fine print. */
export function termsDetail(terms: CommissionTerms): string {
  if (terms.commission_type === "bounty") return "Paid once per referred company, when it pays its first invoice.";
  if (terms.duration_months === null || terms.duration_months === undefined) {
    return "Counted on every invoice a referred company pays, from its first one, for the life of its subscription.";
  }
  return `Counted on every invoice a referred company pays in the ${months(terms.duration_months)} from its first paid invoice.`;
}

/** The cookie window and which click wins, in words. */
export function attributionInWords(cookieDays: number, attribution: Attribution): string[] {
  const remembered = `A click on your link is remembered for ${cookieDays === 1 ? "1 day" : `${cookieDays} days`}: a visitor who signs up within that time counts as your referral.`;
  const rule =
    attribution === "first_click"
      ? "First click wins: if the visitor later clicks another partner's link, the referral stays with the first link they clicked."
      : "Last click wins: if the visitor later clicks another partner's link, the referral goes to the most recent link they clicked.";
  return [remembered, rule];
}

/** What a negative balance due means. */
export function dueNote(due: number, currency: string): string | null {
  if (due >= 0) return null;
  return `Refunds and chargebacks exceeded your payable commissions by ${formatMinor(-due, currency)}: that amount is taken from your next commissions.`;
}

// Statuses ---------------------------------------------------------------------------------------

const REFERRAL_STATUS: Record<string, string> = {
  trial: "On trial",
  paying: "Paying",
  canceled: "Canceled",
  refused: "Not eligible",
};

export function referralStatusLabel(status: string): string {
  return REFERRAL_STATUS[status] ?? status;
}

const ENTRY_STATUS: Record<string, string> = {
  pending: "Pending",
  payable: "Payable",
  paid: "Paid",
  open: "To be deducted",
  settled: "Deducted",
};

export function entryStatusLabel(status: string): string {
  return ENTRY_STATUS[status] ?? status;
}

/** What each ledger status means, for the legend. */
export const ENTRY_STATUS_HELP: readonly { status: string; text: string }[] = [
  { status: "pending", text: "in its holding period, until the date it becomes payable" },
  { status: "payable", text: "included in your next payout" },
  { status: "paid", text: "sent to you in a payout" },
  { status: "open", text: "a reversal (refund, chargeback) to be taken from your next payout" },
  { status: "settled", text: "a reversal already taken from a payout" },
];

export function entryKindLabel(kind: string): string {
  if (kind === "commission") return "Commission";
  if (kind === "reversal") return "Reversal";
  return kind;
}

const PAYOUT_STATUS: Record<string, string> = { processing: "Processing", paid: "Paid" };

export function payoutStatusLabel(status: string): string {
  return PAYOUT_STATUS[status] ?? status;
}

export function payoutMethodLabel(method: string | null | undefined): string {
  if (method === "paypal") return "PayPal";
  if (method === "bank") return "Bank transfer";
  return method ?? "Not set";
}

/** A plan's id as it reads: "starter" -> "Starter"; none yet reads "—". */
export function planLabel(plan: string | null | undefined): string {
  if (!plan) return "—";
  return plan.charAt(0).toUpperCase() + plan.slice(1).replace(/_/g, " ");
}

/** A file's size as it reads: 2048 -> "2 KB", 1572864 -> "1.5 MB". */
export function formatBytes(size: number | null | undefined): string {
  if (size === null || size === undefined) return "";
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${minorToDecimal(Math.round((size * 10) / (1024 * 1024)), 1).replace(/\.0$/, "")} MB`;
}
