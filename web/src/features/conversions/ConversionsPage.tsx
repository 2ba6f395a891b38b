import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Pager } from "../../components/Pager";
import { Alert, Button, EmptyState, PageHeader, SelectField, Spinner, type Option } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useLeadsApi } from "../leads/api";
import { leadKeys } from "../leads/queries";
import {
  conversionFiltersFromParams,
  hasConversionFilters,
  paramsFromConversionFilters,
  withFilter,
} from "./filters";
import { attemptText, isReplayable, kindLabel, PLATFORMS, platformLabel, shortHash, STATUSES, statusLabel } from "./labels";
import { ExpiringClicks } from "./ExpiringClicks";
import { MatchQualityTotals } from "./MatchQualityTotals";
import { valueText } from "./matchQuality";
import { conversionKeys, useReplay } from "./queries";
import { StatusBadge } from "./StatusBadge";
import type { ConversionFilters, LedgerEntry, ReplayRequest } from "./types";
import { useConversionPages } from "./useConversionPages";

const PLATFORM_OPTIONS: Option[] = [
  { value: "", label: "All platforms" },
  ...PLATFORMS.map((platform) => ({ value: platform, label: platformLabel(platform) })),
];
const STATUS_OPTIONS: Option[] = [
  { value: "", label: "All statuses" },
  ...STATUSES.map((status) => ({ value: status, label: statusLabel(status) })),
];

type Replay = ReturnType<typeof useReplay>;

/**
 * The tenant's conversions log (every attempt on every platform, filtered, a page at a time), with the
 * match quality of the recent wins and the Google clicks about to leave their window.
 */
export function ConversionsPage() {
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const filters = useMemo(() => conversionFiltersFromParams(new URLSearchParams(paramsKey)), [paramsKey]);
  const setFilters = useCallback(
    (next: ConversionFilters) => setParams(paramsFromConversionFilters(next), { replace: true }),
    [setParams],
  );
  const replay = useReplay();

  return (
    <>
      <PageHeader
        title="Conversions"
        subtitle="Every attempt to report a won lead to Google Ads and Meta, newest first"
        actions={<LogActions replay={replay} />}
      />
      <div className="match-panels">
        <MatchQualityTotals />
        <ExpiringClicks />
      </div>
      <form
        className="filters conversion-filters"
        role="search"
        aria-label="Filter conversions"
        onSubmit={(event) => event.preventDefault()}
      >
        <SelectField
          label="Platform"
          options={PLATFORM_OPTIONS}
          value={filters.platform ?? ""}
          onChange={(event) => setFilters(withFilter(filters, "platform", event.target.value))}
        />
        <SelectField
          label="Status"
          options={STATUS_OPTIONS}
          value={filters.status ?? ""}
          onChange={(event) => setFilters(withFilter(filters, "status", event.target.value))}
        />
        {hasConversionFilters(filters) && (
          <Button variant="ghost" className="filters-clear" onClick={() => setFilters({})}>
            Clear filters
          </Button>
        )}
      </form>
      <LogResults filters={filters} replay={replay} onClear={() => setFilters({})} />
    </>
  );
}

function LogActions({ replay }: { replay: Replay }) {
  const { grants } = useAuth();
  const queryClient = useQueryClient();
  const replayingDead = replay.isPending && replay.variables !== undefined && "dead_lettered" in replay.variables;
  return (
    <>
      <Button onClick={() => void queryClient.invalidateQueries({ queryKey: conversionKeys.all })}>Refresh</Button>
      {grants.can(Permission.adsSettings) && (
        <Link className="btn btn-secondary" to="/settings/ad-platforms">
          Ad platform settings
        </Link>
      )}
      {grants.can(Permission.conversionsReplay) && (
        <Button busy={replayingDead} onClick={() => replay.mutate({ dead_lettered: true })}>
          Replay dead-lettered
        </Button>
      )}
    </>
  );
}

function LogResults({
  filters,
  replay,
  onClear,
}: {
  filters: ConversionFilters;
  replay: Replay;
  onClear: () => void;
}) {
  const pages = useConversionPages(filters);
  const { query } = pages;
  if (query.isPending) return <Spinner label="Loading conversions" />;
  if (query.isError) {
    return (
      <Alert title="The conversions could not be loaded" actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    );
  }
  const entries = query.data.items;
  if (entries.length === 0 && pages.page === 1) return <NoConversions filtered={hasConversionFilters(filters)} onClear={onClear} />;
  return (
    <>
      <LogTable entries={entries} replay={replay} />
      <Pager
        page={pages.page}
        count={entries.length}
        hasPrevious={pages.hasPrevious}
        hasNext={pages.hasNext}
        onPrevious={pages.previous}
        onNext={pages.next}
        busy={query.isFetching}
        noun={["attempt", "attempts"]}
      />
    </>
  );
}

/** The lead names of a page's rows (the log carries lead ids); ids show until they arrive. */
function useLeadNames(leadIds: string[]): Map<string, string> {
  const api = useLeadsApi();
  const results = useQueries({
    queries: leadIds.map((leadId) => ({
      queryKey: leadKeys.lead(leadId),
      queryFn: () => api.getLead(leadId),
      staleTime: 60_000,
      meta: { inlineErrors: true },
    })),
  });
  return new Map(
    leadIds.map((leadId, index) => {
      const lead = results[index]?.data;
      return [leadId, lead ? lead.name || "Unnamed lead" : `Lead …${leadId.slice(-6)}`];
    }),
  );
}

function LogTable({ entries, replay }: { entries: LedgerEntry[]; replay: Replay }) {
  const { grants } = useAuth();
  const leadIds = useMemo(() => [...new Set(entries.map((entry) => entry.lead_id))], [entries]);
  const names = useLeadNames(leadIds);
  const mayReplay = grants.can(Permission.conversionsReplay);
  const replayingLead =
    replay.isPending && replay.variables !== undefined && "lead_id" in replay.variables ? replay.variables.lead_id : null;
  const replayLead = (leadId: string) => replay.mutate({ lead_id: leadId } satisfies ReplayRequest);

  return (
    <div className="table-wrap">
      <table className="table conversions-table">
        <caption className="visually-hidden">Conversion attempts</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Lead</th>
            <th scope="col">Platform</th>
            <th scope="col">Status</th>
            <th scope="col">Value</th>
            <th scope="col">Message</th>
            <th scope="col">Request ID</th>
            <th scope="col">Payload hash</th>
            {mayReplay && <th scope="col">Replay</th>}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const name = names.get(entry.lead_id) ?? entry.lead_id;
            return (
              <tr key={entry.entry_id}>
                <td className="nowrap">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                </td>
                <td>
                  <Link to={`/leads/${entry.lead_id}`} className="lead-name">
                    {name}
                  </Link>
                </td>
                <td className="nowrap">{platformLabel(entry.platform)}</td>
                <td>
                  <StatusBadge status={entry.status} />
                  <span className="muted block conversion-kind">
                    {kindLabel(entry.kind)}
                    {attemptText(entry)}
                  </span>
                </td>
                <td className="nowrap">
                  <ValueCell entry={entry} />
                </td>
                <td className="conversion-message">{entry.message ?? <span className="muted">—</span>}</td>
                <td>{entry.request_id ? <span className="mono break">{entry.request_id}</span> : <span className="muted">—</span>}</td>
                <td>
                  {entry.payload_hash ? (
                    <span className="mono" title={entry.payload_hash}>
                      {shortHash(entry.payload_hash)}
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                {mayReplay && (
                  <td>
                    {isReplayable(entry.status) && (
                      <Button
                        className="btn-small"
                        aria-label={`Replay conversions of ${name}`}
                        busy={replayingLead === entry.lead_id}
                        onClick={() => replayLead(entry.lead_id)}
                      >
                        Replay
                      </Button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ValueCell({ entry }: { entry: LedgerEntry }) {
  const { value, held } = valueText(entry);
  if (!value && !held) return <span className="muted">—</span>;
  return (
    <>
      {value ?? <span className="muted">—</span>}
      {held && <span className="muted block conversion-held">{held}</span>}
    </>
  );
}

function NoConversions({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  const { grants } = useAuth();
  if (filtered) {
    return (
      <EmptyState title="No conversions match these filters">
        <Button onClick={onClear}>Clear filters</Button>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No conversions yet">
      <p>
        When a lead with a click id, an email or a phone number is won, Convertly reports it to Google Ads and Meta, and
        every attempt shows here.
        {grants.can(Permission.adsSettings) && (
          <>
            {" "}
            <Link to="/settings/ad-platforms">Set up the ad platforms</Link>.
          </>
        )}
      </p>
    </EmptyState>
  );
}
