import { useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { errorMessage } from "../../api/errors";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Alert, Button, Spinner } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { Modal } from "../team/Modal";
import { useAutomationApi } from "./api";
import { kindLabel } from "./definition";
import { isEnrolmentOpen } from "./labels";
import { automationKeys, useEnrolment } from "./queries";
import { EnrolmentStatusBadge, StepRunBadge } from "./StatusBadges";
import { SubjectLink } from "./SubjectLink";
import type { Enrolment } from "./types";
import "../team/team.css";

function triggerText(enrolment: Enrolment): string {
  const label = enrolment.trigger.label;
  if (typeof label === "string" && label) return label;
  const from = enrolment.trigger.workflow_name;
  return typeof from === "string" ? `Enrolled by the workflow “${from}”` : "—";
}

function Facts({ enrolment }: { enrolment: Enrolment }) {
  const rows: [string, ReactNode][] = [
    ["Contact or lead", <SubjectLink key="subject" enrolment={enrolment} />],
    ["Status", <EnrolmentStatusBadge key="status" status={enrolment.status} />],
    ["Started by", triggerText(enrolment)],
    ["Version", enrolment.dry_run ? "A test run (nothing was sent or changed)" : `v${enrolment.workflow_version}`],
    ["Started", formatDateTime(enrolment.started_at)],
    ["Finished", enrolment.finished_at ? formatDateTime(enrolment.finished_at) : "—"],
  ];
  if (enrolment.status === "waiting" && enrolment.wake_at) rows.push(["Goes on", formatDateTime(enrolment.wake_at)]);
  if (enrolment.outcome) rows.push(["Outcome", enrolment.outcome]);
  return (
    <dl className="details enrolment-facts">
      {rows.map(([term, value]) => (
        <div key={term} className="detail-row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function StepsTable({ enrolment, numbers }: { enrolment: Enrolment; numbers: ReadonlyMap<string, number> }) {
  const steps = enrolment.steps ?? [];
  if (steps.length === 0) return <p className="muted">No step has run yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table enrolment-steps">
        <caption className="visually-hidden">Steps of this enrolment, in the order they ran</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Status</th>
            <th scope="col">What happened</th>
            <th scope="col" className="numeric">
              Attempts
            </th>
            <th scope="col">Finished</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => (
            <tr key={step.step_id}>
              <td>
                {numbers.has(step.step_id) ? `Step ${numbers.get(step.step_id)}: ` : ""}
                {step.name || kindLabel(step.kind)}
              </td>
              <td>
                <StepRunBadge status={step.status} />
              </td>
              <td>{step.detail ?? "—"}</td>
              <td className="numeric">{step.attempts}</td>
              <td className="nowrap">{step.finished_at ? formatDateTime(step.finished_at) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One enrolment: who, why, and each step's status and detail; a running one can be ended. */
export function EnrolmentDialog({ enrolment, numbers, onClose }: { enrolment: Enrolment; numbers: ReadonlyMap<string, number>; onClose: () => void }) {
  const api = useAutomationApi();
  const queryClient = useQueryClient();
  const detail = useEnrolment(enrolment.enrolment_id);
  const [confirming, setConfirming] = useState(false);
  const [ending, setEnding] = useState(false);
  const shown = detail.data ?? enrolment;

  async function end() {
    setEnding(true);
    try {
      const ended = await api.endEnrolment(enrolment.enrolment_id);
      queryClient.setQueryData(automationKeys.enrolment(ended.enrolment_id), ended);
      void queryClient.invalidateQueries({ queryKey: automationKeys.enrolments(ended.workflow_id) });
      void queryClient.invalidateQueries({ queryKey: automationKeys.workflow(ended.workflow_id) });
      toast.success(`The enrolment of ${ended.subject_name || "this record"} has ended`);
    } catch (error) {
      toast.error(errorMessage(error));
      void detail.refetch();
    } finally {
      setEnding(false);
      setConfirming(false);
    }
  }

  return (
    <Modal
      title={`Enrolment of ${enrolment.subject_name || "an unnamed record"}`}
      wide
      onSubmit={onClose}
      onClose={onClose}
      actions={
        <>
          {isEnrolmentOpen(shown.status) && (
            <Button variant="danger" onClick={() => setConfirming(true)}>
              End enrolment
            </Button>
          )}
          <Button type="submit" variant="primary">
            Close
          </Button>
        </>
      }
    >
      <Facts enrolment={shown} />
      {detail.isPending ? (
        <Spinner label="Loading its steps" />
      ) : detail.isError ? (
        <Alert title="Its steps could not be loaded">{errorMessage(detail.error)}</Alert>
      ) : (
        <StepsTable enrolment={detail.data} numbers={numbers} />
      )}
      <ConfirmDialog
        open={confirming}
        title="End this enrolment?"
        confirmLabel="End enrolment"
        busy={ending}
        onConfirm={() => void end()}
        onCancel={() => setConfirming(false)}
      >
        <p>No further step runs for {shown.subject_name || "them"}. What the steps already did stays done.</p>
      </ConfirmDialog>
    </Modal>
  );
}
