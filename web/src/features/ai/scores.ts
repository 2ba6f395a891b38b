// How a score reads: its band in words, the model it came from, its reasons' direction, and its
// history as rows and as a sparkline.

import type { LeadScore, ScoreChange, ScoreReason } from "./types";

export type ScoreBand = "likely" | "possible" | "unlikely";

/**
 * The score's band: Likely from 60 (the share of leads like it that are won is at least 3 in 5),
 * Possible from 30, Unlikely below. docs/ai.md says the same.
 */
export const BANDS: readonly { band: ScoreBand; from: number; label: string }[] = [
  { band: "likely", from: 60, label: "Likely" },
  { band: "possible", from: 30, label: "Possible" },
  { band: "unlikely", from: 0, label: "Unlikely" },
];

export function scoreBand(score: number): ScoreBand {
  return (BANDS.find((entry) => score >= entry.from) ?? BANDS[BANDS.length - 1]!).band;
}

export function bandLabel(score: number): string {
  const band = scoreBand(score);
  return BANDS.find((entry) => entry.band === band)!.label;
}

/** Where the score comes from, in a sentence. */
export function modelText(score: Pick<LeadScore, "model_kind">): string {
  return score.model_kind === "learned"
    ? "Learned from your workspace's own won and lost leads"
    : "A starting estimate from your stage and source rates";
}

/** A reason's direction in words (never colour alone). */
export function effectText(effect: ScoreReason["effect"]): string {
  return effect === "up" ? "Raises" : "Lowers";
}

export function effectMarker(effect: ScoreReason["effect"]): string {
  return effect === "up" ? "▲" : "▼";
}

/** A score and its band for a badge's text and title: "72%", "72% chance to win (Likely): <top reason>". */
export function badgeTitle(score: number, topReason: Pick<ScoreReason, "text"> | null | undefined): string {
  const base = `${score}% chance to win (${bandLabel(score)})`;
  return topReason ? `${base}: ${topReason.text}` : base;
}

/** The change a history entry made: "+5", "−3", "new" for the first score, "0" when it stayed. */
export function changeText(change: Pick<ScoreChange, "score" | "previous">): string {
  if (change.previous === null || change.previous === undefined) return "new";
  const delta = change.score - change.previous;
  if (delta > 0) return `+${delta}`;
  if (delta < 0) return `−${Math.abs(delta)}`;
  return "0";
}

/** The history oldest first (the API answers newest first). */
export function chronological(history: readonly ScoreChange[]): ScoreChange[] {
  return [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * The history as an SVG polyline's points in a `width` x `height` box (score 100 at the top), oldest
 * on the left; one point is drawn flat across. Empty without history.
 */
export function sparklinePoints(history: readonly ScoreChange[], width: number, height: number): string {
  const scores = chronological(history).map((change) => change.score);
  if (scores.length === 0) return "";
  const series = scores.length === 1 ? [scores[0]!, scores[0]!] : scores;
  const step = width / (series.length - 1);
  const y = (score: number) => round(height - (Math.min(100, Math.max(0, score)) / 100) * height);
  return series.map((score, index) => `${round(index * step)},${y(score)}`).join(" ");
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
