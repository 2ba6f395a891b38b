// How a form's submissions read in their table: outcome, spam reason, the attribution in short.

import { readAttribution } from "../leads/attribution";
import type { SubmissionOutcome } from "./types";

export type SpamFilter = "all" | "clean" | "spam";

export const SPAM_FILTER_LABELS: Record<SpamFilter, string> = {
  all: "All submissions",
  clean: "Not spam",
  spam: "Spam only",
};

/** The filter in the URL (`?spam=true|false`); anything else shows everything. */
export function spamFilterFromParams(params: URLSearchParams): SpamFilter {
  const value = params.get("spam");
  if (value === "true") return "spam";
  if (value === "false") return "clean";
  return "all";
}

export function paramsFromSpamFilter(filter: SpamFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter !== "all") params.set("spam", filter === "spam" ? "true" : "false");
  return params;
}

/** The API's `spam` query value: true for spam only, false for none of it, null for all. */
export function spamQuery(filter: SpamFilter): boolean | null {
  return filter === "all" ? null : filter === "spam";
}

export const OUTCOME_LABELS: Record<SubmissionOutcome, string> = {
  created: "New lead",
  attached: "Existing lead: new touch",
  spam: "Spam: no lead",
};

const SPAM_REASONS: Record<string, string> = {
  honeypot: "the hidden trap field was filled",
  too_fast: "sent faster than a person types",
};

export function spamReasonLabel(reason: string | null): string {
  if (!reason) return "flagged as spam";
  return SPAM_REASONS[reason] ?? reason.replace(/_/g, " ");
}

const CLICK_IDS = ["gclid", "gbraid", "wbraid", "fbclid", "msclkid", "ttclid", "li_fat_id"] as const;

export interface AttributionSummary {
  /** utm_source / utm_medium / utm_campaign, those present. */
  source: string | null;
  /** The first click id present, as "gclid: …". */
  click: { key: string; value: string } | null;
  landingPage: string | null;
  referrer: string | null;
}

/** A submission's attribution (an open object in the API's answer) in short. */
export function summarizeAttribution(attribution: Readonly<Record<string, unknown>> | null | undefined): AttributionSummary {
  const data = readAttribution(attribution);
  const source = [data.utm_source, data.utm_medium, data.utm_campaign].filter(Boolean).join(" / ");
  const clickKey = CLICK_IDS.find((key) => Boolean(data[key]));
  return {
    source: source || null,
    click: clickKey ? { key: clickKey, value: data[clickKey]! } : null,
    landingPage: data.landing_page || null,
    referrer: data.referrer || null,
  };
}

/** A submitted value (whatever the post carried) as text: a checkbox's answer reads Yes or No. */
export function valueText(value: unknown): string {
  if (value === true) return "Yes";
  if (value === false) return "No";
  if (value === null || value === undefined || value === "") return "";
  return String(value);
}
