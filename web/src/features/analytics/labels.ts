// How the reports' choices and keys read on screen: the six reports, the attribution models, the
// groupings, intervals, ad click kinds and conversion outcomes.

import { sourceLabel } from "../../lib/format";
import { LEAD_SOURCES as FORM_SOURCES } from "../leads/types";
import type { AttributionModel, GroupBy, HealthPlatform, Interval, LeadSource, Outcome, ReportKey, RevenueRow } from "./types";

export interface ReportInfo {
  /** The path under /reports, and the report's name in /analytics/export/{report}. */
  slug: string;
  exportKey: ReportKey;
  title: string;
  summary: string;
  /** Only for roles that see the whole team's figures (analytics:read_all). */
  teamOnly?: boolean;
}

export const REPORTS: readonly ReportInfo[] = [
  {
    slug: "revenue",
    exportKey: "revenue",
    title: "Revenue by source",
    summary: "Which sources, campaigns and ads bring the leads that you win, and how much they earn.",
  },
  {
    slug: "funnel",
    exportKey: "funnel",
    title: "Funnel",
    summary: "How far the leads created in a range get through your pipeline's stages.",
  },
  {
    slug: "velocity",
    exportKey: "velocity",
    title: "Stage velocity",
    summary: "How long leads stay in each stage, and which leads are stuck.",
  },
  {
    slug: "revenue-over-time",
    exportKey: "revenue-over-time",
    title: "Revenue over time",
    summary: "Won revenue by day, week or month against the period before, and the months ahead.",
  },
  {
    slug: "agents",
    exportKey: "agents",
    title: "Agents",
    summary: "Each user's leads, wins, revenue, response time and overdue work.",
  },
  {
    slug: "conversions",
    exportKey: "conversions",
    title: "Conversions health",
    summary: "How much of your won revenue Google Ads and Meta were told about, and why the rest was not.",
    teamOnly: true,
  },
];

export function reportInfo(slug: string): ReportInfo {
  return REPORTS.find((report) => report.slug === slug) ?? REPORTS[0]!;
}

export const MODELS: readonly { value: AttributionModel; label: string; hint: string }[] = [
  { value: "last_non_direct", label: "Last non-direct touch", hint: "All credit to the last touch that was not a direct visit." },
  { value: "first_touch", label: "First touch", hint: "All credit to the touch that first brought the person." },
  { value: "last_touch", label: "Last touch", hint: "All credit to the last touch before the win." },
  { value: "linear", label: "Linear", hint: "Credit split equally over every touch." },
  {
    value: "position_based",
    label: "Position-based",
    hint: "40% to the first touch, 40% to the last, 20% shared by the touches between.",
  },
  { value: "time_decay", label: "Time decay", hint: "More credit to recent touches: a touch 7 days earlier gets half as much." },
];

export const DEFAULT_MODEL: AttributionModel = "last_non_direct";

export function modelLabel(model: AttributionModel): string {
  return MODELS.find((option) => option.value === model)?.label ?? model;
}

export const GROUPINGS: readonly { value: GroupBy; label: string }[] = [
  { value: "source", label: "Source" },
  { value: "medium", label: "Source and medium" },
  { value: "campaign", label: "Campaign" },
  { value: "content", label: "Ad (campaign content)" },
  { value: "platform", label: "Ad click" },
];

export const DEFAULT_GROUP_BY: GroupBy = "source";

export const INTERVALS: readonly { value: Interval; label: string }[] = [
  { value: "day", label: "Day" },
  { value: "week", label: "Week" },
  { value: "month", label: "Month" },
];

/** The sources a report filters by: the same list the lead form offers. */
export const LEAD_SOURCES: readonly LeadSource[] = FORM_SOURCES;

// The kind of ad click id a lead's first touch carried, as the platform grouping names it.
const CLICK_LABELS: Record<string, string> = {
  gclid: "Google Ads click (gclid)",
  gbraid: "Google Ads click (gbraid)",
  wbraid: "Google Ads click (wbraid)",
  fbclid: "Meta click (fbclid)",
  fbc: "Meta click (fbc)",
  msclkid: "Microsoft Ads click (msclkid)",
  ttclid: "TikTok click (ttclid)",
  li_fat_id: "LinkedIn click (li_fat_id)",
};

export function clickLabel(platform: string | null | undefined): string {
  if (!platform) return "No ad click";
  return CLICK_LABELS[platform] ?? platform;
}

/** A row of the revenue report by what it is grouped by; a missing UTM value reads as such. */
export function revenueRowLabel(row: RevenueRow, groupBy: GroupBy): string {
  const source = row.source ? sourceLabel(row.source) : "Unknown source";
  switch (groupBy) {
    case "source":
      return source;
    case "medium":
      return `${source} · ${row.medium || "no medium"}`;
    case "campaign":
      return `${source} · ${row.campaign || "no campaign"}`;
    case "content":
      return `${source} · ${row.campaign || "no campaign"} · ${row.content || "no ad"}`;
    case "platform":
      return clickLabel(row.platform);
  }
}

const HEALTH_PLATFORMS: Record<HealthPlatform, string> = { google_ads: "Google Ads", meta: "Meta" };

export function healthPlatformLabel(platform: HealthPlatform): string {
  return HEALTH_PLATFORMS[platform] ?? platform;
}

export const OUTCOMES: readonly { value: Outcome; label: string; hint: string; color: string }[] = [
  { value: "sent", label: "Sent", hint: "The platform received the conversion.", color: "#10b981" },
  { value: "pending", label: "Waiting to send", hint: "Not recorded yet, or being tried again.", color: "#60a5fa" },
  {
    value: "no_identifier",
    label: "No click or contact details",
    hint: "Nothing the platform can match the conversion on: no ad click id, email or phone.",
    color: "#f59e0b",
  },
  { value: "no_value", label: "Won without a value", hint: "The lead was won at 0.", color: "#fbbf24" },
  { value: "expired_click", label: "Click too old", hint: "The ad click was past the platform's window.", color: "#f97316" },
  { value: "failed", label: "Failed", hint: "The platform refused it, or the retries gave up.", color: "#dc2626" },
  { value: "not_connected", label: "Platform not connected", hint: "No ad account is set up for the platform.", color: "#94a3b8" },
  { value: "not_sent", label: "Not sent", hint: "There was nothing to send.", color: "#cbd5e1" },
];

export function outcomeInfo(outcome: Outcome) {
  return OUTCOMES.find((option) => option.value === outcome) ?? { value: outcome, label: outcome, hint: "", color: "#cbd5e1" };
}
