import { useId } from "react";
import { Link } from "react-router";
import { useLookups } from "../../lib/lookups";
import { VelocityBars } from "./charts";
import { velocityChart, velocitySummary } from "./chartData";
import { stalledColumns, velocityColumns } from "./columns";
import { DataTable } from "./DataTable";
import { reportQuery } from "./filters";
import { ChartCard, EmptyReport, ReportStatus } from "./parts";
import { useVelocityReport } from "./queries";
import { formatRange } from "./reportFormat";
import { ReportShell } from "./ReportShell";
import { Term } from "./Term";
import type { StageVelocity, VelocityReport } from "./types";
import { useReportState, type ReportStateHandle } from "./useReportState";
import "./analytics.css";

export function VelocityPage() {
  const handle = useReportState();
  const query = useVelocityReport(reportQuery(handle.state));
  return (
    <ReportShell slug="velocity" handle={handle} range={query.data?.range} pipelineChoice="one">
      <ReportStatus query={query} label="stage velocity">
        {(report) => <VelocityBody report={report} handle={handle} busy={query.isFetching} />}
      </ReportStatus>
    </ReportShell>
  );
}

function VelocityBody({ report, handle, busy }: { report: VelocityReport; handle: ReportStateHandle; busy: boolean }) {
  // Leads leave open stages; a won or lost stage shows only if leads left it (reopened).
  const stages = report.stages.filter((stage) => stage.kind === "open" || stage.exits > 0);
  const moved = stages.some((stage) => stage.exits > 0);
  const drawn = { ...report, stages };
  const chart = velocityChart(drawn);
  const previous = formatRange(report.previous_from, report.previous_to, report.range.timezone);
  return (
    <>
      {moved ? (
        <ChartCard
          title={`Time in each stage of ${report.pipeline_name}`}
          handle={handle}
          busy={busy}
          note={<p className="report-note">Changes compare with the period before: {previous}.</p>}
          chart={<VelocityBars data={chart.data} unit={chart.unit} summary={velocitySummary(drawn)} />}
          table={
            <DataTable caption={`Time in each stage of ${report.pipeline_name}`} columns={velocityColumns()} rows={stages} rowKey={(stage) => stage.stage_id} />
          }
        />
      ) : (
        <EmptyReport title="No lead left a stage in this range" handle={handle}>
          <p>
            Move leads from stage to stage on the <Link to="/pipeline">Pipeline</Link>: how long they stayed in each stage shows
            here, with the leads that stay longer than most.
          </p>
        </EmptyReport>
      )}
      <Stalled stages={stages} currency={report.range.currency} />
    </>
  );
}

function Stalled({ stages, currency }: { stages: readonly StageVelocity[]; currency: string }) {
  const lookups = useLookups();
  const id = useId();
  const stalled = stages.filter((stage) => stage.stalled.length > 0);
  if (stalled.length === 0) return null;
  return (
    <section className="card report-card" aria-labelledby={id}>
      <div className="card-header">
        <h2 id={id}>
          <Term label="Stalled leads" metric="stalled" />
        </h2>
      </div>
      {stalled.map((stage) => (
        <div key={stage.stage_id} className="report-stalled">
          <h3>{stage.name}</h3>
          <DataTable
            caption={`Stalled in ${stage.name}`}
            columns={stalledColumns(currency, lookups.ownerName)}
            rows={stage.stalled}
            rowKey={(lead) => lead.lead_id}
          />
          {stage.stalled_more && (
            <p className="report-note">
              More leads are stalled in {stage.name} than listed here:{" "}
              <Link to={`/leads?stage_id=${encodeURIComponent(stage.stage_id)}`}>see every lead in {stage.name}</Link>.
            </p>
          )}
        </div>
      ))}
    </section>
  );
}
