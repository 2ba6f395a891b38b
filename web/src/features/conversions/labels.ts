// How the conversion ledger reads on screen: platforms, statuses, kinds, hashes.

import type { AdPlatform, ConversionKind, ConversionStatus, LedgerEntry } from "./types";

export const PLATFORMS: readonly AdPlatform[] = ["google_ads", "meta"];

export const STATUSES: readonly ConversionStatus[] = [
  "sent",
  "retrying",
  "dead_lettered",
  "rejected",
  "expired",
  "not_attributable",
  "not_configured",
  "not_supported",
  "skipped",
  "no_value",
  "already_reported",
];

const PLATFORM_LABELS: Record<AdPlatform, string> = { google_ads: "Google Ads", meta: "Meta" };

const STATUS_LABELS: Record<ConversionStatus, string> = {
  sent: "Sent",
  rejected: "Rejected",
  expired: "Expired",
  not_attributable: "Not attributable",
  not_configured: "Not configured",
  not_supported: "Not supported",
  skipped: "Skipped",
  no_value: "Not sent: no value",
  already_reported: "Already reported",
  retrying: "Retrying",
  dead_lettered: "Dead-lettered",
};

/** What each status means, for a tooltip and for screen readers. */
const STATUS_HINTS: Record<ConversionStatus, string> = {
  sent: "The platform accepted the conversion",
  rejected: "The platform refused it; it is not retried",
  expired: "Outside the platform's attribution window; not sent",
  not_attributable: "No click id, email or phone the platform can match on; not sent",
  not_configured: "The platform's credentials are not set up; not sent",
  not_supported: "The platform offers no such thing",
  skipped: "Nothing to do",
  no_value: "The lead's value is 0: set it and the conversion is sent",
  already_reported: "The platform already counted an earlier win of this lead and cannot take it back",
  retrying: "A temporary failure: it is sent again automatically",
  dead_lettered: "Every retry failed: replay it once the problem is fixed",
};

const KIND_LABELS: Record<ConversionKind, string> = {
  conversion: "Win",
  retraction: "Retraction",
  restatement: "Value correction",
  crm_event: "CRM event",
};

export type StatusTone = "good" | "bad" | "pending" | "neutral";

const STATUS_TONES: Record<ConversionStatus, StatusTone> = {
  sent: "good",
  rejected: "bad",
  dead_lettered: "bad",
  retrying: "pending",
  expired: "neutral",
  not_attributable: "neutral",
  not_configured: "neutral",
  not_supported: "neutral",
  skipped: "neutral",
  no_value: "pending",
  already_reported: "neutral",
};

/** Outcomes a replay leaves alone (the API resends every other one). */
const FINAL_ON_REPLAY: ReadonlySet<ConversionStatus> = new Set(["sent", "not_supported", "skipped", "already_reported"]);

export function platformLabel(platform: string): string {
  return PLATFORM_LABELS[platform as AdPlatform] ?? platform;
}

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as ConversionStatus] ?? status.replace(/_/g, " ");
}

export function statusHint(status: string): string {
  return STATUS_HINTS[status as ConversionStatus] ?? "";
}

export function statusTone(status: string): StatusTone {
  return STATUS_TONES[status as ConversionStatus] ?? "neutral";
}

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind as ConversionKind] ?? kind;
}

export function isPlatform(value: string | null | undefined): value is AdPlatform {
  return PLATFORMS.includes(value as AdPlatform);
}

export function isStatus(value: string | null | undefined): value is ConversionStatus {
  return STATUSES.includes(value as ConversionStatus);
}

/** A SHA-256 in hex shortened for a table cell; the full value stays available as a title. */
export function shortHash(hash: string | null | undefined, length = 12): string {
  if (!hash) return "";
  return hash.length > length ? `${hash.slice(0, length)}…` : hash;
}

/** " · attempt 2" after the first attempt (`attempt` left out is the first), else null. */
export function attemptText(entry: Pick<LedgerEntry, "attempt">): string | null {
  const attempt = entry.attempt ?? 1;
  return attempt > 1 ? ` · attempt ${attempt}` : null;
}

/** Whether a replay would send this attempt's conversion again. */
export function isReplayable(status: ConversionStatus): boolean {
  return !FINAL_ON_REPLAY.has(status);
}

/**
 * The latest attempt per conversion and platform, from a ledger listed newest first: what each
 * platform made of each conversion in the end.
 */
export function latestAttempts(entries: readonly LedgerEntry[]): LedgerEntry[] {
  const latest = new Map<string, LedgerEntry>();
  for (const entry of entries) {
    const key = `${entry.job_id}|${entry.platform}`;
    const seen = latest.get(key);
    if (!seen || entry.at > seen.at) latest.set(key, entry);
  }
  return [...latest.values()];
}

/** Whether the ledger still waits on an automatic retry (worth polling). */
export function awaitsRetry(entries: readonly LedgerEntry[]): boolean {
  return latestAttempts(entries).some((entry) => entry.status === "retrying");
}

const RETRY_POLL_MS = 10_000;
const AFTER_MOVE_POLL_MS = 3_000;
const AFTER_MOVE_WINDOW_MS = 60_000;

/**
 * How often a lead's ledger is read again: often for a minute after the lead changed stage (a win's
 * conversions land within seconds), now and then while a platform's answer waits on a retry, else never.
 */
export function ledgerPollInterval(
  entries: readonly LedgerEntry[],
  stageEnteredAt: string | null | undefined,
  now: number,
): number | false {
  const movedAt = stageEnteredAt ? Date.parse(stageEnteredAt) : Number.NaN;
  if (!Number.isNaN(movedAt) && now - movedAt < AFTER_MOVE_WINDOW_MS) return AFTER_MOVE_POLL_MS;
  return awaitsRetry(entries) ? RETRY_POLL_MS : false;
}

/** Whether an admin's replay would resend something of this lead. */
export function hasUnsent(entries: readonly LedgerEntry[]): boolean {
  return latestAttempts(entries).some((entry) => isReplayable(entry.status));
}

export function replayMessage(requested: number, source: "lead" | "dead_lettered"): string {
  if (requested === 0) {
    return source === "lead"
      ? "Nothing to replay: this lead's conversions were all sent"
      : "No dead-lettered conversions to replay";
  }
  const what = requested === 1 ? "1 conversion" : `${requested} conversions`;
  return `${what} queued to be sent again`;
}
