import { Link } from "react-router";
import { errorMessage } from "../../../api/errors";
import { Pager } from "../../../components/Pager";
import { Alert, Button, EmptyState, PageHeader, Spinner } from "../../../components/ui";
import { formatDate, getDisplayLocale } from "../../../lib/format";
import { useCursorPages } from "../../../lib/useCursorPages";
import { useAffiliatesApi } from "./api";
import { balancesOf } from "./affiliatesModel";
import { affiliateLink, Badge, Money } from "./parts";
import { affiliateKeys, useProgramCurrency } from "./queries";
import { formatMinorAmount } from "./terms";
import type { AffiliateRow } from "./types";

const PAGE_SIZE = 25;

/** /platform/affiliates: every partner, newest first, with their figures and balances. */
export function AffiliatesPage() {
  const api = useAffiliatesApi();
  const currency = useProgramCurrency();
  const pages = useCursorPages(null, (_filters: null, cursor) => affiliateKeys.affiliatesPage(cursor), (_f, cursor, signal) =>
    api.affiliates(cursor, PAGE_SIZE, signal),
  );
  const { query } = pages;
  let body;
  if (query.isPending) body = <Spinner label="Loading affiliates" />;
  else if (query.isError) {
    body = (
      <Alert title="The affiliates could not be loaded" actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    );
  } else if (query.data.items.length === 0 && pages.page === 1) {
    body = (
      <EmptyState title="No affiliates yet">
        <p>
          Partners join when their application is approved: see <Link to="/platform/affiliate-applications">Applications</Link>.
        </p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <AffiliateTable rows={query.data.items} currency={currency} />
        <Pager
          page={pages.page}
          count={query.data.items.length}
          hasPrevious={pages.hasPrevious}
          hasNext={pages.hasNext}
          onPrevious={pages.previous}
          onNext={pages.next}
          busy={query.isFetching}
          noun={["affiliate", "affiliates"]}
        />
      </>
    );
  }
  return (
    <>
      <PageHeader title="Affiliates" subtitle="Convertly's partners: the customers they referred and what they are owed" />
      {body}
    </>
  );
}

function AffiliateTable({ rows, currency }: { rows: readonly AffiliateRow[]; currency: string }) {
  return (
    <div className="table-wrap">
      <table className="table console-table">
        <caption className="visually-hidden">Affiliates, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Affiliate</th>
            <th scope="col">Code</th>
            <th scope="col" className="numeric">
              Clicks
            </th>
            <th scope="col" className="numeric">
              Sign-ups
            </th>
            <th scope="col" className="numeric">
              Paying
            </th>
            <th scope="col" className="numeric">
              MRR referred
            </th>
            <th scope="col" className="numeric">
              Pending
            </th>
            <th scope="col" className="numeric">
              Due
            </th>
            <th scope="col" className="numeric">
              Paid out
            </th>
            <th scope="col">Joined</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const balance = balancesOf(row.balances, currency)[0]!;
            return (
              <tr key={row.affiliate_id}>
                <td>
                  <Link className="lead-name" to={affiliateLink(row.affiliate_id)}>
                    {row.name}
                  </Link>
                  <span className="block muted">{row.email}</span>
                  {row.stats.flags > 0 && (
                    <Badge tone="danger">
                      {row.stats.flags} {row.stats.flags === 1 ? "fraud flag" : "fraud flags"}
                    </Badge>
                  )}
                </td>
                <td className="mono">{row.code}</td>
                <td className="numeric" title={`${row.stats.clicks.toLocaleString(getDisplayLocale())} in all, ${row.stats.bot_clicks.toLocaleString(getDisplayLocale())} by bots`}>
                  {row.stats.unique_clicks.toLocaleString(getDisplayLocale())}
                </td>
                <td className="numeric">{row.stats.signups.toLocaleString(getDisplayLocale())}</td>
                <td className="numeric">{row.stats.paying.toLocaleString(getDisplayLocale())}</td>
                <td className="numeric">{formatMinorAmount(row.stats.mrr_minor, currency)}</td>
                <td className="numeric">{formatMinorAmount(balance.pending, balance.currency)}</td>
                <td className="numeric">
                  <Money minor={balance.due} currency={balance.currency} />
                </td>
                <td className="numeric">{formatMinorAmount(balance.paid_out, balance.currency)}</td>
                <td className="nowrap">{formatDate(row.created_at)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
