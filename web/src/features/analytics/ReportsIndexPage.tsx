import { Link } from "react-router";
import { PageHeader } from "../../components/ui";
import { sharedSearch } from "./filters";
import { REPORTS } from "./labels";
import { useReportState } from "./useReportState";
import "./analytics.css";

/** /reports: every report the role may open, each with what it answers. */
export function ReportsIndexPage() {
  const handle = useReportState();
  const search = sharedSearch(handle.state);
  const reports = REPORTS.filter((report) => handle.seesAll || !report.teamOnly);
  return (
    <>
      <PageHeader
        title="Reports"
        subtitle={
          handle.seesAll
            ? "Which ads make money, where leads get stuck, and how your team is doing"
            : "Your own leads: where they come from, where they get stuck, and what you won"
        }
      />
      <ul className="report-index">
        {reports.map((report) => (
          <li key={report.slug} className="card">
            <h2>
              <Link to={{ pathname: `/reports/${report.slug}`, search }}>{report.title}</Link>
            </h2>
            <p className="muted">{report.summary}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
