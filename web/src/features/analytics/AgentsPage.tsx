import { Link } from "react-router";
import { MoneyBars } from "./charts";
import { agentsChart, agentsSummary } from "./chartData";
import { agentColumns } from "./columns";
import { DataTable } from "./DataTable";
import { reportQuery } from "./filters";
import { ChartCard, EmptyReport, ReportStatus } from "./parts";
import { useAgentReport } from "./queries";
import { ReportShell } from "./ReportShell";
import type { AgentReport } from "./types";
import { useReportState, type ReportStateHandle } from "./useReportState";
import "./analytics.css";

export function AgentsPage() {
  const handle = useReportState();
  const query = useAgentReport(reportQuery(handle.state));
  return (
    <ReportShell slug="agents" handle={handle} range={query.data?.range}>
      <ReportStatus query={query} label="agent report">
        {(report) => <AgentsBody report={report} handle={handle} busy={query.isFetching} />}
      </ReportStatus>
    </ReportShell>
  );
}

function AgentsBody({ report, handle, busy }: { report: AgentReport; handle: ReportStateHandle; busy: boolean }) {
  if (report.rows.length === 0) {
    return (
      <EmptyReport title="No one has figures in this range yet" handle={handle}>
        <p>
          Each user's leads, wins, revenue and response time show here once leads are created in the range. Give each lead
          an owner on the <Link to="/leads">Leads</Link> page.
        </p>
      </EmptyReport>
    );
  }
  const currency = report.range.currency;
  return (
    <ChartCard
      title="Revenue per user"
      handle={handle}
      busy={busy}
      chart={<MoneyBars data={agentsChart(report)} currency={currency} summary={agentsSummary(report)} name="Revenue" />}
      table={<DataTable caption="Agents" columns={agentColumns(currency)} rows={report.rows} rowKey={(row) => row.user_id} />}
    />
  );
}
