// Winning and losing a lead, from the board, its "Move" menu or the lead page: which moves ask
// first (a won stage asks the deal's value, a lost stage why), what the dialog starts with, what it
// sends, and which of the API's refusals it shows.

import { ApiError } from "../../api/errors";
import type { ClosingFields } from "./types";

export type ClosingKind = "won" | "lost";

/** The question a move into a stage of this kind asks first; null when it asks none. */
export function closingKind(stageKind: string | null | undefined): ClosingKind | null {
  return stageKind === "won" || stageKind === "lost" ? stageKind : null;
}

/** An amount as the value field shows it: "4200", "1234.50". */
export function amountText(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/**
 * What the "Deal value" field starts with: the lead's own value when it has one, else the pipeline's
 * default value, else the default value of the form the lead came from; empty when none is above 0.
 */
export function prefillValue(leadValue: number, pipelineDefault?: number | null, formDefault?: number | null): string {
  const first = [leadValue, pipelineDefault, formDefault].find(
    (value): value is number => typeof value === "number" && Number.isFinite(value) && value > 0,
  );
  return first === undefined ? "" : amountText(first);
}

const MAX_AMOUNT = 1_000_000_000_000;
export const MAX_NOTE = 1000;

/** An amount as typed ("1,234.50", " 99 "): the decimal string the API takes, or why it is not one. */
export function parseAmount(text: string): { ok: true; value: string; amount: number } | { ok: false; error: string } {
  const cleaned = text.replace(/[\s,]/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return { ok: false, error: "Enter an amount, like 1234.50" };
  const amount = Number(cleaned);
  if (amount > MAX_AMOUNT) return { ok: false, error: "Enter a smaller amount" };
  return { ok: true, value: amount.toFixed(2), amount };
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
 * What the dialog sends for this draft, or what is wrong with it. A win sends the value typed (an empty
 * field is 0, which needs the account to allow zero-value wins); a loss sends the reason and the note.
 */
export function closingRequest(kind: ClosingKind, draft: ClosingDraft, allowZeroValueWins: boolean): ClosingRequest {
  if (kind === "won") {
    const parsed = draft.value.trim() ? parseAmount(draft.value) : ({ ok: true, value: "0.00", amount: 0 } as const);
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
