import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Spinner } from "../../components/ui";
import { newRequestKey } from "../bulk/requestKey";
import { FormDialog } from "../work/followups/FormDialog";
import { enrolmentKeys, useEnrolmentsApi } from "./api";
import { enrolOutcome, type EnrolOutcome } from "./status";
import type { PublishedWorkflow, Subject } from "./types";
import "../work/followups/followups.css";
import "./enrolments.css";

/**
 * The published workflows to put the contact (lead) in. The request key is made once per opening, so
 * a double click enrols once; the enrolment runs in the background, so the panel reads itself again.
 */
export function AddToWorkflowDialog({ subject, onEnrolled, onClose }: { subject: Subject; onEnrolled: () => void; onClose: () => void }) {
  const api = useEnrolmentsApi();
  const [requestKey] = useState(newRequestKey);
  const [chosen, setChosen] = useState<PublishedWorkflow | null>(null);
  const [outcome, setOutcome] = useState<EnrolOutcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const published = useQuery({ queryKey: enrolmentKeys.published, queryFn: api.published });
  const enrol = useMutation({
    mutationFn: (workflow: PublishedWorkflow) =>
      api.enrol(workflow.workflow_id, {
        ...(subject.kind === "contact" ? { contact_ids: [subject.id] } : { lead_ids: [subject.id] }),
        request_key: requestKey,
      }),
    meta: { inlineErrors: true },
    onSuccess: (result, workflow) => {
      const said = enrolOutcome(result, subject.name, workflow.name);
      onEnrolled();
      if (said.tone === "success") {
        toast.success(said.message);
        onClose();
      } else {
        setOutcome(said);
      }
    },
    onError: (error) => setProblem(errorMessage(error)),
  });

  return (
    <FormDialog
      open
      title={`Add ${subject.name} to a workflow`}
      submitLabel="Add to workflow"
      busy={enrol.isPending}
      onSubmit={() => {
        setOutcome(null);
        setProblem(chosen ? null : "Choose a workflow");
        if (chosen) enrol.mutate(chosen);
      }}
      onCancel={() => {
        if (!enrol.isPending) onClose();
      }}
    >
      {problem && <Alert>{problem}</Alert>}
      {outcome && <Alert tone="warning">{outcome.message}</Alert>}
      <WorkflowChoice published={published} chosen={chosen} onChoose={setChosen} />
    </FormDialog>
  );
}

function WorkflowChoice({
  published,
  chosen,
  onChoose,
}: {
  published: { isPending: boolean; isError: boolean; error: unknown; data?: PublishedWorkflow[] };
  chosen: PublishedWorkflow | null;
  onChoose: (workflow: PublishedWorkflow) => void;
}) {
  const name = useId();
  const manage = useAuth().grants.can(Permission.automationManage);
  if (published.isPending) return <Spinner label="Loading the workflows" />;
  if (published.isError) return <Alert title="The workflows could not be loaded">{errorMessage(published.error)}</Alert>;
  const workflows = published.data ?? [];
  if (workflows.length === 0) {
    return (
      <p className="muted">
        No workflow is published yet.
        {manage ? (
          <>
            {" "}
            Build and publish one in <Link to="/settings/automation">Settings › Automation</Link>.
          </>
        ) : (
          " An Admin or Manager can publish one."
        )}
      </p>
    );
  }
  return (
    <fieldset className="workflow-choice">
      <legend>Workflow</legend>
      {workflows.map((workflow) => (
        <label key={workflow.workflow_id} className="workflow-option">
          <input
            type="radio"
            name={name}
            value={workflow.workflow_id}
            checked={chosen?.workflow_id === workflow.workflow_id}
            onChange={() => onChoose(workflow)}
          />
          {workflow.name}
        </label>
      ))}
    </fieldset>
  );
}
