import { useState } from "react";
import { Button } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { EnrolmentDialog } from "./EnrolmentDialog";
import { PagedList, StatusToolbar } from "./PagedPanel";
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
  return (
    <section aria-label="History" className="history-panel">
      <StatusToolbar options={STATUS_OPTIONS} status={status} onStatus={setStatus} pages={pages} />
      <PagedList
        pages={pages}
        noun={["enrolment", "enrolments"]}
        empty={{
          title: status ? `No ${ENROLMENT_STATUS_LABELS[status].toLowerCase()} enrolments` : "No one has been enrolled yet",
          body: !status && <p>Once published, everyone the trigger starts the workflow for shows here, with what each step did. Test runs show here too.</p>,
        }}
      >
        {(items) => <EnrolmentsTable items={items} onOpen={setOpened} />}
      </PagedList>
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
