// Winning and losing a lead, from the board, its "Move" menu or the lead page: which moves ask
// first (a won stage asks the deal's value, a lost stage why), what the dialog starts with, what it
// sends, and which of the API's refusals it shows.

import { ApiError } from "../../api/errors";
import { currencyDigits } from "../../lib/format";
import type { ClosingFields } from "./types";

export type ClosingKind = "won" | "lost";

/** The question a move into a stage of this kind asks first; null when it asks none. */
export function closingKind(stageKind: string | null | undefined): ClosingKind | null {
  return stageKind === "won" || stageKind === "lost" ? stageKind : null;
}

/** The most decimals an amount has: the most precise currencies (CLF, UYW) have 4. */
const MAX_DIGITS = 4;

// Where browsers' Intl gives a currency fewer digits than ISO 4217 (CLDR's cash digits): the API
// takes the ISO decimals, so the dialog does too.
const ISO_DIGITS: Record<string, number> = {
  AFN: 2, ALL: 2, COP: 2, HUF: 2, IDR: 2, IQD: 3, IRR: 2, KPW: 2, LAK: 2,
  LBP: 2, MGA: 2, MMK: 2, PKR: 2, SLL: 2, SOS: 2, SYP: 2, YER: 2,
};

/** The decimals an amount of `currency` may have, as the API counts them: 2 for USD, 0 for JPY, 3 for KWD. */
export function amountDigits(currency: string): number {
  const code = currency.trim().toUpperCase();
  return ISO_DIGITS[code] ?? currencyDigits(code);
}

/** An amount as the value field shows it: whole without decimals, else with the currency's (2 without
 *  one) and never fewer than it has: "4200", "1234.50", "1.234" (KWD). */
export function amountText(value: number, currency?: string): string {
  if (Number.isInteger(value)) return String(value);
  let places = currency ? amountDigits(currency) : 2;
  while (places < MAX_DIGITS && Number(value.toFixed(places)) !== value) places += 1;
  return value.toFixed(places);
}

/**
 * What the "Deal value" field starts with: the lead's own value when it has one, else the pipeline's
 * default value, else the default value of the form the lead came from; empty when none is above 0.
 */
export function prefillValue(
  leadValue: number,
  pipelineDefault?: number | null,
  formDefault?: number | null,
  currency?: string,
): string {
  const first = [leadValue, pipelineDefault, formDefault].find(
    (value): value is number => typeof value === "number" && Number.isFinite(value) && value > 0,
  );
  return first === undefined ? "" : amountText(first, currency);
}

const MAX_AMOUNT = 1_000_000_000_000;
export const MAX_NOTE = 1000;

const NOT_AN_AMOUNT = "Enter an amount, like 1234.50";

/**
 * An amount as typed ("1,234.50", " 99 "): the decimal string the API takes, or why it is not one. It
 * has at most the decimals of `currency` ("1.234" is an amount of KWD, not of USD); without a currency
 * at most 4, the most any currency has, and the API checks the currency's own.
 */
export function parseAmount(
  text: string,
  currency?: string,
): { ok: true; value: string; amount: number } | { ok: false; error: string } {
  const cleaned = text.replace(/[\s,]/g, "");
  const matched = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!matched) return { ok: false, error: NOT_AN_AMOUNT };
  const whole = matched[1]!.replace(/^0+(?=\d)/, "");
  const fraction = (matched[2] ?? "").replace(/0+$/, ""); // trailing zeros are no decimals
  const code = currency?.trim().toUpperCase();
  const digits = code ? amountDigits(code) : MAX_DIGITS;
  if (fraction.length > digits) {
    if (!code) return { ok: false, error: NOT_AN_AMOUNT };
    const error = digits === 0 ? `${code} amounts are whole numbers` : `${code} amounts have at most ${digits} decimal${digits > 1 ? "s" : ""}`;
    return { ok: false, error };
  }
  const amount = Number(cleaned);
  if (amount > MAX_AMOUNT) return { ok: false, error: "Enter a smaller amount" };
  // Written from the digits typed, not the float, so no decimal is rounded away
  const places = Math.max(code ? digits : 2, fraction.length);
  return { ok: true, value: places ? `${whole}.${fraction.padEnd(places, "0")}` : whole, amount };
}

export interface ClosingDraft {
  value: string;
  reason: string;
  note: string;
}

export type ClosingRequest = { ok: true; fields: ClosingFields } | { ok: false; errors: Record<string, string> };

export const VALUE_REQUIRED = "Enter the deal's value (more than 0)";
export const REASON_REQUIRED = "Choose why the lead was lost";

/**
 * What the dialog sends for this draft, or what is wrong with it. A win sends the value typed, with at
 * most the decimals of the lead's `currency` (an empty field is 0, which needs the account to allow
 * zero-value wins); a loss sends the reason and the note.
 */
export function closingRequest(kind: ClosingKind, draft: ClosingDraft, allowZeroValueWins: boolean, currency?: string): ClosingRequest {
  if (kind === "won") {
    const parsed = draft.value.trim() ? parseAmount(draft.value, currency) : ({ ok: true, value: "0.00", amount: 0 } as const);
    if (!parsed.ok) return { ok: false, errors: { value: parsed.error } };
    if (parsed.amount === 0 && !allowZeroValueWins) return { ok: false, errors: { value: VALUE_REQUIRED } };
    return { ok: true, fields: { value: parsed.value } };
  }
  const errors: Record<string, string> = {};
  if (!draft.reason) errors.lost_reason = REASON_REQUIRED;
  const note = draft.note.trim();
  if (note.length > MAX_NOTE) errors.lost_note = `Use at most ${MAX_NOTE} characters`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, fields: note ? { lost_reason: draft.reason, lost_note: note } : { lost_reason: draft.reason } };
}

const CLOSING_FIELDS = ["value", "lost_reason", "lost_note"] as const;

/**
 * The API's refusal of a win or a loss, by field, for the dialog to show next to its inputs
 * (`value_required`, `lost_reason_required`, an unknown reason, an amount it does not take); null
 * for any other error, which the dialog does not show.
 */
export function closingErrors(error: unknown): Record<string, string> | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const errors: Record<string, string> = {};
  for (const field of CLOSING_FIELDS) {
    const message = error.fields[field];
    if (message) errors[field] = message;
  }
  if (error.code === "value_required" && !errors.value) errors.value = error.message;
  if (error.code === "lost_reason_required" && !errors.lost_reason) errors.lost_reason = error.message;
  return Object.keys(errors).length ? errors : null;
}
