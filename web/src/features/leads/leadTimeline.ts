// A lead's timeline as the page reads it, newest first: the pipelines' sentences for submissions,
// creation, moves, notes and reminders, and for edits, deletes and restores each field's old and new
// value (`value` as money); a change's "Notified …" lines sit in its entry, and a form submission
// carries the visitor's answers.

import { actorPhrase, changeLines, emailedBy, emailedTitle, readChanges, readEmailed, type ChangeContext, type ChangeLine } from "../contacts/changeLog";
import { describeEntry, type Names, type TimelineLine } from "../pipelines/timelineModel";
import type { TimelineEntry } from "../pipelines/types";
import { readTexted, textedStatus, textedTitle } from "../messaging/texted";
import { readAnswers, type Answer } from "./answers";

export interface LeadTimelineLine extends TimelineLine {
  changes: ChangeLine[];
  /** "Notified Sam Sales: New lead assigned to you", one per person told of the change. */
  notified: string[];
  answers: Answer[];
}

/** The stage and user names, and how the lead's fields read (its currency, its custom fields). */
export type LeadTimelineNames = Names & Omit<ChangeContext, "userName">;

const EDIT_TITLES: Partial<Record<TimelineEntry["kind"], string>> = {
  updated: "Edited",
  deleted: "Deleted",
  restored: "Restored",
};

function by(entry: TimelineEntry, names: Names): string {
  const name = entry.actor_name || (entry.actor_id && !entry.actor_id.includes(":") ? names.userName(entry.actor_id) : null);
  return `by ${actorPhrase(name)}`;
}

function describe(entry: TimelineEntry, names: LeadTimelineNames, index: number): LeadTimelineLine {
  const notified = (entry.notified ?? []).map((told) => `Notified ${names.userName(told.recipient_id)}: ${told.title}`);
  const answers = entry.kind === "form_submitted" ? readAnswers(entry.answers) : [];
  if (entry.kind === "emailed") {
    // An email sent about the lead (from its page, or its contact's about it): what, to whom, by whom.
    const emailed = readEmailed(entry.cause);
    const key = `emailed:${entry.event_id ?? ""}:${entry.at}:${index}`;
    const meta = `by ${emailedBy(emailed, entry.actor_name)}`;
    return { key, kind: entry.kind, at: entry.at, title: emailedTitle(emailed), meta, body: null, changes: [], notified, answers };
  }
  if (entry.kind === "texted") {
    // A text sent about the lead: to whom, what, who sent it, and what became of it.
    const texted = readTexted(entry.cause);
    const status = textedStatus(texted);
    const sender = texted.workflow ? `the workflow ${texted.workflow}` : actorPhrase(entry.actor_name);
    const meta = `by ${sender} · ${status.label}${status.reason ? `: ${status.reason}` : ""}`;
    const key = `texted:${entry.event_id ?? ""}:${entry.at}:${index}`;
    return { key, kind: entry.kind, at: entry.at, title: textedTitle(texted), meta, body: texted.body || null, changes: [], notified, answers };
  }
  const title = EDIT_TITLES[entry.kind];
  if (title === undefined) return { ...describeEntry(entry, names, index), changes: [], notified, answers };
  return {
    key: `${entry.kind}:${entry.event_id ?? ""}:${entry.at}:${index}`,
    kind: entry.kind,
    at: entry.at,
    title,
    meta: by(entry, names),
    body: null,
    changes: changeLines(readChanges(entry.changes), { ...names, userName: names.userName }),
    notified,
    answers,
  };
}

/** The API answers oldest first; the panel reads newest first. */
export function leadTimelineLines(entries: readonly TimelineEntry[], names: LeadTimelineNames): LeadTimelineLine[] {
  return entries.map((entry, index) => describe(entry, names, index)).reverse();
}
