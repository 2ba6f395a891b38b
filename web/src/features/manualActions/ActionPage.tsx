import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, EmptyState, PageHeader, Spinner, TextAreaField } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { DeleteActionDialog } from "./DeleteActionDialog";
import { CALL_OUTCOMES, outcomeLabel, QUEUE_PATH, telHref, smsHref, type CallOutcome } from "./model";
import { useCompleteAction, useManualAction } from "./queries";
import { SmsComposer } from "./SmsComposer";
import { SubjectLink } from "./SubjectLink";
import type { FromQueue, ManualAction } from "./types";
import "./manualActions.css";

/** One manual action, opened to work it: who to call or text and why, then the call's outcome or the text sent. */
export function ManualActionDetailPage() {
  const { actionId = "" } = useParams();
  const location = useLocation();
  const queueSearch = (location.state as FromQueue | null)?.queueSearch ?? "";
  const backTo = `${QUEUE_PATH}${queueSearch}`;
  const action = useManualAction(actionId);
  if (action.isPending) return <Spinner label="Loading the manual action" />;
  if (action.isError) return <LoadError error={action.error} backTo={backTo} retry={() => void action.refetch()} />;
  return <ActionView action={action.data} backTo={backTo} />;
}

function LoadError({ error, backTo, retry }: { error: unknown; backTo: string; retry: () => void }) {
  const back = (
    <Link className="btn btn-secondary" to={backTo}>
      Back to manual actions
    </Link>
  );
  if (error instanceof ApiError && error.status === 404) {
    return (
      <EmptyState title="Manual action not found">
        <p>It may have been deleted, or it is assigned to someone else.</p>
        {back}
      </EmptyState>
    );
  }
  return (
    <Alert title="The manual action could not be loaded" actions={<Button onClick={retry}>Try again</Button>}>
      {errorMessage(error)}
    </Alert>
  );
}

function ActionView({ action, backTo }: { action: ManualAction; backTo: string }) {
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState(false);
  const call = action.action_type === "call";
  const open = action.status === "open";
  const done = (message: string) => {
    toast.success(message);
    navigate(backTo);
  };
  return (
    <>
      <PageHeader
        back={
          <Link to={backTo} className="back-link">
            ← Manual actions
          </Link>
        }
        title={`${call ? "Call" : "Text"} ${action.subject_name || "an unnamed contact"}`}
        subtitle={
          <>
            <span className="badge">{action.workflow_name}</span>
            <span>Added {formatDateTime(action.created_at)}</span>
            {!open && <span className="badge badge-done">Done</span>}
          </>
        }
        actions={
          open && (
            <Button variant="danger" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          )
        }
      />
      <div className="manual-grid">
        <ActionDetails action={action} />
        {!open ? (
          <OutcomeCard action={action} />
        ) : call ? (
          <CallLogForm action={action} onLogged={() => done(`Call logged; ${action.workflow_name} goes on`)} />
        ) : (
          <SmsComposer action={action} onSent={() => done(`Text marked as sent; ${action.workflow_name} goes on`)} />
        )}
      </div>
      <DeleteActionDialog action={deleting ? action : null} onClose={() => setDeleting(false)} onDeleted={() => navigate(backTo)} />
    </>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="detail-row">
      <dt>{label}</dt>
      <dd>{children || <span className="muted">—</span>}</dd>
    </div>
  );
}

function ActionDetails({ action }: { action: ManualAction }) {
  const { grants } = useAuth();
  const call = action.action_type === "call";
  const phoneHref = call ? telHref(action.phone) : smsHref(action.phone);
  return (
    <Card title={call ? "Who to call" : "Who to text"}>
      <dl className="details">
        <Detail label="Contact">
          <SubjectLink action={action} />
        </Detail>
        <Detail label="Phone">
          {phoneHref ? (
            <a className="manual-phone" href={phoneHref}>
              {action.phone}
            </a>
          ) : (
            <span className="muted">No phone number on file: look for one on the contact.</span>
          )}
        </Detail>
        {action.lead_id && (
          <Detail label="Lead">
            <Link to={`/leads/${encodeURIComponent(action.lead_id)}`}>Open the lead</Link>
          </Detail>
        )}
        <Detail label="Workflow">
          {grants.can(Permission.automationManage) ? (
            <Link to={`/settings/automation/${encodeURIComponent(action.workflow_id)}`}>{action.workflow_name}</Link>
          ) : (
            action.workflow_name
          )}
        </Detail>
        <Detail label="Note">{action.note && <span className="manual-note">{action.note}</span>}</Detail>
        <Detail label="Assigned to">{action.assignee_name ?? "A former user"}</Detail>
      </dl>
    </Card>
  );
}

function CallLogForm({ action, onLogged }: { action: ManualAction; onLogged: () => void }) {
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const [note, setNote] = useState("");
  const [missing, setMissing] = useState(false);
  const errorId = useId();
  const complete = useCompleteAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!outcome) {
      setMissing(true);
      return;
    }
    complete.mutate({ action, body: { outcome, note: note.trim() || null } }, { onSuccess: onLogged });
  };
  return (
    <Card title="Log the call">
      <form className="manual-form" aria-label="Log the call" onSubmit={submit} noValidate>
        <fieldset
          className={`manual-outcomes ${missing ? "field-invalid" : ""}`}
          aria-describedby={missing ? errorId : undefined}
        >
          <legend>How did the call go?</legend>
          {CALL_OUTCOMES.map((option) => (
            <label key={option.value} className="manual-outcome">
              <input
                type="radio"
                name="outcome"
                value={option.value}
                checked={outcome === option.value}
                onChange={() => {
                  setOutcome(option.value);
                  setMissing(false);
                }}
              />
              {option.label}
            </label>
          ))}
          {missing && (
            <p className="field-error" id={errorId}>
              Choose how the call went
            </p>
          )}
        </fieldset>
        <TextAreaField
          label="Notes"
          hint="What was said and what comes next; kept with this call."
          rows={4}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={complete.isPending}>
            Complete
          </Button>
        </div>
      </form>
    </Card>
  );
}

function OutcomeCard({ action }: { action: ManualAction }) {
  const call = action.action_type === "call";
  return (
    <Card title={call ? "Call logged" : "Text sent"}>
      <dl className="details">
        <Detail label="Outcome">{outcomeLabel(action.outcome)}</Detail>
        <Detail label={call ? "Notes" : "Text"}>
          {action.outcome_note && <span className="manual-note">{action.outcome_note}</span>}
        </Detail>
        <Detail label="Completed">{formatDateTime(action.completed_at)}</Detail>
      </dl>
      <p className="muted manual-after">The workflow went on from its next step when this was completed.</p>
    </Card>
  );
}
