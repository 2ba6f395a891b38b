import { Link } from "react-router";
import { SelectField } from "../../components/ui";
import { MoneyBars } from "./charts";
import { revenueChart, revenueSummary } from "./chartData";
import { revenueColumns } from "./columns";
import { DataTable } from "./DataTable";
import { groupByOf, modelOf, revenueQuery } from "./filters";
import { GROUPINGS, MODELS } from "./labels";
import { ChartCard, EmptyReport, ReportStatus, Stats } from "./parts";
import { useRevenueReport } from "./queries";
import { formatCount, formatMinor, formatPercent } from "./reportFormat";
import { ReportShell } from "./ReportShell";
import type { RevenueReport } from "./types";
import { useReportState, type ReportStateHandle } from "./useReportState";
import "./analytics.css";

export function RevenuePage() {
  const handle = useReportState();
  const query = useRevenueReport(revenueQuery(handle.state));
  return (
    <ReportShell slug="revenue" handle={handle} range={query.data?.range} controls={<RevenueControls handle={handle} />}>
      <ReportStatus query={query} label="revenue report">
        {(report) => <RevenueBody report={report} handle={handle} busy={query.isFetching} />}
      </ReportStatus>
    </ReportShell>
  );
}

/** The attribution model and the grouping (the revenue over time page takes the model too). */
export function ModelField({ handle }: { handle: ReportStateHandle }) {
  const model = modelOf(handle.state);
  return (
    <SelectField
      label="Attribution model"
      options={MODELS}
      value={model}
      hint={MODELS.find((option) => option.value === model)?.hint}
      onChange={(event) => handle.update({ model: event.target.value })}
    />
  );
}

function RevenueControls({ handle }: { handle: ReportStateHandle }) {
  return (
    <>
      <ModelField handle={handle} />
      <SelectField
        label="Group by"
        options={GROUPINGS}
        value={groupByOf(handle.state)}
        onChange={(event) => handle.update({ group_by: event.target.value })}
      />
    </>
  );
}

function RevenueBody({ report, handle, busy }: { report: RevenueReport; handle: ReportStateHandle; busy: boolean }) {
  const currency = report.range.currency;
  const total = report.total;
  if (report.rows.length === 0 && total.leads === 0 && total.revenue_minor === 0) {
    return (
      <EmptyReport title="No revenue in this range yet" handle={handle}>
        <p>
          Connect a form on your site and win a lead: its revenue shows here, credited to the ads that brought it. Set up a form on
          the <Link to="/forms">Forms</Link> page, and move the leads you win on the <Link to="/pipeline">Pipeline</Link>.
        </p>
      </EmptyReport>
    );
  }
  const grouping = GROUPINGS.find((option) => option.value === report.group_by)?.label.toLowerCase() ?? "source";
  return (
    <>
      <Stats
        stats={[
          { label: "Revenue", metric: "revenue", value: formatMinor(total.revenue_minor, currency) },
          { label: "Won", metric: "won", value: formatCount(total.won) },
          { label: "Leads", metric: "leads", value: formatCount(total.leads) },
          { label: "Win rate", metric: "win_rate", value: formatPercent(total.win_rate) },
          { label: "Open value", metric: "open_value", value: formatMinor(total.open_value_minor, currency) },
          { label: "Average deal", metric: "average_deal", value: formatMinor(total.average_deal_minor, currency) },
        ]}
      />
      <ChartCard
        title={`Revenue by ${grouping}`}
        handle={handle}
        busy={busy}
        note={
          total.revenue_minor === 0 ? (
            <p className="report-note">
              None of these leads is won yet. When you win one on the <Link to="/pipeline">Pipeline</Link>, its revenue is credited
              here.
            </p>
          ) : null
        }
        chart={<MoneyBars data={revenueChart(report)} currency={currency} summary={revenueSummary(report)} name="Revenue" />}
        table={
          <DataTable
            caption={`Revenue by ${grouping}`}
            columns={revenueColumns(report.group_by, currency)}
            rows={report.rows}
            rowKey={(row, index) => `${row.source}|${row.medium}|${row.campaign}|${row.content}|${row.platform}|${index}`}
            total={total}
          />
        }
      />
    </>
  );
}
