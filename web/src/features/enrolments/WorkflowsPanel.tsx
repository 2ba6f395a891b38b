import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Alert, Button, Card, Spinner } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { AddToWorkflowDialog } from "./AddToWorkflowDialog";
import { enrolmentKeys, useEnrolmentsApi } from "./api";
import { outcomeText, pollDelay, STATUS_TONES, statusLabel, triggerText } from "./status";
import type { Enrolment, Subject } from "./types";
import "./enrolments.css";

/**
 * A contact's or a lead's workflows: the ones it is in now (with where each stands) and the ones it
 * was in (with how each ended); "Add to workflow" for whoever enrols. While an enrolment runs the
 * panel reads itself again every few seconds, for a while.
 */
export function WorkflowsPanel({ subject, deleted = false }: { subject: Subject; deleted?: boolean }) {
  const api = useEnrolmentsApi();
  const queryClient = useQueryClient();
  const { grants } = useAuth();
  const [adding, setAdding] = useState(false);
  const [watchingSince, setWatchingSince] = useState(() => Date.now());
  const key = enrolmentKeys.workflowsOf(subject.kind, subject.id);
  const workflows = useQuery({
    queryKey: key,
    queryFn: () => api.workflowsOf(subject.kind, subject.id),
    refetchInterval: (query) => pollDelay(query.state.data, Date.now() - watchingSince),
  });
  const canEnrol = grants.can(Permission.automationEnrol) && !deleted;
  // An enrolment that just finished may have changed the record (its tags, fields, owner): read it again.
  const finished = workflows.data?.past.length;
  const seen = useRef(finished);
  useEffect(() => {
    if (finished === undefined) return;
    if (seen.current !== undefined && finished > seen.current) {
      void queryClient.invalidateQueries({ queryKey: [subject.kind, subject.id], exact: true });
    }
    seen.current = finished;
  }, [finished, queryClient, subject.kind, subject.id]);

  function enrolled() {
    setWatchingSince(Date.now());
    void queryClient.invalidateQueries({ queryKey: key });
  }

  return (
    <Card
      title="Workflows"
      className="workflows-panel"
      actions={
        canEnrol && (
          <Button className="btn-small" onClick={() => setAdding(true)}>
            Add to workflow
          </Button>
        )
      }
    >
      {workflows.isPending && <Spinner label="Loading the workflows" />}
      {workflows.isError && (
        <Alert title="The workflows could not be loaded" actions={<Button onClick={() => void workflows.refetch()}>Try again</Button>}>
          {errorMessage(workflows.error)}
        </Alert>
      )}
      {workflows.isSuccess && (
        <>
          <EnrolmentList title="Active workflows" enrolments={workflows.data.active} subject={subject} empty="Not in any workflow now." />
          {workflows.data.past.length > 0 && <EnrolmentList title="Past workflows" enrolments={workflows.data.past} subject={subject} past />}
        </>
      )}
      {adding && <AddToWorkflowDialog subject={subject} onEnrolled={enrolled} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function EnrolmentList({
  title,
  enrolments,
  subject,
  empty,
  past = false,
}: {
  title: string;
  enrolments: readonly Enrolment[];
  subject: Subject;
  empty?: string;
  past?: boolean;
}) {
  return (
    <section className="enrolment-section">
      <h3>{title}</h3>
      {enrolments.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="enrolment-list" aria-label={title}>
          {enrolments.map((enrolment) => (
            <EnrolmentItem key={enrolment.enrolment_id} enrolment={enrolment} subject={subject} past={past} />
          ))}
        </ul>
      )}
    </section>
  );
}

function WorkflowName({ enrolment }: { enrolment: Enrolment }) {
  const manage = useAuth().grants.can(Permission.automationManage);
  const name = enrolment.workflow_name || "A deleted workflow";
  return manage ? (
    <Link className="enrolment-name" to={`/settings/automation/${encodeURIComponent(enrolment.workflow_id)}`}>
      {name}
    </Link>
  ) : (
    <span className="enrolment-name">{name}</span>
  );
}

function EnrolmentItem({ enrolment, subject, past }: { enrolment: Enrolment; subject: Subject; past: boolean }) {
  const started = triggerText(enrolment.trigger);
  const outcome = past ? outcomeText(enrolment) : null;
  return (
    <li className="enrolment">
      <div className="enrolment-head">
        <WorkflowName enrolment={enrolment} />
        <span className={`badge enrolment-${STATUS_TONES[enrolment.status]}`}>{statusLabel(enrolment)}</span>
      </div>
      {subject.kind === "contact" && enrolment.lead_id && (
        <p className="enrolment-detail">
          For lead <Link to={`/leads/${encodeURIComponent(enrolment.lead_id)}`}>{enrolment.subject_name || "unnamed"}</Link>
        </p>
      )}
      {outcome && <p className="enrolment-detail">{outcome}</p>}
      <p className="enrolment-detail muted">
        Started <time dateTime={enrolment.started_at}>{formatDateTime(enrolment.started_at)}</time>
        {started && ` · ${started}`}
        {past && enrolment.finished_at && (
          <>
            {" · "}finished <time dateTime={enrolment.finished_at}>{formatDateTime(enrolment.finished_at)}</time>
          </>
        )}
      </p>
    </li>
  );
}
