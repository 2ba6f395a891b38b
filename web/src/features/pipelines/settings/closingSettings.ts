// Settings > Pipelines, "Winning and losing": the list of lost reasons as edited (add, rename,
// remove, reorder), what a save sends, and a pipeline's default deal value as typed.

import { parseAmount } from "../closing";
import type { PipelineSettingsUpdate } from "../types";

export const MAX_REASONS = 30;
export const MAX_REASON_LENGTH = 80;

/** The list with one more reason at the end, or why it cannot take it. */
export function addReason(reasons: readonly string[], text: string): { ok: true; reasons: string[] } | { ok: false; error: string } {
  const reason = text.trim();
  if (!reason) return { ok: false, error: "Type the reason first" };
  if (reason.length > MAX_REASON_LENGTH) return { ok: false, error: `Use at most ${MAX_REASON_LENGTH} characters` };
  if (reasons.some((item) => item.trim().toLowerCase() === reason.toLowerCase())) {
    return { ok: false, error: `“${reason}” is already on the list` };
  }
  if (reasons.length >= MAX_REASONS) return { ok: false, error: `A list holds at most ${MAX_REASONS} reasons` };
  return { ok: true, reasons: [...reasons, reason] };
}

/** What a save sends, or why the list cannot be saved as it is (a blank or repeated reason, none at all). */
export function settingsBody(
  reasons: readonly string[],
  allowZeroValueWins: boolean,
): { ok: true; body: PipelineSettingsUpdate } | { ok: false; error: string } {
  const trimmed = reasons.map((reason) => reason.trim());
  if (trimmed.length === 0) return { ok: false, error: "Keep at least one reason: a lost lead needs one" };
  if (trimmed.some((reason) => !reason)) return { ok: false, error: "Give every reason a name, or remove it" };
  const long = trimmed.find((reason) => reason.length > MAX_REASON_LENGTH);
  if (long) return { ok: false, error: `“${long.slice(0, 20)}…” is too long: use at most ${MAX_REASON_LENGTH} characters` };
  const seen = new Set<string>();
  for (const reason of trimmed) {
    if (seen.has(reason.toLowerCase())) return { ok: false, error: `“${reason}” is on the list twice` };
    seen.add(reason.toLowerCase());
  }
  return { ok: true, body: { lost_reasons: trimmed, allow_zero_value_wins: allowZeroValueWins } };
}

/** A pipeline's default deal value as typed: the decimal string to save, null to remove it, or an error. */
export function defaultValueBody(text: string): { ok: true; value: string | null } | { ok: false; error: string } {
  if (!text.trim()) return { ok: true, value: null };
  const parsed = parseAmount(text);
  return parsed.ok ? { ok: true, value: parsed.value } : parsed;
}

/** Whether the default deal value as typed differs from the saved one: "1,500.00" is 1500; what is not an amount differs. */
export function defaultValueChanged(text: string, saved: number | null): boolean {
  const typed = defaultValueBody(text);
  if (!typed.ok) return true;
  if (typed.value === null) return saved !== null;
  return saved === null || Number(typed.value) !== saved;
}
