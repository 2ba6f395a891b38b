import { Link } from "react-router";
import { FunnelBars } from "./charts";
import { funnelChart, funnelSummary } from "./chartData";
import { funnelColumns } from "./columns";
import { DataTable } from "./DataTable";
import { reportQuery } from "./filters";
import { ChartCard, EmptyReport, ReportStatus, Stats } from "./parts";
import { useFunnelReport } from "./queries";
import { formatCount, formatPercent } from "./reportFormat";
import { ReportShell } from "./ReportShell";
import type { FunnelReport } from "./types";
import { useReportState, type ReportStateHandle } from "./useReportState";
import "./analytics.css";

export function FunnelPage() {
  const handle = useReportState();
  const query = useFunnelReport(reportQuery(handle.state));
  return (
    <ReportShell slug="funnel" handle={handle} range={query.data?.range} pipelineChoice="one">
      <ReportStatus query={query} label="funnel">
        {(report) => <FunnelBody report={report} handle={handle} busy={query.isFetching} />}
      </ReportStatus>
    </ReportShell>
  );
}

function FunnelBody({ report, handle, busy }: { report: FunnelReport; handle: ReportStateHandle; busy: boolean }) {
  if (report.cohort === 0) {
    return (
      <EmptyReport title="No new leads in this range" handle={handle}>
        <p>
          The funnel follows the leads created in the range through the stages of {report.pipeline_name}. Publish a form on
          the <Link to="/forms">Forms</Link> page or add a lead on the <Link to="/leads">Leads</Link> page, then move it along
          the <Link to="/pipeline">Pipeline</Link>.
        </p>
      </EmptyReport>
    );
  }
  return (
    <>
      <Stats
        stats={[
          { label: "New leads", metric: "cohort", value: formatCount(report.cohort) },
          { label: "Won now", metric: "cohort_won", value: formatCount(report.won) },
          { label: "Won share", metric: "cohort_won_share", value: formatPercent(report.cohort ? report.won / report.cohort : null) },
        ]}
      />
      <ChartCard
        title={`Stages of ${report.pipeline_name}`}
        handle={handle}
        busy={busy}
        chart={<FunnelBars data={funnelChart(report)} summary={funnelSummary(report)} />}
        table={
          <DataTable
            caption={`Funnel of ${report.pipeline_name}`}
            columns={funnelColumns()}
            rows={report.stages}
            rowKey={(stage) => stage.stage_id}
          />
        }
      />
    </>
  );
}
