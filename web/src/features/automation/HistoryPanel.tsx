import { useState } from "react";
import { errorMessage } from "../../api/errors";
import { Pager } from "../../components/Pager";
import { Alert, Button, EmptyState, SelectField, Spinner } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { EnrolmentDialog } from "./EnrolmentDialog";
import { ENROLMENT_STATUS_LABELS, ENROLMENT_STATUSES } from "./labels";
import { useEnrolmentPages } from "./queries";
import { EnrolmentStatusBadge } from "./StatusBadges";
import { SubjectLink } from "./SubjectLink";
import type { Enrolment, EnrolmentStatus } from "./types";

const STATUS_OPTIONS = [{ value: "", label: "Any status" }, ...ENROLMENT_STATUSES.map((status) => ({ value: status, label: ENROLMENT_STATUS_LABELS[status] }))];

/** A workflow's enrolments, newest first, by status; each opens with its steps. */
export function HistoryPanel({ workflowId, numbers }: { workflowId: string; numbers: ReadonlyMap<string, number> }) {
  const [status, setStatus] = useState<EnrolmentStatus | null>(null);
  const [opened, setOpened] = useState<Enrolment | null>(null);
  const pages = useEnrolmentPages(workflowId, status);
  const { query } = pages;
  return (
    <section aria-label="History" className="history-panel">
      <div className="history-toolbar">
        <SelectField
          label="Status"
          options={STATUS_OPTIONS}
          value={status ?? ""}
          onChange={(event) => setStatus((event.target.value || null) as EnrolmentStatus | null)}
        />
        <Button className="btn-small" busy={query.isFetching && !query.isPending} onClick={() => void query.refetch()}>
          Refresh
        </Button>
      </div>
      {query.isPending ? (
        <Spinner label="Loading the enrolments" />
      ) : query.isError ? (
        <Alert title="The enrolments could not be loaded" actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
          {errorMessage(query.error)}
        </Alert>
      ) : query.data.items.length === 0 && pages.page === 1 ? (
        <EmptyState title={status ? `No ${ENROLMENT_STATUS_LABELS[status].toLowerCase()} enrolments` : "No one has been enrolled yet"}>
          {!status && <p>Once published, everyone the trigger starts the workflow for shows here, with what each step did. Test runs show here too.</p>}
        </EmptyState>
      ) : (
        <>
          <EnrolmentsTable items={query.data.items} onOpen={setOpened} />
          <Pager
            page={pages.page}
            count={query.data.items.length}
            hasPrevious={pages.hasPrevious}
            hasNext={pages.hasNext}
            onPrevious={pages.previous}
            onNext={pages.next}
            busy={query.isFetching}
            noun={["enrolment", "enrolments"]}
          />
        </>
      )}
      {opened && <EnrolmentDialog enrolment={opened} numbers={numbers} onClose={() => setOpened(null)} />}
    </section>
  );
}

function EnrolmentsTable({ items, onOpen }: { items: readonly Enrolment[]; onOpen: (enrolment: Enrolment) => void }) {
  return (
    <div className="table-wrap">
      <table className="table enrolments-table">
        <caption className="visually-hidden">Enrolments, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Contact or lead</th>
            <th scope="col">Status</th>
            <th scope="col">Version</th>
            <th scope="col">Started</th>
            <th scope="col">Finished</th>
            <th scope="col">Outcome</th>
            <th scope="col">Steps</th>
          </tr>
        </thead>
        <tbody>
          {items.map((enrolment) => (
            <tr key={enrolment.enrolment_id}>
              <td>
                <SubjectLink enrolment={enrolment} />
                {enrolment.dry_run && <span className="badge automation-tone-test">Test</span>}
              </td>
              <td>
                <EnrolmentStatusBadge status={enrolment.status} />
              </td>
              <td>{enrolment.dry_run && enrolment.workflow_version === 0 ? "Draft" : `v${enrolment.workflow_version}`}</td>
              <td className="nowrap">
                <time dateTime={enrolment.started_at}>{formatDateTime(enrolment.started_at)}</time>
              </td>
              <td className="nowrap">{enrolment.finished_at ? <time dateTime={enrolment.finished_at}>{formatDateTime(enrolment.finished_at)}</time> : "—"}</td>
              <td>{enrolment.outcome ?? (enrolment.status === "done" ? "Finished" : "—")}</td>
              <td>
                <Button className="btn-small" aria-label={`View the steps of ${enrolment.subject_name || "this enrolment"}`} onClick={() => onOpen(enrolment)}>
                  View
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
