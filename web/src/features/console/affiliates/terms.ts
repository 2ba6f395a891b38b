// The program's terms as people type them and as the API keeps them: a percentage ("20", "12.5")
// as basis points (2000, 1250) and an amount in dollars ("10", "19.99") as cents (1000, 1999),
// converted from the digits themselves, never through a float (19.99 * 100 is 1998.9999999999998).

import { formatMinorUnits } from "../../../lib/format";
import type { Attribution, CommissionTerms, CommissionType, ProgramTerms, ProgramTermsOut } from "./types";

export type Parsed = { ok: true; value: number } | { ok: false; problem: string };

/** Digits with at most `decimals` decimals (trailing zeros beyond them are fine): as whole units of 1/10^decimals. */
function scaled(text: string, decimals: number, tooPrecise: string): Parsed | null {
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || !/\d/.test(text)) return null;
  const whole = (match[1] ?? "").replace(/^0+(?=\d)/, "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > decimals) return { ok: false, problem: tooPrecise };
  if (whole.length > 12) return null;
  const units = Number(whole || "0") * 10 ** decimals + Number(fraction.padEnd(decimals, "0") || "0");
  return { ok: true, value: units };
}

/** "20" -> 2000, "12.5" -> 1250, "0.01" -> 1, "7%" -> 700: between 0 and 100, to the basis point. */
export function percentToBps(text: string): Parsed {
  const cleaned = text.trim().replace(/\s*%$/, "").replace(",", ".");
  if (!cleaned) return { ok: false, problem: "The percentage, e.g. 20 or 12.5" };
  const parsed = scaled(cleaned, 2, "At most two decimals, e.g. 12.25");
  if (parsed === null) return { ok: false, problem: "A number, e.g. 20 or 12.5" };
  if (parsed.ok && parsed.value > 10_000) return { ok: false, problem: "At most 100%" };
  return parsed;
}

/** 2000 -> "20", 1250 -> "12.5", 1 -> "0.01". */
export function bpsToPercentText(bps: number): string {
  const sign = bps < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(bps));
  const fraction = String(abs % 100).padStart(2, "0").replace(/0+$/, "");
  return `${sign}${Math.floor(abs / 100)}${fraction ? `.${fraction}` : ""}`;
}

/** 2000 -> "20%", 1250 -> "12.5%". */
export function percentLabel(bps: number): string {
  return `${bpsToPercentText(bps)}%`;
}

/** "10" -> 1000, "19.99" -> 1999, "$1,234.5" -> 123450: to the cent. */
export function amountToMinor(text: string): Parsed {
  let cleaned = text.trim().replace(/^\$\s*/, "");
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(cleaned)) cleaned = cleaned.replace(/,/g, "");
  if (!cleaned) return { ok: false, problem: "An amount, e.g. 50 or 19.99" };
  const parsed = scaled(cleaned, 2, "At most two decimals (cents), e.g. 19.99");
  return parsed ?? { ok: false, problem: "An amount, e.g. 50 or 19.99" };
}

/** 1000 -> "10", 1999 -> "19.99", 1050 -> "10.50": what a form field shows. */
export function minorToAmountText(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(minor));
  const cents = abs % 100;
  return `${sign}${Math.floor(abs / 100)}${cents ? `.${String(cents).padStart(2, "0")}` : ""}`;
}

/** The number parsed, 0 when it was not (the form shows the problem and sends nothing). */
export function valueOf(parsed: Parsed): number {
  return parsed.ok ? parsed.value : 0;
}

/** A whole number between `min` and `max`; `label` says what it is when it is not. */
function wholeNumber(text: string, min: number, max: number, label: string): Parsed {
  const cleaned = text.trim();
  if (!/^\d+$/.test(cleaned) || Number(cleaned) < min || Number(cleaned) > max) {
    return { ok: false, problem: `${label}: a whole number from ${min} to ${max}` };
  }
  return { ok: true, value: Number(cleaned) };
}

// The commission (the program's and an affiliate's override) ------------------------------------

export interface CommissionForm {
  commissionType: CommissionType;
  /** A percentage, "20" or "12.5". */
  percent: string;
  /** Months from the first paid invoice; empty for the subscription's lifetime. */
  months: string;
  /** Dollars, "50" or "19.99". */
  bounty: string;
}

export type CommissionField = "percent" | "months" | "bounty";
export type Problems<Field extends string> = Partial<Record<Field, string>>;

const MAX_MINOR = 100_000_000;

export function commissionForm(terms: Pick<CommissionTerms, "commission_type" | "percent_bps" | "duration_months" | "bounty_minor">): CommissionForm {
  return {
    commissionType: terms.commission_type,
    percent: terms.percent_bps ? bpsToPercentText(terms.percent_bps) : "",
    months: terms.duration_months === null || terms.duration_months === undefined ? "" : String(terms.duration_months),
    bounty: terms.bounty_minor ? minorToAmountText(terms.bounty_minor) : "",
  };
}

function percentTerms(form: CommissionForm, problems: Problems<CommissionField>): CommissionTerms {
  const percent = percentToBps(form.percent);
  if (!percent.ok) problems.percent = percent.problem;
  else if (percent.value === 0) problems.percent = "Above 0%";
  let months: number | null = null;
  if (form.months.trim()) {
    const parsed = wholeNumber(form.months, 1, 120, "Months");
    if (parsed.ok) months = parsed.value;
    else problems.months = parsed.problem;
  }
  return { commission_type: "percent", percent_bps: valueOf(percent), duration_months: months, bounty_minor: 0 };
}

function bountyTerms(form: CommissionForm, problems: Problems<CommissionField>): CommissionTerms {
  const bounty = amountToMinor(form.bounty);
  if (!bounty.ok) problems.bounty = bounty.problem;
  else if (bounty.value === 0) problems.bounty = "Above 0";
  else if (bounty.value > MAX_MINOR) problems.bounty = "At most 1,000,000";
  return { commission_type: "bounty", percent_bps: 0, duration_months: null, bounty_minor: valueOf(bounty) };
}

/** The commission the form describes, or what is wrong with it, by field. */
export function commissionFromForm(form: CommissionForm): { terms: CommissionTerms; problems: Problems<CommissionField> } {
  const problems: Problems<CommissionField> = {};
  const terms = form.commissionType === "bounty" ? bountyTerms(form, problems) : percentTerms(form, problems);
  return { terms, problems };
}

// The program's terms ---------------------------------------------------------------------------

export interface ProgramForm extends CommissionForm {
  currency: string;
  holdDays: string;
  cookieDays: string;
  attribution: Attribution;
  /** Dollars, "50". */
  threshold: string;
}

export type ProgramField = CommissionField | "currency" | "holdDays" | "cookieDays" | "threshold";

/** The API's defaults, for fields an answer leaves out. */
const DEFAULTS = { currency: "usd", hold_days: 30, cookie_days: 60, attribution: "last_click", payout_threshold_minor: 5000 } as const;

export function programForm(terms: ProgramTermsOut): ProgramForm {
  return {
    ...commissionForm(terms),
    currency: (terms.currency ?? DEFAULTS.currency).toUpperCase(),
    holdDays: String(terms.hold_days ?? DEFAULTS.hold_days),
    cookieDays: String(terms.cookie_days ?? DEFAULTS.cookie_days),
    attribution: terms.attribution ?? DEFAULTS.attribution,
    threshold: minorToAmountText(terms.payout_threshold_minor ?? DEFAULTS.payout_threshold_minor),
  };
}

/** The terms to PUT, or what is wrong, by field. */
export function programFromForm(form: ProgramForm): { terms: ProgramTerms; problems: Problems<ProgramField> } {
  const { terms: commission, problems: commissionProblems } = commissionFromForm(form);
  const problems: Problems<ProgramField> = { ...commissionProblems };
  const currency = form.currency.trim().toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) problems.currency = "A three-letter currency code, e.g. USD";
  const hold = wholeNumber(form.holdDays, 0, 365, "Days");
  if (!hold.ok) problems.holdDays = hold.problem;
  const cookie = wholeNumber(form.cookieDays, 1, 365, "Days");
  if (!cookie.ok) problems.cookieDays = cookie.problem;
  const threshold = amountToMinor(form.threshold);
  if (!threshold.ok) problems.threshold = threshold.problem;
  else if (threshold.value > MAX_MINOR) problems.threshold = "At most 1,000,000";
  return {
    terms: {
      ...commission,
      currency,
      hold_days: valueOf(hold),
      cookie_days: valueOf(cookie),
      attribution: form.attribution,
      payout_threshold_minor: valueOf(threshold),
    },
    problems,
  };
}

export function hasProblems(problems: Record<string, string | undefined>): boolean {
  return Object.values(problems).some(Boolean);
}

// How terms read ---------------------------------------------------------------------------------

/** "$50", "€19.99": an amount in minor units (the API's currency codes are lower case). */
export function formatMinorAmount(minor: number, currency: string): string {
  return formatMinorUnits(minor, currency);
}

export function durationLabel(months: number | null | undefined): string {
  if (months === null || months === undefined) return "for the subscription's lifetime";
  return `for ${months} ${months === 1 ? "month" : "months"}`;
}

/** "25% of each paid invoice for 6 months", "$100.00 bounty on the first paid invoice". */
export function commissionSummary(terms: CommissionTerms, currency: string): string {
  if (terms.commission_type === "bounty") return `${formatMinorAmount(terms.bounty_minor ?? 0, currency)} bounty on the first paid invoice`;
  return `${percentLabel(terms.percent_bps ?? 0)} of each paid invoice ${durationLabel(terms.duration_months)}`;
}

export function attributionLabel(attribution: string): string {
  if (attribution === "first_click") return "First click wins";
  if (attribution === "last_click") return "Last click wins";
  return attribution;
}
