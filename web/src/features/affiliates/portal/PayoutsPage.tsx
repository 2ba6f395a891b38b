import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../../../api/errors";
import { Card, EmptyState, PageHeader, Spinner } from "../../../components/ui";
import { formatDate } from "../../../lib/format";
import { usePortalApi } from "./api";
import { LedgerTable } from "./CommissionsPage";
import { LoadError, LoadMoreList, PayoutStatusBadge } from "./parts";
import { formatMinor, payoutMethodLabel } from "./portalModel";
import { PAGE_SIZE, portalKeys, useLoadMore } from "./queries";
import type { PartnerPayout, PartnerPayoutDetail } from "./types";

const payoutPath = (payoutId: string) => `/affiliate/payouts/${encodeURIComponent(payoutId)}`;

/** /affiliate/payouts: the payouts sent to the partner, newest first. */
export function PayoutsPage() {
  const api = usePortalApi();
  const { query, items } = useLoadMore(portalKeys.payouts, (cursor, signal) => api.payouts(cursor, PAGE_SIZE, signal));
  return (
    <>
      <PageHeader title="Payouts" subtitle="Each payout sends your payable commissions, less any reversals, to your payout method." />
      <LoadMoreList
        query={query}
        count={items.length}
        what="Your payouts"
        noun={["payout", "payouts"]}
        empty={
          <EmptyState title="No payouts yet">
            <p>
              Commissions become payable after their holding period; they are paid out in the program's next payout run once your balance due
              reaches the payout threshold. <Link to="/affiliate/settings">Check your payout settings</Link> so that nothing waits on them.
            </p>
          </EmptyState>
        }
      >
        <PayoutTable rows={items} />
      </LoadMoreList>
    </>
  );
}

function PayoutTable({ rows }: { rows: readonly PartnerPayout[] }) {
  return (
    <div className="table-wrap">
      <table className="table portal-table">
        <caption className="visually-hidden">Your payouts, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Payout</th>
            <th scope="col">Status</th>
            <th scope="col">Sent to</th>
            <th scope="col" className="numeric">
              Commissions
            </th>
            <th scope="col" className="numeric">
              Reversals
            </th>
            <th scope="col" className="numeric">
              Amount
            </th>
            <th scope="col">Paid on</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((payout) => (
            <tr key={payout.payout_id}>
              <td>
                <Link className="lead-name" to={payoutPath(payout.payout_id)}>
                  {formatDate(payout.created_at)}
                </Link>
              </td>
              <td>
                <PayoutStatusBadge status={payout.status} />
              </td>
              <td>{payout.recipient || payoutMethodLabel(payout.method)}</td>
              <td className="numeric">{formatMinor(payout.commissions, payout.currency)}</td>
              <td className="numeric">{payout.reversals ? formatMinor(-payout.reversals, payout.currency) : "—"}</td>
              <td className="numeric strong">{formatMinor(payout.amount, payout.currency)}</td>
              <td>{payout.paid_at ? formatDate(payout.paid_at) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /affiliate/payouts/:payoutId: one payout and the commissions and reversals it covered. */
export function PayoutDetailPage() {
  const { payoutId = "" } = useParams();
  const api = usePortalApi();
  const payout = useQuery({
    queryKey: portalKeys.payout(payoutId),
    queryFn: ({ signal }) => api.payout(payoutId, signal),
    meta: { inlineErrors: true },
  });
  const back = (
    <Link to="/affiliate/payouts" className="back-link">
      ← Payouts
    </Link>
  );
  if (payout.isPending) {
    return (
      <>
        <PageHeader title="Payout" back={back} />
        <Spinner label="Loading the payout" />
      </>
    );
  }
  if (payout.isError) {
    const missing = payout.error instanceof ApiError && payout.error.status === 404;
    return (
      <>
        <PageHeader title="Payout" back={back} />
        {missing ? (
          <EmptyState title="No such payout">
            <p>
              It may have been mistyped. <Link to="/affiliate/payouts">See all your payouts</Link>
            </p>
          </EmptyState>
        ) : (
          <LoadError what="The payout" error={payout.error} retry={() => void payout.refetch()} />
        )}
      </>
    );
  }
  return <PayoutDetail payout={payout.data} back={back} />;
}

function PayoutDetail({ payout, back }: { payout: PartnerPayoutDetail; back: ReactNode }) {
  const money = (minor: number) => formatMinor(minor, payout.currency);
  return (
    <>
      <PageHeader
        title={`Payout of ${money(payout.amount)}`}
        subtitle={
          <>
            <PayoutStatusBadge status={payout.status} /> Created {formatDate(payout.created_at)}
            {payout.paid_at ? ` · paid ${formatDate(payout.paid_at)}` : ""}
          </>
        }
        back={back}
      />
      <Card title="What this payout covered">
        <dl className="details payout-sum">
          <div className="detail-row">
            <dt>Commissions</dt>
            <dd className="numeric">{money(payout.commissions)}</dd>
          </div>
          <div className="detail-row">
            <dt>Less reversals</dt>
            <dd className="numeric">{payout.reversals ? money(-payout.reversals) : money(0)}</dd>
          </div>
          <div className="detail-row payout-total">
            <dt>Paid to you</dt>
            <dd className="numeric">{money(payout.amount)}</dd>
          </div>
          <div className="detail-row">
            <dt>Sent to</dt>
            <dd>{payout.recipient || payoutMethodLabel(payout.method)}</dd>
          </div>
        </dl>
      </Card>
      <h2 className="portal-section-title">
        {payout.entries.length} {payout.entries.length === 1 ? "entry" : "entries"}
      </h2>
      {payout.entries.length ? <LedgerTable rows={payout.entries} showPayout={false} /> : <p className="muted">This payout lists no entries.</p>}
    </>
  );
}
