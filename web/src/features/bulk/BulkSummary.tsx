import { Link } from "react-router";
import { DownloadButton } from "./DownloadButton";
import { outcomeHeadline, reasonText } from "./labels";
import { tallies, topReasons } from "./progress";
import type { BulkAction, BulkProblem } from "./types";
import { getDisplayLocale } from "../../lib/format";

/** A finished action's outcome: its headline, the four numbers, the top reasons, and an export's file. */
export function BulkSummary({ action, problems = false }: { action: BulkAction; problems?: boolean }) {
  const reasons = topReasons(action.reasons, problems ? 10 : 3);
  return (
    <section className="bulk-summary" data-testid="bulk-summary" role="status" aria-label="Outcome of the bulk action">
      <p className={`bulk-headline ${action.status === "failed" ? "bulk-headline-failed" : ""}`}>{outcomeHeadline(action)}</p>
      <dl className="bulk-tallies">
        {tallies(action).map((tally) => (
          <div key={tally.label} className={tally.count > 0 ? `bulk-tally bulk-tally-${tally.label.toLowerCase()}` : "bulk-tally"}>
            <dt title={tally.hint}>{tally.label}</dt>
            <dd>{tally.count.toLocaleString(getDisplayLocale())}</dd>
          </div>
        ))}
      </dl>
      {reasons.length > 0 && (
        <>
          <h3>{problems ? "Reasons" : "Top reasons"}</h3>
          <ul className="bulk-reasons">
            {reasons.map((reason) => (
              <li key={reason.reason}>
                {reasonText(reason.reason)}: <strong>{reason.count.toLocaleString(getDisplayLocale())}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
      {problems && action.problems.length > 0 && <ProblemList object={action.object} problems={action.problems} />}
      {action.download && (
        <div className="bulk-download">
          <DownloadButton bulkId={action.bulk_id} />
        </div>
      )}
    </section>
  );
}

function ProblemList({ object, problems }: { object: BulkAction["object"]; problems: readonly BulkProblem[] }) {
  return (
    <div className="table-wrap bulk-problems">
      <table className="table">
        <caption>Records not changed (the first ones)</caption>
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem) => (
            <tr key={`${problem.record_id}-${problem.reason}`}>
              <td>
                <Link to={`/${object}/${encodeURIComponent(problem.record_id)}`}>{problem.name || problem.record_id}</Link>
              </td>
              <td>{reasonText(problem.reason)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
