// How the automation area's statuses and triggers read.

import type { EnrolmentStatus, StepRunStatus, TriggerType, Workflow, WorkflowStatus } from "./types";

/** The API's TRIGGER_LABELS (convertly/automation/definition.py). */
export const TRIGGER_LABELS: Record<TriggerType, string> = {
  lead_created: "Lead created",
  form_submitted: "Form submitted",
  stage_changed: "Stage changed",
  lead_won: "Lead won",
  lead_lost: "Lead lost",
  value_changed: "Value changed",
  tag_added: "Tag added",
  tag_removed: "Tag removed",
  contact_role_changed: "Contact role changed",
  followup_overdue: "Follow-up overdue",
  task_overdue: "Task overdue",
  no_activity: "No activity on an open lead",
  date_reached: "A date field reached",
  conversion_failed: "Conversion failed or not sent",
  webhook: "Inbound webhook",
  manual: "Manual enrolment",
};

export const TRIGGER_TYPES = Object.keys(TRIGGER_LABELS) as TriggerType[];

export function triggerLabel(type: string): string {
  return TRIGGER_LABELS[type as TriggerType] ?? type.replace(/_/g, " ");
}

export const WORKFLOW_STATUS_LABELS: Record<WorkflowStatus, string> = {
  draft: "Draft",
  published: "Published",
  paused: "Paused",
};

/** "Draft", "Published v3", "Paused (v2)". */
export function workflowStatusText(workflow: Pick<Workflow, "status" | "live_version">): string {
  if (workflow.status === "published") return `Published v${workflow.live_version}`;
  if (workflow.status === "paused") return workflow.live_version ? `Paused (v${workflow.live_version})` : "Paused";
  return "Draft";
}

export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, string> = {
  running: "Running",
  waiting: "Waiting",
  done: "Done",
  failed: "Failed",
  ended: "Ended",
};

export const ENROLMENT_STATUSES = Object.keys(ENROLMENT_STATUS_LABELS) as EnrolmentStatus[];

export function isEnrolmentOpen(status: EnrolmentStatus): boolean {
  return status === "running" || status === "waiting";
}

export const STEP_RUN_LABELS: Record<StepRunStatus, string> = {
  running: "Running",
  waiting: "Waiting",
  done: "Done",
  failed: "Failed",
  skipped: "Skipped",
};

/** In a test run nothing happens: a step that ran says what it would have done. */
export const TEST_RUN_LABELS: Record<StepRunStatus, string> = {
  running: "Running",
  waiting: "Would wait",
  done: "Would run",
  failed: "Would fail",
  skipped: "Would skip",
};

/** The tone of a status badge: good, bad, busy or neutral. */
export function statusTone(status: string): "good" | "bad" | "busy" | "muted" {
  if (status === "done" || status === "published") return "good";
  if (status === "failed") return "bad";
  if (status === "running" || status === "waiting") return "busy";
  return "muted";
}
