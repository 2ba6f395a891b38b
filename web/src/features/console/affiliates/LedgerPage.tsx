import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { errorMessage } from "../../../api/errors";
import { Pager } from "../../../components/Pager";
import { Alert, Button, EmptyState, PageHeader, Spinner, TextField } from "../../../components/ui";
import { useCursorPages } from "../../../lib/useCursorPages";
import { useAffiliatesApi } from "./api";
import { isMonth, monthLabel, monthOf, shiftMonth } from "./affiliatesModel";
import { LedgerTable } from "./parts";
import { affiliateKeys } from "./queries";

const PAGE_SIZE = 50;

/** /platform/affiliate-ledger: every affiliate's commissions and reversals of a month, newest first. */
export function LedgerPage() {
  const [params, setParams] = useSearchParams();
  const thisMonth = monthOf(new Date());
  const asked = params.get("month");
  const month = isMonth(asked) ? asked : thisMonth;
  const choose = (next: string) => setParams(next === thisMonth ? {} : { month: next }, { replace: true });
  return (
    <>
      <PageHeader title="Commission ledger" subtitle="Every affiliate's commissions and reversals, month by month" />
      <MonthPicker month={month} onMonth={choose} latest={thisMonth} />
      <MonthEntries month={month} />
    </>
  );
}

function MonthPicker({ month, latest, onMonth }: { month: string; latest: string; onMonth: (month: string) => void }) {
  // What is typed stays until it is a month (a half-typed year is not a query).
  const [draft, setDraft] = useState(month);
  const [shown, setShown] = useState(month);
  if (month !== shown) {
    setShown(month);
    setDraft(month);
  }
  return (
    <div className="aff-month" role="group" aria-label="Ledger month">
      <Button onClick={() => onMonth(shiftMonth(month, -1))}>Previous month</Button>
      <TextField
        label="Month"
        type="month"
        value={draft}
        max={latest}
        onChange={(event) => {
          setDraft(event.target.value);
          if (isMonth(event.target.value)) onMonth(event.target.value);
        }}
        onBlur={() => setDraft(month)}
      />
      <Button disabled={month >= latest} onClick={() => onMonth(shiftMonth(month, 1))}>
        Next month
      </Button>
    </div>
  );
}

function MonthEntries({ month }: { month: string }) {
  const api = useAffiliatesApi();
  const pages = useCursorPages(month, affiliateKeys.monthPage, (m, cursor, signal) => api.ledger(m, cursor, PAGE_SIZE, signal));
  // The ledger's entries name the affiliate by id: their names from the directory's first hundred.
  const directory = useQuery({ queryKey: affiliateKeys.names, queryFn: ({ signal }) => api.affiliates(null, 100, signal), staleTime: 60_000 });
  const names = useMemo(() => new Map((directory.data?.items ?? []).map((row) => [row.affiliate_id, row.name])), [directory.data]);
  const { query } = pages;
  if (query.isPending) return <Spinner label="Loading the ledger" />;
  if (query.isError) {
    return (
      <Alert title="The ledger could not be loaded" actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    );
  }
  const rows = query.data.items;
  if (rows.length === 0 && pages.page === 1) return <EmptyState title={`Nothing in ${monthLabel(month)}`} />;
  return (
    <>
      <div className="table-wrap">
        <LedgerTable entries={rows} caption={`The ledger of ${monthLabel(month)}`} names={names} />
      </div>
      <Pager
        page={pages.page}
        count={rows.length}
        hasPrevious={pages.hasPrevious}
        hasNext={pages.hasNext}
        onPrevious={pages.previous}
        onNext={pages.next}
        busy={query.isFetching}
        noun={["entry", "entries"]}
      />
    </>
  );
}
