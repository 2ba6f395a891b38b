import { useCallback, useMemo, useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Pager } from "../../components/Pager";
import { toast } from "../../components/toasts";
import { Alert, Button, EmptyState, PageHeader, Spinner } from "../../components/ui";
import { downloadText } from "../../lib/download";
import { type Lookups, useLookups } from "../../lib/lookups";
import { useLatestSearchParams } from "../../lib/searchParams";
import { ListScoreControls } from "../ai/ScoreControls";
import { ScoredLeadResults } from "../ai/ScoredLeadResults";
import type { ScoreView } from "../ai/scoreView";
import { useScoreView } from "../ai/useScoreView";
import { canSelect } from "../bulk/access";
import { BulkBar } from "../bulk/BulkBar";
import { leadListScope } from "../bulk/scope";
import { SelectAllBanner } from "../bulk/SelectAllBanner";
import { listPipeline } from "../bulk/stages";
import { useBulkSelection } from "../bulk/useBulkSelection";
import { useCustomFields } from "../fields/queries";
import { usePipelines } from "../pipelines/queries";
import { useLeadsApi } from "./api";
import { csvFileName, fetchAllLeads, leadColumns, toCsv } from "./csv";
import {
  activeFilterCount,
  changedFilters,
  chooseOrder,
  filtersFromParams,
  listOrder,
  listParams,
  sortByColumn,
  withScoreChoice,
  type LeadFilters,
} from "./filters";
import { LeadFiltersBar } from "./LeadFiltersBar";
import { LeadSortControls } from "./LeadSortControls";
import { LeadTable } from "./LeadTable";
import type { LeadSort, SortOrder } from "./types";
import { useLeadPages } from "./useLeadPages";

export function LeadListPage() {
  const { grants } = useAuth();
  const lookups = useLookups();
  const [params, setParams] = useLatestSearchParams();
  const paramsKey = params.toString();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(paramsKey)), [paramsKey]);
  // What changed from this render's filters lands on the address bar's filters as they are now, so
  // two quick changes (a date cleared, another typed) both hold.
  const setFilters = useCallback(
    (next: LeadFilters) =>
      setParams((current) => listParams(current, changedFilters(filtersFromParams(current), filters, next)), {
        replace: true,
      }),
    [setParams, filters],
  );
  const setOrder = useCallback(
    (sort: LeadSort, order?: SortOrder) =>
      setParams((current) => chooseOrder(current, filtersFromParams(current), sort, order), { replace: true }),
    [setParams],
  );
  const score = useScoreView();
  // The score view's choices keep the list's own order in the URL, for when that view ends.
  const onScoreView = useCallback(
    (view: ScoreView) => setParams((current) => withScoreChoice(current, view), { replace: true }),
    [setParams],
  );
  const { sort, order } = listOrder(filters);

  return (
    <>
      <PageHeader
        title="Leads"
        subtitle={score.active ? "Open leads by their chance to win, highest first" : subtitleOf(filters)}
        actions={<ListActions filters={filters} lookups={lookups} />}
      />
      <LeadFiltersBar
        filters={filters}
        onChange={setFilters}
        lookups={lookups}
        showOwner={grants.can(Permission.leadsReadAll)}
        extra={
          <>
            {!score.active && (
              <LeadSortControls sort={sort} order={order} searching={Boolean(filters.q)} onChange={setOrder} />
            )}
            {score.usable && <ListScoreControls view={score.view} onChange={onScoreView} />}
          </>
        }
      />
      {score.active ? (
        <ScoredLeadResults
          filters={filters}
          view={score.view}
          lookups={lookups}
          onClearIgnored={() => setFilters({ stage_id: filters.stage_id, owner_id: filters.owner_id, sort, order })}
        />
      ) : (
        <LeadResults
          filters={filters}
          lookups={lookups}
          onClear={() => setFilters({ sort: filters.sort, order: filters.order })}
          onSort={(column) => setFilters(sortByColumn(filters, column))}
        />
      )}
    </>
  );
}

const SORTED: Readonly<Record<LeadSort, Readonly<Record<SortOrder, string>>>> = {
  created: { desc: "newest first", asc: "oldest first" },
  updated: { desc: "latest updated first", asc: "least recently updated first" },
  value: { desc: "highest value first", asc: "lowest value first" },
  name: { asc: "by name, A to Z", desc: "by name, Z to A" },
};

/** What the list shows, in what order. One stage's leads by creation come from its board column's
 * index: the latest to enter the stage first. A search lists its best matches first. */
function subtitleOf(filters: LeadFilters): string {
  const { sort, order } = listOrder(filters);
  if (filters.q) return "Leads matching your search, best match first";
  if (activeFilterCount(filters) === 0) return `Every lead in your account, ${SORTED[sort][order]}`;
  if (sort === "created" && filters.stage_id) {
    return `Leads matching your filters, ${order === "desc" ? "latest" : "earliest"} into the stage first`;
  }
  return `Leads matching your filters, ${SORTED[sort][order]}`;
}

function ListActions({ filters, lookups }: { filters: LeadFilters; lookups: Lookups }) {
  const api = useLeadsApi();
  const { grants } = useAuth();
  const [exported, setExported] = useState<number | null>(null);
  const customFields = useCustomFields("lead").data?.fields ?? [];

  async function exportCsv() {
    setExported(0);
    try {
      const all = await fetchAllLeads(api.listLeads, filters, setExported);
      downloadText(csvFileName(new Date()), toCsv(leadColumns(lookups, customFields), all));
      toast.success(`Exported ${all.length} ${all.length === 1 ? "lead" : "leads"} to CSV`);
    } catch (error) {
      toast.error(`The export failed: ${errorMessage(error)}`);
    } finally {
      setExported(null);
    }
  }

  return (
    <>
      <Button onClick={exportCsv} busy={exported !== null}>
        {exported !== null ? `Exporting… ${exported}` : "Export CSV"}
      </Button>
      {grants.can(Permission.leadsDelete) && (
        <Link className="btn btn-secondary" to="/leads/deleted">
          Deleted leads
        </Link>
      )}
      {grants.can(Permission.leadsWrite) && (
        <Link className="btn btn-primary" to="/leads/new">
          New lead
        </Link>
      )}
    </>
  );
}

function LeadResults({
  filters,
  lookups,
  onClear,
  onSort,
}: {
  filters: LeadFilters;
  lookups: Lookups;
  onClear: () => void;
  onSort: (sort: LeadSort) => void;
}) {
  const { grants } = useAuth();
  const pages = useLeadPages(filters);
  const { query } = pages;
  // "All matching" is every lead these filters list, on every page.
  const matching = useMemo(() => leadListScope(filters), [filters]);
  const pageIds = (query.data?.items ?? []).map((lead) => lead.lead_id);
  const bulk = useBulkSelection(matching, pageIds, "lead");
  const pipelines = usePipelines();
  const selectable = canSelect("leads", grants);
  if (query.isPending) return <Spinner label="Loading leads" />;
  if (query.isError) {
    return (
      <Alert title="The leads could not be loaded" actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    );
  }
  const leads = query.data.items;
  if (leads.length === 0 && !pages.hasNext && pages.page === 1) {
    return <NoLeads filtered={activeFilterCount(filters) > 0} onClear={onClear} />;
  }
  return (
    <>
      {selectable && <SelectAllBanner selection={bulk.selection} pageIds={pageIds} onSelectMatching={bulk.selectMatching} onClear={bulk.clear} />}
      {leads.length > 0 ? (
        <LeadTable
          leads={leads}
          lookups={lookups}
          caption="Leads"
          selection={selectable ? bulk.rows : undefined}
          order={filters.q ? undefined : { ...listOrder(filters), onSort }}
        />
      ) : (
        <p className="muted">No matching leads on this page.</p>
      )}
      <Pager
        page={pages.page}
        count={leads.length}
        total={pages.total}
        hasPrevious={pages.hasPrevious}
        hasNext={pages.hasNext}
        onPrevious={pages.previous}
        onNext={pages.next}
        busy={query.isFetching}
        noun={["lead", "leads"]}
      />
      {selectable && (
        <BulkBar
          selection={bulk.selection}
          matching={matching}
          onClear={bulk.clear}
          pipeline={listPipeline(pipelines.data, filters.stage_id)}
        />
      )}
    </>
  );
}

function NoLeads({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  const { grants } = useAuth();
  if (filtered) {
    return (
      <EmptyState title="No leads match these filters">
        <Button onClick={onClear}>Clear filters</Button>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No leads yet">
      <p>
        Leads arrive from your forms and ad campaigns.
        {grants.can(Permission.leadsWrite) && (
          <>
            {" "}
            You can also <Link to="/leads/new">add one by hand</Link>.
          </>
        )}
      </p>
    </EmptyState>
  );
}
