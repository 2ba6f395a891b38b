// An import's status: how it reads (the list's badge), and which step of the wizard shows it, so a
// reload or coming back later opens the import where it is.

import type { ImportStatus } from "./types";

export const IMPORT_STATUSES: readonly ImportStatus[] = [
  "awaiting_upload",
  "inspecting",
  "ready",
  "rejected",
  "queued",
  "running",
  "done",
  "failed",
  "cancelled",
  "undoing",
  "undone",
];

const STATUS_LABELS: Record<ImportStatus, string> = {
  awaiting_upload: "Uploading",
  inspecting: "Checking the file",
  ready: "Ready to map",
  rejected: "File refused",
  queued: "Waiting to start",
  running: "Importing",
  done: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
  undoing: "Undoing",
  undone: "Undone",
};

/** The badge's colour: what a person should notice. */
export type StatusTone = "neutral" | "busy" | "good" | "bad" | "muted";

const STATUS_TONES: Record<ImportStatus, StatusTone> = {
  awaiting_upload: "busy",
  inspecting: "busy",
  ready: "neutral",
  rejected: "bad",
  queued: "busy",
  running: "busy",
  done: "good",
  failed: "bad",
  cancelled: "muted",
  undoing: "busy",
  undone: "muted",
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as ImportStatus] ?? status;
}

export function statusTone(status: string): StatusTone {
  return STATUS_TONES[status as ImportStatus] ?? "neutral";
}

export function isImportStatus(value: string | null | undefined): value is ImportStatus {
  return IMPORT_STATUSES.includes(value as ImportStatus);
}

/** The wizard's steps: the file (and its check), the mapping, the run, the report. */
export type WizardStep = "checking" | "rejected" | "map" | "run" | "report";

export function stepOf(status: ImportStatus): WizardStep {
  switch (status) {
    case "awaiting_upload":
    case "inspecting":
      return "checking";
    case "rejected":
      return "rejected";
    case "ready":
      return "map";
    case "queued":
    case "running":
    case "undoing":
      return "run";
    default:
      return "report";
  }
}

/** While the server checks the file: read it again every second. */
export const CHECK_POLL_MS = 1000;
/** While it runs (or is undone): every 1.5 seconds. */
export const RUN_POLL_MS = 1500;

/** How soon to read the import again in this status; false once nothing more will change by itself. */
export function pollInterval(status: ImportStatus | undefined): number | false {
  if (!status) return false;
  const step = stepOf(status);
  if (step === "checking") return CHECK_POLL_MS;
  if (step === "run") return RUN_POLL_MS;
  return false;
}
