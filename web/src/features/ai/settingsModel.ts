// Settings > AI in words: the month's usage, the score model and its quality, each measure explained
// in a sentence for someone who is not a statistician, and whether a requested training is still waited for.

import { formatDateTime, getDisplayLocale } from "../../lib/format";
import type { AiUsage, ModelQuality } from "./types";

export const AUC_TEXT =
  "How often the model ranks a lead that was won above one that was lost, tried on your latest closed leads it did not learn from: 0.5 is a coin toss, 1.0 is always right.";
export const BASELINE_TEXT =
  "The same measure for a simple model that only knows each lead's source: the score model should beat it.";
export const CALIBRATION_TEXT =
  "How far, on average, the predicted chance to win is from the share that was really won: 0.05 means about 5 points off.";
export const TABLE_TEXT =
  "Your latest closed leads grouped by the chance the model gave them, with the share of each group that was really won: in a good model the two are close.";

const whole = new Intl.NumberFormat(getDisplayLocale());

export function tokensText(usage: Pick<AiUsage, "tokens" | "budget">): string {
  return `${whole.format(usage.tokens)} of ${whole.format(usage.budget)} tokens`;
}

/** The share of the budget used, 0 to 1 (a meter's value). */
export function usageShare(usage: Pick<AiUsage, "tokens" | "budget">): number {
  if (usage.budget <= 0) return usage.tokens > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, usage.tokens / usage.budget));
}

/** "2026-03" as "March 2026". */
export function monthLabel(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return date.toLocaleDateString(getDisplayLocale(), { month: "long", year: "numeric", timeZone: "UTC" });
}

/** What the served model is, in words. */
export function modelKindText(model: Pick<ModelQuality, "kind" | "leads">): string {
  if (model.kind === "learned") return `Learned from ${whole.format(model.leads)} closed ${model.leads === 1 ? "lead" : "leads"}`;
  return "A starting estimate from your stage and source rates (until 50 leads are won or lost)";
}

/** An AUC or an error to two decimals; "Not measured yet" without one. */
export function measureText(value: number | null | undefined): string {
  return value === null || value === undefined ? "Not measured yet" : value.toFixed(2);
}

export function percentText(share: number | null | undefined): string {
  return share === null || share === undefined ? "—" : `${Math.round(share * 100)}%`;
}

export interface CalibrationRow {
  label: string;
  leads: number;
  predicted: string;
  actual: string;
}

function share(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** The calibration bins as table rows ("0–10%", leads, predicted, actual); bins without leads are left out. */
export function calibrationRows(bins: readonly Record<string, unknown>[] | undefined): CalibrationRow[] {
  return (bins ?? []).flatMap((bin) => {
    const leads = typeof bin.leads === "number" ? bin.leads : 0;
    const from = share(bin.from);
    const to = share(bin.to);
    if (leads <= 0 || from === null || to === null) return [];
    return [
      {
        label: `${Math.round(from * 100)}–${Math.round(to * 100)}%`,
        leads,
        predicted: percentText(share(bin.predicted)),
        actual: percentText(share(bin.actual)),
      },
    ];
  });
}

/** A training asked for at `requestedAt` has not finished while the model was trained before it (or never). */
export function trainingWaiting(model: Pick<ModelQuality, "trained_at"> | null | undefined, requestedAt: string | null | undefined): boolean {
  if (!requestedAt) return false;
  const asked = Date.parse(requestedAt);
  const trained = model?.trained_at ? Date.parse(model.trained_at) : Number.NaN;
  if (Number.isNaN(asked)) return false;
  return Number.isNaN(trained) || trained < asked;
}

export function requestedText(requestedAt: string): string {
  return `Training requested at ${formatDateTime(requestedAt)}`;
}
