import { useId, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { Alert, Card, PageHeader, Spinner } from "../../../components/ui";
import { PERIODS, periodFrom, type Period } from "./chartModel";
import { referralBase } from "./linkModel";
import { CopyButton, LoadError } from "./parts";
import { attributionInWords, dueNote, formatCount, formatMinor, formatRate, termsDetail, termsInWords } from "./portalModel";
import { useDashboard } from "./queries";
import { TrendChart } from "./TrendChart";
import type { PartnerDashboard } from "./types";

/** /affiliate/dashboard: the partner's figures, balances, a chart of the period, their terms and link. */
export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const period = periodFrom(params.get("days"));
  const dashboard = useDashboard(period);
  const choose = (days: Period) => setParams(days === 30 ? {} : { days: String(days) }, { replace: true });
  const data = dashboard.data;
  return (
    <>
      <PageHeader
        title="Partner dashboard"
        subtitle={data ? `Welcome, ${data.name}. Your referral code is ${data.code}.` : undefined}
        actions={<PeriodPicker period={period} onChoose={choose} busy={dashboard.isFetching} />}
      />
      {dashboard.isPending && <Spinner label="Loading your figures" />}
      {dashboard.isError && !data && <LoadError what="Your figures" error={dashboard.error} retry={() => void dashboard.refetch()} />}
      {data && <DashboardBody data={data} period={period} />}
    </>
  );
}

function PeriodPicker({ period, onChoose, busy }: { period: Period; onChoose: (days: Period) => void; busy: boolean }) {
  return (
    <div className="period-picker" role="group" aria-label="Chart period" aria-busy={busy || undefined}>
      {PERIODS.map((days) => (
        <button key={days} type="button" className={`btn btn-small ${days === period ? "btn-primary" : "btn-secondary"}`} aria-pressed={days === period} onClick={() => onChoose(days)}>
          {days} days
        </button>
      ))}
    </div>
  );
}

function DashboardBody({ data, period }: { data: PartnerDashboard; period: Period }) {
  const link = referralBase(window.location.origin, data.code);
  const { stats } = data;
  const owed = dueNote(data.due, data.currency);
  return (
    <>
      <Card title="Your referral link">
        <div className="referral-link">
          <code className="mono break" aria-label="Referral link">
            {link}
          </code>
          <CopyButton text={link} name="Copy referral link" />
        </div>
        <p className="muted">
          You earn {termsInWords(data.terms, data.currency)}. <Link to="/affiliate/links">Build a link with a sub-id or UTM tags</Link>
        </p>
      </Card>

      <Figures title="Referrals, all time">
        <Stat label="Clicks" note={`${formatCount(stats.unique_clicks)} unique · ${formatCount(stats.bot_clicks)} from bots, not counted`}>
          {formatCount(stats.clicks)}
        </Stat>
        <Stat label="Sign-ups" note={`${formatRate(data.click_to_signup)} of unique clicks`}>
          {formatCount(stats.signups)}
        </Stat>
        <Stat label="Trials" note="Signed up, not paying yet">
          {formatCount(stats.trials)}
        </Stat>
        <Stat label="Paying customers" note={`${formatCount(stats.canceled)} canceled since`}>
          {formatCount(stats.paying)}
        </Stat>
        <Stat label="MRR referred" note="What your paying customers pay each month">
          {formatMinor(stats.mrr_minor, data.currency)}
        </Stat>
        <Stat label="Click to sign-up" note="Sign-ups per unique click">
          {formatRate(data.click_to_signup)}
        </Stat>
        <Stat label="Sign-up to paying" note="Sign-ups that became paying customers">
          {formatRate(data.signup_to_paying)}
        </Stat>
      </Figures>

      <Figures title="Commissions">
        <Stat label="Pending" note="In their holding period (refunds can still reverse them)">
          {formatMinor(data.pending, data.currency)}
        </Stat>
        <Stat label="Due" note="What your next payout would send">
          <span className={data.due < 0 ? "negative" : undefined}>{formatMinor(data.due, data.currency)}</span>
        </Stat>
        <Stat label="Paid out" note={<Link to="/affiliate/payouts">See your payouts</Link>}>
          {formatMinor(data.paid_out, data.currency)}
        </Stat>
      </Figures>
      {owed && <Alert tone="info">{owed}</Alert>}

      <Card title={`The last ${period} days`}>
        <TrendChart days={data.days} currency={data.currency} />
      </Card>

      <Card title="Your terms">
        <p className="terms-headline">{termsInWords(data.terms, data.currency)}</p>
        <ul className="portal-list">
          <li>{termsDetail(data.terms)}</li>
          {attributionInWords(data.cookie_days, data.attribution).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </Card>
    </>
  );
}

function Figures({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 className="portal-section-title" id={id}>
        {title}
      </h2>
      <div className="stats">{children}</div>
    </section>
  );
}

function Stat({ label, note, children }: { label: string; note?: ReactNode; children: ReactNode }) {
  return (
    <div className="stat" role="group" aria-label={label}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{children}</div>
      {note && <div className="stat-note muted">{note}</div>}
    </div>
  );
}
