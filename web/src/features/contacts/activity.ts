// The Activity of a contact or a company, newest first: its change log (who, when, what changed
// and why) and, for a contact, the emails and texts sent to it and when each of its leads was opened.

import {
  actorPhrase,
  changeLines,
  emailedBy,
  emailedTitle,
  readCause,
  readEmailed,
  type Cause,
  type ChangeContext,
  type ChangeEntry,
  type ChangeKind,
  type ChangeLine,
} from "./changeLog";
import { readTexted, textedStatus, textedTitle, type StatusTone } from "../messaging/texted";
import type { ContactLead } from "./types";

export type Noun = "Contact" | "Company";

export interface ActivityEntry {
  key: string;
  at: string;
  kind: ChangeKind | "lead_opened";
  title: string;
  /** "by …": who made the change; null for a lead opened. */
  actor: string | null;
  changes: ChangeLine[];
  cause: Cause | null;
  /** The lead the entry is about, for a link. */
  lead?: { lead_id: string; name: string };
  /** A text sent: what it said. */
  message?: string;
  /** A text sent: what became of it, and why when it was not sent. */
  status?: { label: string; tone: StatusTone; reason: string | null };
}

const TITLES: Record<Exclude<ChangeKind, "emailed" | "texted">, (noun: Noun) => string> = {
  created: (noun) => `${noun} added`,
  updated: (noun) => `${noun} changed`,
  deleted: (noun) => `${noun} deleted`,
  restored: (noun) => `${noun} restored`,
  merged: (noun) => `${noun} merged`,
  imported: (noun) => `${noun} imported`,
};

function changeEntry(entry: ChangeEntry, noun: Noun, context: ChangeContext): ActivityEntry {
  if (entry.kind === "emailed") {
    // What was sent and to whom is the entry itself: its cause, not a field change.
    const emailed = readEmailed(entry.cause);
    return { key: entry.entry_id, at: entry.at, kind: entry.kind, title: emailedTitle(emailed), actor: emailedBy(emailed, entry.actor_name), changes: [], cause: null };
  }
  if (entry.kind === "texted") {
    const texted = readTexted(entry.cause);
    const actor = texted.workflow ? `Workflow: ${texted.workflow}` : actorPhrase(entry.actor_name);
    return {
      key: entry.entry_id,
      at: entry.at,
      kind: entry.kind,
      title: textedTitle(texted),
      actor,
      changes: [],
      cause: null,
      message: texted.body,
      status: textedStatus(texted),
    };
  }
  return {
    key: entry.entry_id,
    at: entry.at,
    kind: entry.kind,
    title: TITLES[entry.kind](noun),
    actor: actorPhrase(entry.actor_name),
    changes: changeLines(entry.changes, context),
    cause: readCause(entry.cause),
  };
}

function leadOpened(lead: ContactLead): ActivityEntry {
  return {
    key: `lead-${lead.lead_id}`,
    at: lead.created_at,
    kind: "lead_opened",
    title: lead.deleted_at ? "Lead opened (since deleted)" : "Lead opened",
    actor: null,
    changes: [],
    cause: null,
    lead: { lead_id: lead.lead_id, name: lead.name || "Unnamed lead" },
  };
}

/** The change log (oldest first, as the API answers) with the leads opened, newest first. */
export function recordActivity(
  entries: readonly ChangeEntry[],
  noun: Noun,
  context: ChangeContext,
  leads: readonly ContactLead[] = [],
): ActivityEntry[] {
  const all = [...entries.map((entry) => changeEntry(entry, noun, context)), ...[...leads].reverse().map(leadOpened)];
  // A stable sort, oldest first, then turned round: of two at the same moment the later written shows first.
  return all.sort((a, b) => a.at.localeCompare(b.at)).reverse();
}
