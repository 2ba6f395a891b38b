// A lead's timeline entries as sentences: what happened, who did it, how long the lead had been in
// the stage it left, and why a lost lead was lost.

import { formatDuration } from "../../lib/format";
import { readAttribution } from "../leads/attribution";
import type { TouchAttribution } from "../leads/types";
import type { Timeline, TimelineEntry } from "./types";

export interface Names {
  stageName: (stageId: string) => string;
  userName: (userId: string) => string;
}

export interface TimelineLine {
  key: string;
  kind: TimelineEntry["kind"];
  at: string;
  title: string;
  meta: string | null;
  body: string | null;
}

/** Time spent in a stage: "under a minute", "12 min", "5 h", "3 d". */
export function timeInStage(seconds: number | null | undefined): string | null {
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return null;
  return seconds < 60 ? "under a minute" : formatDuration(seconds);
}

// An entry's fields that do not apply to its kind are null or left out.
function stage(names: Names, name: string | null | undefined, stageId: string | null | undefined): string {
  return name || (stageId ? names.stageName(stageId) : "a stage");
}

/** Who did it: the recorded name, else a user by id; leads that came in on their own name their channel. */
function person(names: Names, name: string | null | undefined, userId: string | null | undefined): string {
  if (name) return name;
  if (userId?.startsWith("form:")) return "a form submission";
  if (userId?.startsWith("meta:")) return "Meta Lead Ads";
  return userId ? names.userName(userId) : "Someone";
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** Where a form submission's visit came from, in a few words: the ad click, else the UTMs, else the referrer. */
export function visitOrigin(attribution: TouchAttribution | null): string {
  const touch = attribution ?? {};
  const parts: string[] = [];
  if (touch.gclid || touch.gbraid || touch.wbraid) parts.push("from a Google Ads click");
  else if (touch.fbclid || touch.fbc) parts.push("from a Meta ad click");
  else if (touch.utm_source) parts.push(`from ${touch.utm_source}${touch.utm_medium ? ` / ${touch.utm_medium}` : ""}`);
  else if (touch.referrer) parts.push(`from ${hostOf(touch.referrer)}`);
  else parts.push("direct visit");
  if (touch.utm_campaign) parts.push(`campaign ${touch.utm_campaign}`);
  if (touch.landing_page) parts.push(`on ${touch.landing_page}`);
  return parts.join(" · ");
}

/** A stage change: from, to and why (a loss), who, and how long the lead had been in the stage it left. */
function describeMove(entry: TimelineEntry, names: Names): Pick<TimelineLine, "title" | "meta" | "body"> {
  const from = stage(names, entry.from_stage_name, entry.from_stage_id);
  const spent = timeInStage(entry.seconds_in_previous);
  const reason = entry.lost_reason ? ` — reason: ${entry.lost_reason}` : "";
  return {
    title: `Moved from ${from} to ${stage(names, entry.to_stage_name, entry.to_stage_id)}${reason}`,
    meta: `by ${person(names, entry.actor_name, entry.actor_id)}${spent ? ` · ${spent} in ${from}` : ""}`,
    body: entry.lost_note || null,
  };
}

export function describeEntry(entry: TimelineEntry, names: Names, index = 0): TimelineLine {
  const key = `${entry.kind}:${entry.note_id ?? entry.notification_id ?? entry.submission_id ?? ""}:${entry.recipient_id ?? ""}:${entry.at}:${index}`;
  const base = { key, kind: entry.kind, at: entry.at, meta: null, body: null };
  switch (entry.kind) {
    case "form_submitted":
      return { ...base, title: "Submitted a form", meta: visitOrigin(readAttribution(entry.attribution)) };
    case "created":
      return {
        ...base,
        title: `Created in ${stage(names, entry.to_stage_name, entry.to_stage_id)}`,
        meta: `by ${person(names, entry.actor_name, entry.actor_id)}`,
      };
    case "stage_changed":
      return { ...base, ...describeMove(entry, names) };
    case "note":
      return { ...base, title: `Note by ${person(names, entry.actor_name, entry.actor_id)}`, body: entry.body ?? null };
    case "notification":
      return {
        ...base,
        title: `Notified ${person(names, null, entry.recipient_id)}: ${entry.title ?? "a notification"}`,
      };
    default:
      return { ...base, title: "Something happened" };
  }
}

/** The API answers oldest first; the panel reads newest first. */
export function timelineLines(entries: readonly TimelineEntry[], names: Names): TimelineLine[] {
  return entries.map((entry, index) => describeEntry(entry, names, index)).reverse();
}

/** Notifications are written a moment after the change they tell of: read again while it is recent. */
const RECENT_MS = 60_000;
const RECENT_POLL_MS = 5_000;

export function timelinePollInterval(timeline: Timeline | undefined, now: number): number | false {
  const last = timeline?.items[timeline.items.length - 1];
  if (!last) return false;
  const at = Date.parse(last.at);
  return !Number.isNaN(at) && now - at < RECENT_MS ? RECENT_POLL_MS : false;
}
