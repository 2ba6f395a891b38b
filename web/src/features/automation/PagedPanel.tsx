// What the History and Deliveries tabs share: a status filter with Refresh, and one page of a
// cursor-paged list (loading, could not load, nothing yet, or the table with its pager).

import type { ReactNode } from "react";
import { errorMessage } from "../../api/errors";
import { Pager } from "../../components/Pager";
import { Alert, Button, EmptyState, SelectField, Spinner, type Option } from "../../components/ui";
import type { CursorPage, useCursorPages } from "../../lib/useCursorPages";

interface Items<Item> extends CursorPage {
  items: Item[];
}

type Pages<Item> = ReturnType<typeof useCursorPages<unknown, Items<Item>>>;

export function StatusToolbar<Status extends string>({
  options,
  status,
  onStatus,
  pages,
  children,
}: {
  options: readonly Option[];
  status: Status | null;
  onStatus: (status: Status | null) => void;
  pages: { query: { isFetching: boolean; isPending: boolean; refetch: () => unknown } };
  children?: ReactNode;
}) {
  const { query } = pages;
  return (
    <div className="history-toolbar">
      <SelectField label="Status" options={options} value={status ?? ""} onChange={(event) => onStatus((event.target.value || null) as Status | null)} />
      <Button className="btn-small" busy={query.isFetching && !query.isPending} onClick={() => void query.refetch()}>
        Refresh
      </Button>
      {children}
    </div>
  );
}

/** The page as its state says; `noun` names the items ("enrolment", "enrolments"). */
export function PagedList<Item>({
  pages,
  noun,
  empty,
  children,
}: {
  pages: Pages<Item>;
  noun: readonly [string, string];
  empty: { title: string; body?: ReactNode };
  children: (items: Item[]) => ReactNode;
}) {
  const { query } = pages;
  if (query.isPending) return <Spinner label={`Loading the ${noun[1]}`} />;
  if (query.isError) {
    return (
      <Alert title={`The ${noun[1]} could not be loaded`} actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    );
  }
  if (query.data.items.length === 0 && pages.page === 1) return <EmptyState title={empty.title}>{empty.body}</EmptyState>;
  return (
    <>
      {children(query.data.items)}
      <Pager
        page={pages.page}
        count={query.data.items.length}
        hasPrevious={pages.hasPrevious}
        hasNext={pages.hasNext}
        onPrevious={pages.previous}
        onNext={pages.next}
        busy={query.isFetching}
        noun={[noun[0], noun[1]]}
      />
    </>
  );
}
