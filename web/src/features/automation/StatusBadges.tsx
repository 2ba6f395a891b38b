import { ENROLMENT_STATUS_LABELS, STEP_RUN_LABELS, statusTone, workflowStatusText } from "./labels";
import type { EnrolmentStatus, StepRunStatus, Workflow } from "./types";
import "./automation.css";

export function WorkflowStatusBadge({ workflow }: { workflow: Pick<Workflow, "status" | "live_version"> }) {
  return <span className={`badge automation-tone-${statusTone(workflow.status)}`}>{workflowStatusText(workflow)}</span>;
}

export function EnrolmentStatusBadge({ status }: { status: EnrolmentStatus }) {
  return <span className={`badge automation-tone-${statusTone(status)}`}>{ENROLMENT_STATUS_LABELS[status] ?? status}</span>;
}

/** A step run's status; `labels` words it for a test run ("Would run"). */
export function StepRunBadge({ status, labels = STEP_RUN_LABELS }: { status: StepRunStatus; labels?: Record<StepRunStatus, string> }) {
  return <span className={`badge automation-tone-${statusTone(status)}`}>{labels[status] ?? status}</span>;
}
