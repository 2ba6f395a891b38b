import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { Link } from "react-router";
import { BrowserSessionStore } from "../../api/client";
import { errorMessage } from "../../api/errors";
import { Pager } from "../../components/Pager";
import { toast } from "../../components/toasts";
import { Alert, Button, EmptyState, SelectField, Spinner, TextField, type Option } from "../../components/ui";
import { useServices } from "../../context";
import { downloadText } from "../../lib/download";
import { formatDateTime, formatDay } from "../../lib/format";
import { useCursorPages } from "../../lib/useCursorPages";
import { fetchCsv } from "../analytics/exportCsv";
import {
  AUDIT_CATEGORIES,
  auditFileName,
  auditQuery,
  categoryLabel,
  effectiveRange,
  hasAuditFilters,
  rangeProblem,
  todayOf,
  withAuditFilter,
  type AuditFilters,
} from "./filters";
import { who } from "./entries";
import type { AuditEntry, AuditPage } from "./types";
import "./audit.css";

export const AUDIT_PAGE_SIZE = 50;

const CATEGORY_OPTIONS: Option[] = [
  { value: "", label: "All categories" },
  ...AUDIT_CATEGORIES.map((category) => ({ value: category, label: categoryLabel(category) })),
];

export interface AuditLogSource {
  /** The query keys of its pages (a new filter starts again at the first page). */
  queryKey: (filters: AuditFilters, cursor: string | null) => QueryKey;
  /** Every key of the log, for the Refresh button. */
  allKey: QueryKey;
  fetchPage: (filters: AuditFilters, cursor: string | null, signal: AbortSignal) => Promise<AuditPage>;
  /** The CSV export with the same filters, when the log has one. */
  exportPath?: string;
  /** Where an entry's record is shown, when it has a page. */
  linkFor?: (entry: AuditEntry) => string | null;
}

/**
 * An audit log: filters (days, category, person), the entries newest first a page at a time, and the
 * CSV export of the same filters. The tenant's (Settings > Audit log) and the platform's use it.
 */
export function AuditLogView({
  filters,
  onFilters,
  people,
  source,
  label,
}: {
  filters: AuditFilters;
  onFilters: (next: AuditFilters) => void;
  /** The people to filter by: value user_id, label their name. */
  people: readonly Option[];
  source: AuditLogSource;
  /** What the log is, for its controls' names ("the audit log"). */
  label: string;
}) {
  const today = todayOf(new Date());
  const problem = rangeProblem(filters, today);
  const personOptions = useMemo<Option[]>(() => [{ value: "", label: "Everyone" }, ...people], [people]);
  const set = (name: keyof AuditFilters, value: string) => onFilters(withAuditFilter(filters, name, value));

  return (
    <>
      <form className="filters audit-filters" role="search" aria-label={`Filter ${label}`} onSubmit={(event) => event.preventDefault()}>
        <TextField
          label="From"
          type="date"
          value={filters.date_from ?? ""}
          max={filters.date_to ?? today}
          onChange={(event) => set("date_from", event.target.value)}
        />
        <TextField
          label="To"
          type="date"
          value={filters.date_to ?? ""}
          max={today}
          onChange={(event) => set("date_to", event.target.value)}
        />
        <SelectField label="Category" options={CATEGORY_OPTIONS} value={filters.category ?? ""} onChange={(event) => set("category", event.target.value)} />
        <SelectField label="Person" options={personOptions} value={filters.actor_id ?? ""} onChange={(event) => set("actor_id", event.target.value)} />
        <div className="audit-filter-actions">
          {hasAuditFilters(filters) && (
            <Button variant="ghost" onClick={() => onFilters({})}>
              Clear filters
            </Button>
          )}
          <RefreshButton allKey={source.allKey} />
          {source.exportPath && <ExportButton path={source.exportPath} filters={filters} disabled={problem !== null} />}
        </div>
      </form>
      <p className="muted audit-range">{rangeText(filters, today)}</p>
      {problem ? (
        <Alert tone="warning" title="These days cannot be shown">
          {problem}
        </Alert>
      ) : (
        <AuditResults filters={filters} source={source} onClear={() => onFilters({})} />
      )}
    </>
  );
}

/** "From Nov 7, 2026 to Dec 6, 2026 (UTC days)": the days shown, the API's default when none is chosen. */
function rangeText(filters: AuditFilters, today: string): string {
  const { from, to } = effectiveRange(filters, today);
  const chosen = filters.date_from || filters.date_to ? "" : ", the last 30 days";
  return `From ${formatDay(from)} to ${formatDay(to)}${chosen} (days in UTC), newest first.`;
}

function RefreshButton({ allKey }: { allKey: QueryKey }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      busy={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await queryClient.invalidateQueries({ queryKey: allKey });
        } finally {
          setBusy(false);
        }
      }}
    >
      Refresh
    </Button>
  );
}

/** The export fetched with the user's token (the app's client reads JSON only) and handed over as a file. */
function useCsvExport() {
  const { client, config } = useServices();
  // The same session the app's client keeps (main.tsx makes its store with the same key).
  const store = useMemo(() => new BrowserSessionStore(), []);
  return useCallback(
    async (path: string, filters: AuditFilters) => {
      const source = { baseUrl: config.apiUrl, store, refresh: () => client.refresh() };
      const file = await fetchCsv(source, path, auditQuery(filters));
      downloadText(auditFileName(filters, todayOf(new Date())), file.text);
    },
    [client, config.apiUrl, store],
  );
}

function ExportButton({ path, filters, disabled }: { path: string; filters: AuditFilters; disabled: boolean }) {
  const download = useCsvExport();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="primary"
      busy={busy}
      disabled={disabled}
      onClick={async () => {
        setBusy(true);
        try {
          await download(path, filters);
        } catch (error) {
          toast.error(errorMessage(error));
        } finally {
          setBusy(false);
        }
      }}
    >
      Export CSV
    </Button>
  );
}

function AuditResults({ filters, source, onClear }: { filters: AuditFilters; source: AuditLogSource; onClear: () => void }) {
  const pages = useCursorPages(filters, source.queryKey, source.fetchPage);
  const { query } = pages;
  if (query.isPending) return <Spinner label="Loading the log" />;
  if (query.isError) {
    return (
      <Alert title="The log could not be loaded" actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    );
  }
  const entries = query.data.items;
  if (entries.length === 0 && pages.page === 1) {
    return (
      <EmptyState title={hasAuditFilters(filters) ? "Nothing matches these filters" : "Nothing in the last 30 days"}>
        {hasAuditFilters(filters) ? (
          <Button onClick={onClear}>Clear filters</Button>
        ) : (
          <p>What people do appears here within seconds.</p>
        )}
      </EmptyState>
    );
  }
  return (
    <>
      <AuditTable entries={entries} linkFor={source.linkFor} />
      <Pager
        page={pages.page}
        count={entries.length}
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

export function AuditTable({ entries, linkFor }: { entries: readonly AuditEntry[]; linkFor?: (entry: AuditEntry) => string | null }) {
  return (
    <div className="table-wrap">
      <table className="table audit-table">
        <caption className="visually-hidden">The log, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Category</th>
            <th scope="col">What</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => {
            const link = linkFor?.(entry) ?? null;
            return (
              <tr key={`${entry.at}-${entry.type}-${index}`}>
                <td className="audit-when">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                </td>
                <td>{who(entry)}</td>
                <td>
                  <span className={`badge audit-category audit-category-${entry.category}`}>{categoryLabel(entry.category)}</span>
                </td>
                <td className="audit-summary">
                  {link ? <Link to={link}>{entry.summary}</Link> : entry.summary}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
