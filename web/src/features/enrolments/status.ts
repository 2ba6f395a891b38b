// A contact's or a lead's enrolments in words, without React: each one's status and outcome, what a
// request to enrol it did, and how long the panel keeps reading itself while one runs.

import { formatDateTime } from "../../lib/format";
import type { EnrolResult, Enrolment, EnrolmentStatus, SubjectWorkflows } from "./types";

type Format = (iso: string) => string;

/** Running, waiting until a time or for a manual action, done, ended, failed. */
export function statusLabel(enrolment: Pick<Enrolment, "status" | "waiting_for" | "wake_at">, format: Format = formatDateTime): string {
  switch (enrolment.status) {
    case "running":
      return "Running";
    case "waiting":
      if (enrolment.waiting_for === "manual_action") return "Waiting for a manual action";
      return enrolment.wake_at ? `Waiting until ${format(enrolment.wake_at)}` : "Waiting";
    case "done":
      return "Done";
    case "ended":
      return "Ended";
    case "failed":
      return "Failed";
  }
}

export type StatusTone = "busy" | "waiting" | "good" | "muted" | "bad";

export const STATUS_TONES: Record<EnrolmentStatus, StatusTone> = {
  running: "busy",
  waiting: "waiting",
  done: "good",
  ended: "muted",
  failed: "bad",
};

/** How a past enrolment ended: the API's reason when it gives one, else what the status says. */
export function outcomeText(enrolment: Pick<Enrolment, "status" | "outcome">): string | null {
  if (enrolment.outcome) return enrolment.outcome;
  if (enrolment.status === "done") return "Went through every step";
  if (enrolment.status === "failed") return "Stopped at a step that failed";
  if (enrolment.status === "ended") return "Ended before the last step";
  return null;
}

/** Why the enrolment started: "Enrolled by Blair Owner", "Lead created". */
export function triggerText(trigger: Readonly<Record<string, unknown>> | null | undefined): string | null {
  const label = trigger?.label;
  return typeof label === "string" && label ? label : null;
}

export interface EnrolOutcome {
  tone: "success" | "warning";
  message: string;
}

/** What enrolling one record did: added, or not and why. */
export function enrolOutcome(result: EnrolResult, subjectName: string, workflowName: string): EnrolOutcome {
  if (result.enrolled.length > 0) {
    return { tone: "success", message: `Added ${subjectName} to “${workflowName}”: its steps run in the background` };
  }
  const reason = result.skipped[0]?.reason;
  return { tone: "warning", message: `${subjectName} was not added to “${workflowName}”${reason ? `: ${reason}` : ""}` };
}

/** How often the panel reads itself while an enrolment is running, and for how long at most. */
export const POLL_MS = 2_000;
export const POLL_WINDOW_MS = 120_000;

/** Read again soon while something runs (a step is moments away), for a while after the panel last started watching. */
export function pollDelay(workflows: SubjectWorkflows | undefined, watchedForMs: number): number | false {
  const running = workflows?.active.some((enrolment) => enrolment.status === "running") ?? false;
  return running && watchedForMs < POLL_WINDOW_MS ? POLL_MS : false;
}
