import { Link } from "react-router";
import { EmptyState, PageHeader } from "../../../components/ui";
import { formatDate } from "../../../lib/format";
import { usePortalApi } from "./api";
import { LoadMoreList, ReferralStatusBadge } from "./parts";
import { formatMinor, planLabel } from "./portalModel";
import { PAGE_SIZE, portalKeys, useLoadMore } from "./queries";
import type { PartnerReferral } from "./types";

/** /affiliate/referrals: every company that signed up through the partner's link, by its initials only. */
export function ReferralsPage() {
  const api = usePortalApi();
  const { query, items } = useLoadMore(portalKeys.referrals, (cursor, signal) => api.referrals(cursor, PAGE_SIZE, signal));
  return (
    <>
      <PageHeader title="Referrals" subtitle="Companies that signed up through your link. For their privacy, each shows by its initials only." />
      <LoadMoreList
        query={query}
        count={items.length}
        what="Your referrals"
        noun={["referral", "referrals"]}
        empty={
          <EmptyState title="No referrals yet">
            <p>
              When a company signs up through your link, it shows here with its plan and what it earned you.{" "}
              <Link to="/affiliate/links">Get your link</Link>
            </p>
          </EmptyState>
        }
      >
        <ReferralTable rows={items} />
      </LoadMoreList>
    </>
  );
}

function ReferralTable({ rows }: { rows: readonly PartnerReferral[] }) {
  return (
    <div className="table-wrap">
      <table className="table portal-table">
        <caption className="visually-hidden">Your referrals, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Company</th>
            <th scope="col">Status</th>
            <th scope="col">Plan</th>
            <th scope="col">Signed up</th>
            <th scope="col">First paid</th>
            <th scope="col">Sub-id</th>
            <th scope="col" className="numeric">
              MRR
            </th>
            <th scope="col" className="numeric">
              Earned
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={`${row.signed_up_at}-${row.initials}-${index}`}>
              <td>
                <span className="initials" title="Initials of the company">
                  {row.initials}
                </span>
              </td>
              <td>
                <ReferralStatusBadge status={row.status} />
              </td>
              <td>{planLabel(row.plan)}</td>
              <td>{formatDate(row.signed_up_at)}</td>
              <td>{row.first_paid_at ? formatDate(row.first_paid_at) : "—"}</td>
              <td>{row.sub_id ? <span className="mono">{row.sub_id}</span> : "—"}</td>
              <td className="numeric">{formatMinor(row.mrr_minor, row.currency)}</td>
              <td className="numeric">{formatMinor(row.commission_minor, row.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
