import { useId } from "react";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { OutcomeBars } from "./charts";
import { healthChart, healthOutcomes, healthSummary } from "./chartData";
import { healthColumns, healthLines } from "./columns";
import { DataTable } from "./DataTable";
import { reportQuery } from "./filters";
import { healthPlatformLabel, outcomeInfo } from "./labels";
import { ChartCard, EmptyReport, ReportStatus, Stats } from "./parts";
import { useConversionsHealth } from "./queries";
import { formatCount, formatMinor, formatPercent } from "./reportFormat";
import { ReportShell } from "./ReportShell";
import type { ConversionsHealth, LockedReport } from "./types";
import { useReportState, type ReportStateHandle } from "./useReportState";
import "./analytics.css";

export function ConversionsHealthPage() {
  const handle = useReportState();
  const query = useConversionsHealth(reportQuery(handle.state));
  const report = query.data && !query.data.locked ? query.data : undefined;
  return (
    <ReportShell slug="conversions" handle={handle} range={report?.range} downloadable={!query.data?.locked}>
      <ReportStatus query={query} label="conversions health">
        {(result) =>
          result.locked ? <Locked lock={result} /> : <HealthBody report={result} handle={handle} busy={query.isFetching} />
        }
      </ReportStatus>
    </ReportShell>
  );
}

function planName(plan: string | null): string {
  return plan ? plan.charAt(0).toUpperCase() + plan.slice(1) : "a larger";
}

/** The report on a plan without it: what it would show, and the way to the plan that has it. */
function Locked({ lock }: { lock: LockedReport }) {
  const { grants } = useAuth();
  const id = useId();
  const plan = planName(lock.upgradePlan);
  const canUpgrade = grants.can(Permission.billingManage);
  return (
    <section className="card report-locked" aria-labelledby={id}>
      <h2 id={id}>Conversions health is part of the {plan} plan</h2>
      <p>
        It shows how much of your won revenue Google Ads and Meta were told about, and why the rest was not, so the platforms
        can optimise your ads for the leads that pay.
      </p>
      <p className="muted">{lock.message}</p>
      <div className="report-locked-actions">
        {grants.can(Permission.billingRead) && (
          <Link className={`btn ${canUpgrade ? "btn-primary" : "btn-secondary"}`} to={lock.upgradePath}>
            {canUpgrade && lock.upgradePlan ? `Upgrade to ${plan}` : "See the plans"}
          </Link>
        )}
        {!canUpgrade && <span className="muted">Ask an Admin of your workspace to upgrade the plan.</span>}
      </div>
    </section>
  );
}

function HealthBody({ report, handle, busy }: { report: ConversionsHealth; handle: ReportStateHandle; busy: boolean }) {
  const { grants } = useAuth();
  const currency = report.range.currency;
  if (report.wins === 0) {
    return (
      <EmptyReport title="No wins in this range yet" handle={handle}>
        <p>
          When you win a lead on the <Link to="/pipeline">Pipeline</Link>, Convertly tells Google Ads and Meta about it, and
          what became of it shows here.
          {grants.can(Permission.adsSettings) && (
            <>
              {" "}
              Connect your ad accounts on the <Link to="/settings/ad-platforms">Ad platforms</Link> settings page first.
            </>
          )}
        </p>
      </EmptyReport>
    );
  }
  return (
    <>
      <Stats
        stats={[
          { label: "Won revenue", metric: "won_revenue", value: formatMinor(report.won_revenue_minor, currency) },
          { label: "Wins", metric: "wins", value: formatCount(report.wins) },
          ...report.platforms.map((platform) => ({
            label: `${healthPlatformLabel(platform.platform)} was told of`,
            metric: "reached_share" as const,
            value: formatPercent(platform.reached_share),
          })),
        ]}
      />
      <ChartCard
        title="Won revenue by what each platform was told"
        handle={handle}
        busy={busy}
        chart={<OutcomeBars data={healthChart(report)} outcomes={healthOutcomes(report)} currency={currency} summary={healthSummary(report)} />}
        note={<OutcomeMeanings report={report} />}
        table={
          <DataTable
            caption="Conversions health"
            columns={healthColumns(currency)}
            rows={healthLines(report)}
            rowKey={(line) => `${line.platform}|${line.outcome}`}
          />
        }
      />
    </>
  );
}

/** What each outcome on the page means. */
function OutcomeMeanings({ report }: { report: ConversionsHealth }) {
  return (
    <dl className="report-outcomes">
      {healthOutcomes(report).map((outcome) => (
        <div key={outcome}>
          <dt>{outcomeInfo(outcome).label}</dt>
          <dd>{outcomeInfo(outcome).hint}</dd>
        </div>
      ))}
    </dl>
  );
}
