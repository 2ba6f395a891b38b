import { Link } from "react-router";
import { SelectField } from "../../components/ui";
import { ForecastBars, RevenueLine } from "./charts";
import { forecastChart, forecastSummary, overTimeChart, overTimeSummary } from "./chartData";
import { forecastColumns, overTimeColumns } from "./columns";
import { DataTable } from "./DataTable";
import { autoInterval, overTimeQuery, rangeOf } from "./filters";
import { INTERVALS } from "./labels";
import { ChartCard, EmptyReport, ReportStatus, Stats } from "./parts";
import { useOverTimeReport } from "./queries";
import { formatChange, formatCount, formatMinor, formatRange } from "./reportFormat";
import { ReportShell } from "./ReportShell";
import { ModelField } from "./RevenuePage";
import type { Interval, RevenueOverTime } from "./types";
import { useReportState, type ReportStateHandle } from "./useReportState";
import "./analytics.css";

export function OverTimePage() {
  const handle = useReportState();
  // Without a choice, days for a range of up to two months, then weeks, then months.
  const interval: Interval = handle.state.interval ?? autoInterval(rangeOf(handle.state, handle.today));
  const query = useOverTimeReport(overTimeQuery(handle.state, interval));
  return (
    <ReportShell
      slug="revenue-over-time"
      handle={handle}
      range={query.data?.range}
      interval={interval}
      controls={
        <>
          <ModelField handle={handle} />
          <SelectField label="Show by" options={INTERVALS} value={interval} onChange={(event) => handle.update({ interval: event.target.value })} />
        </>
      }
    >
      <ReportStatus query={query} label="revenue over time">
        {(report) => <OverTimeBody report={report} handle={handle} busy={query.isFetching} />}
      </ReportStatus>
    </ReportShell>
  );
}

function OverTimeBody({ report, handle, busy }: { report: RevenueOverTime; handle: ReportStateHandle; busy: boolean }) {
  const currency = report.range.currency;
  const wins = report.points.reduce((sum, point) => sum + point.wins, 0);
  const change = report.previous_total_minor > 0 ? report.total_minor / report.previous_total_minor - 1 : null;
  const previous = formatRange(report.previous_from, report.previous_to, report.range.timezone);
  const intervalName = INTERVALS.find((option) => option.value === report.interval)?.label.toLowerCase() ?? report.interval;
  return (
    <>
      <Stats
        stats={[
          { label: "Revenue", metric: "total_revenue", value: formatMinor(report.total_minor, currency) },
          { label: "Wins", metric: "period_wins", value: formatCount(wins) },
          { label: "Previous period", metric: "previous_total", value: formatMinor(report.previous_total_minor, currency) },
          { label: "Change", metric: "revenue_change", value: formatChange(change) },
        ]}
      />
      {report.total_minor === 0 && report.previous_total_minor === 0 ? (
        <EmptyReport title="No revenue in this range yet" handle={handle}>
          <p>
            Win a lead on the <Link to="/pipeline">Pipeline</Link> and its value shows here on the day you won it, next to the
            period before. Leads come in through the forms on the <Link to="/forms">Forms</Link> page.
          </p>
        </EmptyReport>
      ) : (
        <ChartCard
          title={`Won revenue by ${intervalName}`}
          handle={handle}
          busy={busy}
          note={<p className="report-note">The dashed line is the period before: {previous}.</p>}
          chart={<RevenueLine data={overTimeChart(report)} currency={currency} summary={overTimeSummary(report)} />}
          table={
            <DataTable
              caption={`Won revenue by ${intervalName}`}
              columns={overTimeColumns(report.interval, currency)}
              rows={report.points}
              rowKey={(point) => point.period}
            />
          }
        />
      )}
      <Forecast report={report} handle={handle} busy={busy} />
    </>
  );
}

function Forecast({ report, handle, busy }: { report: RevenueOverTime; handle: ReportStateHandle; busy: boolean }) {
  const currency = report.range.currency;
  if (report.forecast.length === 0) {
    return (
      <section className="card report-card" aria-label="Forecast">
        <h2>Forecast</h2>
        <p className="report-note">
          No open leads with a value yet. Give your open leads a value and an expected close date on their page: the months
          ahead show here, weighted by each stage's win probability.
        </p>
      </section>
    );
  }
  return (
    <ChartCard
      title="Forecast by expected close month"
      handle={handle}
      busy={busy}
      note={<p className="report-note">Open leads now, whatever the range; weighted by the win probability of their stage.</p>}
      chart={<ForecastBars data={forecastChart(report)} currency={currency} summary={forecastSummary(report)} />}
      table={<DataTable caption="Forecast by expected close month" columns={forecastColumns(currency)} rows={report.forecast} rowKey={(month) => month.month} />}
    />
  );
}
