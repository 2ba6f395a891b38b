import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo } from "react";
import { useSearchParams } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Pager } from "../../components/Pager";
import { Alert, Button, EmptyState, Spinner, type Option } from "../../components/ui";
import { useCursorPages } from "../../lib/useCursorPages";
import { useUsers } from "../accounts/queries";
import { seesEverything } from "./access";
import { useBulkApi } from "./api";
import { BulkDetailDialog } from "./BulkDetailDialog";
import { BulkLogTable } from "./BulkLogTable";
import { LogFiltersBar } from "./LogFiltersBar";
import {
  bulkFiltersFromParams,
  bulkRangeProblem,
  DETAIL_PARAM,
  hasBulkFilters,
  paramsFromBulkFilters,
  type BulkLogFilters,
} from "./logFilters";
import { isFinished, POLL_MS } from "./progress";
import { bulkKeys } from "./queries";
import "./bulk.css";

export const LOG_PAGE_SIZE = 25;

/** Settings > Bulk actions: every bulk action (a role that sees only its own records: its own), filtered, with each one's details. */
export function BulkActionsPage() {
  const { grants } = useAuth();
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const filters = useMemo(() => bulkFiltersFromParams(new URLSearchParams(paramsKey)), [paramsKey]);
  const detail = params.get(DETAIL_PARAM);
  const setFilters = useCallback((next: BulkLogFilters) => setParams(paramsFromBulkFilters(next), { replace: true }), [setParams]);
  const openDetail = useCallback((bulkId: string | null) => setParams(paramsFromBulkFilters(filters, bulkId)), [filters, setParams]);
  const users = useUsers();
  const seesAll = seesEverything(grants);
  const people = useMemo<Option[]>(
    () =>
      seesAll
        ? [...(users.data ?? [])]
            .sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email))
            .map((user) => ({ value: user.user_id, label: user.name || user.email }))
        : [],
    [users.data, seesAll],
  );
  const userName = useCallback(
    (userId: string) => {
      const user = users.data?.find((item) => item.user_id === userId);
      return user ? user.name || user.email : "A former user";
    },
    [users.data],
  );
  const problem = bulkRangeProblem(filters);

  return (
    <>
      <p className="settings-intro">
        Every change made to many leads or contacts at once: who started it, on which records, and how it went.
        {seesAll ? "" : " You see the bulk actions you started."} Select records on the lead list, the board, the
        contacts list or a smart list to start one.
      </p>
      <LogFiltersBar filters={filters} onChange={setFilters} people={people} problem={problem} />
      {problem ? (
        <Alert tone="warning" title="These days cannot be shown">
          {problem}
        </Alert>
      ) : (
        <BulkLog filters={filters} userName={userName} onOpen={openDetail} onClear={() => setFilters({})} />
      )}
      {detail && <BulkDetailDialog key={detail} bulkId={detail} userName={userName} onClose={() => openDetail(null)} />}
    </>
  );
}

function BulkLog({
  filters,
  userName,
  onOpen,
  onClear,
}: {
  filters: BulkLogFilters;
  userName: (userId: string) => string;
  onOpen: (bulkId: string) => void;
  onClear: () => void;
}) {
  const api = useBulkApi();
  const queryClient = useQueryClient();
  const pages = useCursorPages(filters, bulkKeys.page, (f, cursor, signal) => api.bulkActions(f, cursor, LOG_PAGE_SIZE, signal));
  const { query } = pages;
  // While one on the page runs, the page is read again, so its numbers and status move.
  const running = (query.data?.items ?? []).some((action) => !isFinished(action.status));
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void queryClient.invalidateQueries({ queryKey: bulkKeys.pages }), POLL_MS * 2);
    return () => clearInterval(timer);
  }, [running, queryClient]);

  if (query.isPending) return <Spinner label="Loading the bulk actions" />;
  if (query.isError) {
    return (
      <Alert title="The bulk actions could not be loaded" actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    );
  }
  const actions = query.data.items;
  if (actions.length === 0 && pages.page === 1 && !pages.hasNext) {
    return hasBulkFilters(filters) ? (
      <EmptyState title="No bulk actions match these filters">
        <Button onClick={onClear}>Clear filters</Button>
      </EmptyState>
    ) : (
      <EmptyState title="No bulk actions yet">
        <p>Select leads or contacts on their lists, or cards on the board, to change many at once: each time shows here.</p>
      </EmptyState>
    );
  }
  return (
    <>
      {actions.length > 0 ? (
        <BulkLogTable actions={actions} userName={userName} onOpen={onOpen} />
      ) : (
        <p className="muted">No bulk actions on this page.</p>
      )}
      <Pager
        page={pages.page}
        count={actions.length}
        hasPrevious={pages.hasPrevious}
        hasNext={pages.hasNext}
        onPrevious={pages.previous}
        onNext={pages.next}
        busy={query.isPlaceholderData}
        noun={["bulk action", "bulk actions"]}
      />
    </>
  );
}
