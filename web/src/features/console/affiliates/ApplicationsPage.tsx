import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { errorMessage } from "../../../api/errors";
import { useAuth } from "../../../auth/AuthProvider";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { Pager } from "../../../components/Pager";
import { toast } from "../../../components/toasts";
import { Alert, Button, EmptyState, PageHeader, Spinner, TextAreaField } from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";
import { useCursorPages } from "../../../lib/useCursorPages";
import { Tabs } from "../../contacts/Tabs";
import "../../contacts/contacts.css";
import { useAffiliatesApi } from "./api";
import {
  APPLICATION_STATUSES,
  applicationStatusLabel,
  applicationStatusOf,
  mayManageAffiliates,
  NOTE_MAX,
  noteProblem,
  READ_ONLY_NOTE,
} from "./affiliatesModel";
import { affiliateLink } from "./parts";
import { affiliateKeys } from "./queries";
import type { ApplicationStatus, PartnerApplication } from "./types";

const PAGE_SIZE = 25;
const TABS = APPLICATION_STATUSES.map((status) => ({ key: status, label: applicationStatusLabel(status) }));

type Decision = { kind: "approve" | "reject"; application: PartnerApplication } | null;

/** /platform/affiliate-applications: who applied to the partner program; Developer Admins approve or reject with a note. */
export function ApplicationsPage() {
  const [params, setParams] = useSearchParams();
  const status = applicationStatusOf(params.get("status"));
  const manage = mayManageAffiliates(useAuth().grants);
  const [decision, setDecision] = useState<Decision>(null);
  return (
    <>
      <PageHeader title="Partner applications" subtitle="People who applied to the affiliate program, newest first" />
      {!manage && <p className="muted console-note">{READ_ONLY_NOTE}</p>}
      <Tabs
        label="Applications by status"
        tabs={TABS}
        selected={status}
        onSelect={(next) => setParams(next === "pending" ? {} : { status: next }, { replace: true })}
      >
        <ApplicationList status={status} onDecide={manage ? setDecision : undefined} />
      </Tabs>
      {decision && <DecisionDialog decision={decision.kind} application={decision.application} onClose={() => setDecision(null)} />}
    </>
  );
}

function ApplicationList({ status, onDecide }: { status: ApplicationStatus; onDecide?: (decision: Decision) => void }) {
  const api = useAffiliatesApi();
  const pages = useCursorPages(status, affiliateKeys.applicationsPage, (s, cursor, signal) => api.applications(s, cursor, PAGE_SIZE, signal));
  const { query } = pages;
  if (query.isPending) return <Spinner label="Loading applications" />;
  if (query.isError) {
    return (
      <Alert title="The applications could not be loaded" actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    );
  }
  const rows = query.data.items;
  if (rows.length === 0 && pages.page === 1) {
    return <EmptyState title={`No ${applicationStatusLabel(status).toLowerCase()} applications`} />;
  }
  return (
    <>
      <div className="table-scroll">
        <table className="table console-table">
          <caption className="visually-hidden">{applicationStatusLabel(status)} applications</caption>
          <thead>
            <tr>
              <th scope="col">Applicant</th>
              <th scope="col">Audience and promotion</th>
              <th scope="col">Applied</th>
              {status !== "pending" && <th scope="col">Decision</th>}
              {status === "pending" && onDecide && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((application) => (
              <ApplicationRow key={application.application_id} application={application} status={status} onDecide={onDecide} />
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        page={pages.page}
        count={rows.length}
        hasPrevious={pages.hasPrevious}
        hasNext={pages.hasNext}
        onPrevious={pages.previous}
        onNext={pages.next}
        busy={query.isFetching}
        noun={["application", "applications"]}
      />
    </>
  );
}

function ApplicationRow({
  application,
  status,
  onDecide,
}: {
  application: PartnerApplication;
  status: ApplicationStatus;
  onDecide?: (decision: Decision) => void;
}) {
  return (
    <tr>
      <td>
        <span className="lead-name">{application.name}</span>
        <span className="block muted">{application.email}</span>
        {application.website && <span className="block muted break">{application.website}</span>}
      </td>
      <td className="aff-application">
        <p>
          <strong>Audience:</strong> {application.audience}
        </p>
        <p>
          <strong>Promotion:</strong> {application.promotion}
        </p>
      </td>
      <td className="nowrap">{formatDateTime(application.created_at)}</td>
      {status !== "pending" && (
        <td className="aff-application">
          {applicationStatusLabel(application.status)} {application.decided_at ? formatDateTime(application.decided_at) : ""}
          {application.note && <p className="muted">Note: {application.note}</p>}
          {application.affiliate_id && (
            <p>
              <Link to={affiliateLink(application.affiliate_id)}>Open the affiliate</Link>
            </p>
          )}
        </td>
      )}
      {status === "pending" && onDecide && (
        <td>
          <div className="cell-actions">
            <Button className="btn-small" variant="primary" aria-label={`Approve ${application.name}`} onClick={() => onDecide({ kind: "approve", application })}>
              Approve
            </Button>
            <Button className="btn-small" aria-label={`Reject ${application.name}`} onClick={() => onDecide({ kind: "reject", application })}>
              Reject
            </Button>
          </div>
        </td>
      )}
    </tr>
  );
}

function DecisionDialog({ decision, application, onClose }: { decision: "approve" | "reject"; application: PartnerApplication; onClose: () => void }) {
  const api = useAffiliatesApi();
  const queryClient = useQueryClient();
  const approve = decision === "approve";
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: () => (approve ? api.approve(application.application_id, note.trim()) : api.reject(application.application_id, note.trim())),
    meta: { inlineErrors: true },
    onSuccess: (decided) => {
      toast.success(
        approve
          ? `${decided.name} is approved: their invitation to the partner portal goes to ${decided.email}`
          : `${decided.name}'s application is rejected`,
      );
      void queryClient.invalidateQueries({ queryKey: affiliateKeys.applications });
      void queryClient.invalidateQueries({ queryKey: affiliateKeys.affiliates });
      onClose();
    },
    onError: (error) => {
      setFailure(errorMessage(error));
      void queryClient.invalidateQueries({ queryKey: affiliateKeys.applications });
    },
  });
  function confirm() {
    const found = noteProblem(note);
    setProblem(found);
    setFailure(null);
    if (!found) decide.mutate();
  }
  return (
    <ConfirmDialog
      open
      title={approve ? `Approve ${application.name}` : `Reject ${application.name}`}
      confirmLabel={approve ? "Approve application" : "Reject application"}
      tone={approve ? "primary" : "danger"}
      busy={decide.isPending}
      onConfirm={confirm}
      onCancel={() => !decide.isPending && onClose()}
    >
      <p>
        {approve
          ? `${application.email} gets an invitation to the partner portal with a temporary password, and a referral code.`
          : `${application.email} may apply again later.`}
      </p>
      <form
        noValidate
        aria-label="Decision"
        onSubmit={(event) => {
          event.preventDefault();
          confirm();
        }}
      >
        <TextAreaField
          label="Note"
          value={note}
          maxLength={NOTE_MAX}
          rows={3}
          autoFocus
          error={problem}
          hint="Kept with the application, for Convertly's staff; optional."
          onChange={(event) => setNote(event.target.value)}
        />
      </form>
      {failure && <Alert>{failure}</Alert>}
    </ConfirmDialog>
  );
}
