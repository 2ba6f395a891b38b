import { Link } from "react-router";
import { EmptyState, PageHeader } from "../../../components/ui";
import { formatDate } from "../../../lib/format";
import { usePortalApi } from "./api";
import { EntryStatusBadge, LoadMoreList } from "./parts";
import { ENTRY_STATUS_HELP, entryKindLabel, entryStatusLabel, formatMinor } from "./portalModel";
import { PAGE_SIZE, portalKeys, useLoadMore } from "./queries";
import type { CommissionEntry } from "./types";

/** /affiliate/commissions: the partner's ledger, commissions and reversals, newest first. */
export function CommissionsPage() {
  const api = usePortalApi();
  const { query, items } = useLoadMore(portalKeys.commissions, (cursor, signal) => api.commissions(cursor, PAGE_SIZE, signal));
  return (
    <>
      <PageHeader title="Commissions" subtitle="Every commission you earned, and every reversal (a refund or chargeback) taken from them." />
      <LoadMoreList
        query={query}
        count={items.length}
        what="Your commissions"
        noun={["entry", "entries"]}
        empty={
          <EmptyState title="No commissions yet">
            <p>A commission is added here each time a company you referred pays an invoice.</p>
          </EmptyState>
        }
      >
        <LedgerTable rows={items} />
        <StatusLegend />
      </LoadMoreList>
    </>
  );
}

export function LedgerTable({ rows, showPayout = true }: { rows: readonly CommissionEntry[]; showPayout?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table portal-table">
        <caption className="visually-hidden">Commissions and reversals, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Company</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Payable from</th>
            {showPayout && <th scope="col">Payout</th>}
            <th scope="col" className="numeric">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((entry) => (
            <tr key={entry.entry_id} className={entry.kind === "reversal" ? "ledger-reversal" : undefined}>
              <td>{formatDate(entry.created_at)}</td>
              <td>
                <span className="initials">{entry.initials}</span>
              </td>
              <td>
                {entryKindLabel(entry.kind)}
                {entry.kind === "reversal" && entry.reason && <div className="muted small">{entry.reason}</div>}
              </td>
              <td>
                <EntryStatusBadge status={entry.status} />
              </td>
              <td>{entry.kind === "commission" && entry.available_at ? formatDate(entry.released_at ?? entry.available_at) : "—"}</td>
              {showPayout && (
                <td>{entry.payout_id ? <Link to={`/affiliate/payouts/${encodeURIComponent(entry.payout_id)}`}>View payout</Link> : "—"}</td>
              )}
              <td className={`numeric ${entry.amount < 0 ? "negative" : ""}`}>{formatMinor(entry.amount, entry.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StatusLegend() {
  return (
    <details className="portal-legend">
      <summary>What the statuses mean</summary>
      <dl>
        {ENTRY_STATUS_HELP.map(({ status, text }) => (
          <div key={status} className="detail-row">
            <dt>{entryStatusLabel(status)}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
