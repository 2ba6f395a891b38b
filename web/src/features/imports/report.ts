// How an import's numbers read: the counts, the run's progress, how long it took, and undo (whether
// it is still possible, what it deletes, what it deleted).

import type { Import, ImportCounts, ImportStatus } from "./types";
import { getDisplayLocale } from "../../lib/format";

export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

export function formatCount(count: number): string {
  return new Intl.NumberFormat(getDisplayLocale()).format(count);
}

export type CountKey = "created" | "updated" | "skipped" | "failed" | "leads_created" | "companies_created";

export interface CountItem {
  key: CountKey;
  label: string;
  value: number;
  /** For the browser tests: "count-created", "count-leads_created"… */
  testId: string;
}

const COUNT_LABELS: Record<CountKey, string> = {
  created: "Contacts created",
  updated: "Contacts updated",
  skipped: "Rows skipped",
  failed: "Rows failed",
  leads_created: "Leads created",
  companies_created: "Companies created",
};

/**
 * The counts shown, in order: contacts created and updated, rows skipped and failed, then the leads
 * (when the import creates them, or created some) and the companies (when it created some).
 */
export function countItems(counts: ImportCounts, createsLeads: boolean): CountItem[] {
  const keys: CountKey[] = ["created", "updated", "skipped", "failed"];
  if (createsLeads || counts.leads_created > 0) keys.push("leads_created");
  if (counts.companies_created > 0) keys.push("companies_created");
  return keys.map((key) => ({ key, label: COUNT_LABELS[key], value: counts[key], testId: `count-${key}` }));
}

/** The list's one line: "12 created · 3 updated · 1 skipped · 0 failed". */
export function countsSummary(counts: Pick<ImportCounts, "created" | "updated" | "skipped" | "failed">): string {
  return [`${formatCount(counts.created)} created`, `${formatCount(counts.updated)} updated`, `${formatCount(counts.skipped)} skipped`, `${formatCount(counts.failed)} failed`].join(" · ");
}

export interface RunProgress {
  /** Rows read so far, never above the total. */
  value: number;
  /** The file's rows; 0 while the run has not counted them yet. */
  max: number;
  /** 0 to 100. */
  percent: number;
  /** "1,200 of 5,000 rows", or "Counting the rows…" before the total is known. */
  text: string;
}

export function runProgress(counts: Pick<ImportCounts, "rows_read" | "rows_total">): RunProgress {
  const max = Math.max(0, counts.rows_total);
  const value = Math.min(Math.max(0, counts.rows_read), max);
  if (max === 0) return { value: 0, max: 0, percent: 0, text: "Counting the rows…" };
  return { value, max, percent: Math.round((value / max) * 100), text: `${formatCount(value)} of ${plural(max, "row", "rows")}` };
}

/** What the run step says it is doing. */
export function runHeadline(status: ImportStatus, cancelling: boolean): string {
  if (status === "undoing") return "Deleting what this import created";
  if (cancelling) return "Stopping after the current rows";
  if (status === "queued") return "Waiting to start";
  return "Importing";
}

/** "45 s", "3 min 20 s", "1 h 5 min"; "" when unknown. */
export function durationText(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || seconds < 0) return "";
  const whole = Math.round(seconds);
  if (whole < 60) return `${Math.max(whole, 1)} s`;
  if (whole < 3600) {
    const rest = whole % 60;
    return rest ? `${Math.floor(whole / 60)} min ${rest} s` : `${whole / 60} min`;
  }
  const minutes = Math.round((whole % 3600) / 60);
  return minutes ? `${Math.floor(whole / 3600)} h ${minutes} min` : `${Math.floor(whole / 3600)} h`;
}

const REPORT_TITLES: Partial<Record<ImportStatus, string>> = {
  done: "Import finished",
  cancelled: "Import cancelled",
  failed: "Import stopped",
  undone: "Import undone",
};

export function reportTitle(status: ImportStatus): string {
  return REPORT_TITLES[status] ?? "Import";
}

export type UndoState =
  | { kind: "available"; until: string }
  | { kind: "expired"; until: string }
  | { kind: "undone"; at: string | null }
  | { kind: "none" };

/** Whether "Undo this import" shows: only while `undo_until` is ahead, and never once undone. */
export function undoState(item: Pick<Import, "status" | "undo_until" | "undone_at">, now: number): UndoState {
  if (item.status === "undone") return { kind: "undone", at: item.undone_at };
  if (!item.undo_until) return { kind: "none" };
  const until = Date.parse(item.undo_until);
  if (Number.isNaN(until) || until <= now) return { kind: "expired", until: item.undo_until };
  return { kind: "available", until: item.undo_until };
}

/** The undo dialog's sentence: exactly what goes, how it comes back, what stays. */
export function undoConfirmText(counts: Pick<ImportCounts, "created" | "leads_created">): string {
  return (
    `This deletes the ${plural(counts.created, "contact", "contacts")} and ${plural(counts.leads_created, "lead", "leads")} this import created. ` +
    "They can be restored from the deleted contacts and deleted leads views. Companies it created stay, and contacts it updated keep their new values."
  );
}

/** "Undone on Dec 6, 2026: 12 contacts and 3 leads deleted." */
export function undoneText(item: Pick<Import, "undone_at" | "undone_contacts" | "undone_leads">, formatDate: (iso: string) => string): string {
  const when = item.undone_at ? `Undone on ${formatDate(item.undone_at)}` : "Undone";
  return `${when}: ${plural(item.undone_contacts, "contact", "contacts")} and ${plural(item.undone_leads, "lead", "leads")} deleted.`;
}

/** Rows the plan's monthly lead limit refused (they are counted in failed). */
export function overLimitText(counts: Pick<ImportCounts, "over_limit">): string | null {
  if (counts.over_limit <= 0) return null;
  return `${plural(counts.over_limit, "row was", "rows were")} refused by your plan's monthly lead limit (counted in failed).`;
}

/** "Download problems (12 rows)". */
export function problemsLabel(rows: number): string {
  return `Download problems (${plural(rows, "row", "rows")})`;
}
