import { useCallback, useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { errorMessage } from "../../api/errors";
import { Pager } from "../../components/Pager";
import { Alert, Button, EmptyState, SelectField, Spinner, TextField, type Option } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useCursorPages } from "../../lib/useCursorPages";
import { useUsers } from "../accounts/queries";
import { useImportsApi } from "./api";
import {
  hasImportFilters,
  importFiltersFromParams,
  importRangeProblem,
  paramsFromImportFilters,
  withImportFilter,
  type ImportFilters,
} from "./filters";
import { importPath, NEW_IMPORT_PATH } from "./paths";
import { importKeys } from "./queries";
import { formatCount } from "./report";
import { IMPORT_STATUSES, statusLabel } from "./status";
import { StatusBadge } from "./StatusBadge";
import type { Import } from "./types";
import { formatBytes } from "./upload";
import "./imports.css";

export const IMPORTS_PAGE_SIZE = 25;

const STATUS_OPTIONS: Option[] = [
  { value: "", label: "Any status" },
  ...IMPORT_STATUSES.map((status) => ({ value: status, label: statusLabel(status) })),
];

/** Settings > Imports (Admins and Managers): every import, newest first, filtered; and a new one. */
export function ImportsPage() {
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const filters = useMemo(() => importFiltersFromParams(new URLSearchParams(paramsKey)), [paramsKey]);
  const setFilters = useCallback((next: ImportFilters) => setParams(paramsFromImportFilters(next), { replace: true }), [setParams]);
  const problem = importRangeProblem(filters);

  return (
    <>
      <h2 className="imports-heading">Imports</h2>
      <div className="imports-intro">
        <p className="settings-intro">
          Bring contacts (and leads) in from a spreadsheet: a CSV file or an Excel workbook exported from another CRM or
          kept by hand. You check how its columns map to Convertly's fields before anything is imported, and an import
          can be undone for 7 days.
        </p>
        <Link className="btn btn-primary" to={NEW_IMPORT_PATH}>
          Import a file
        </Link>
      </div>
      <ImportFiltersForm filters={filters} onFilters={setFilters} />
      {problem ? (
        <Alert tone="warning" title="These days cannot be shown">
          {problem}
        </Alert>
      ) : (
        <ImportResults filters={filters} onClear={() => setFilters({})} />
      )}
    </>
  );
}

function ImportFiltersForm({ filters, onFilters }: { filters: ImportFilters; onFilters: (next: ImportFilters) => void }) {
  const users = useUsers();
  const people = useMemo<Option[]>(
    () => [
      { value: "", label: "Everyone" },
      ...[...(users.data ?? [])]
        .sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email))
        .map((user) => ({ value: user.user_id, label: user.name || user.email })),
    ],
    [users.data],
  );
  const set = (name: keyof ImportFilters, value: string) => onFilters(withImportFilter(filters, name, value));
  return (
    <form className="filters imports-filters" role="search" aria-label="Filter the imports" onSubmit={(event) => event.preventDefault()}>
      <SelectField label="Started by" options={people} value={filters.user_id ?? ""} onChange={(event) => set("user_id", event.target.value)} />
      <SelectField label="Status" options={STATUS_OPTIONS} value={filters.status ?? ""} onChange={(event) => set("status", event.target.value)} />
      <TextField label="From" type="date" value={filters.date_from ?? ""} max={filters.date_to} onChange={(event) => set("date_from", event.target.value)} />
      <TextField label="To" type="date" value={filters.date_to ?? ""} min={filters.date_from} onChange={(event) => set("date_to", event.target.value)} />
      {hasImportFilters(filters) && (
        <Button variant="ghost" className="filters-clear" onClick={() => onFilters({})}>
          Clear filters
        </Button>
      )}
    </form>
  );
}

function ImportResults({ filters, onClear }: { filters: ImportFilters; onClear: () => void }) {
  const api = useImportsApi();
  const fetchPage = useCallback(
    (f: ImportFilters, cursor: string | null, signal: AbortSignal) => api.imports(f, cursor, IMPORTS_PAGE_SIZE, signal),
    [api],
  );
  const pages = useCursorPages(filters, importKeys.page, fetchPage);
  const { query } = pages;
  if (query.isPending) return <Spinner label="Loading the imports" />;
  if (query.isError) {
    return (
      <Alert title="The imports could not be loaded" actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    );
  }
  const items = query.data.items;
  if (items.length === 0 && pages.page === 1) {
    return hasImportFilters(filters) ? (
      <EmptyState title="No import matches these filters">
        <Button onClick={onClear}>Clear filters</Button>
      </EmptyState>
    ) : (
      <EmptyState title="No imports yet">
        <p>
          Export your contacts from a spreadsheet or another CRM as CSV or Excel (.xlsx), with the column names in the first
          row, then choose “Import a file”.
        </p>
        <Link className="btn btn-primary" to={NEW_IMPORT_PATH}>
          Import a file
        </Link>
      </EmptyState>
    );
  }
  return (
    <>
      <ImportsTable items={items} />
      <Pager
        page={pages.page}
        count={items.length}
        hasPrevious={pages.hasPrevious}
        hasNext={pages.hasNext}
        onPrevious={pages.previous}
        onNext={pages.next}
        busy={query.isFetching}
        noun={["import", "imports"]}
      />
    </>
  );
}

function ImportsTable({ items }: { items: readonly Import[] }) {
  return (
    <div className="table-wrap">
      <table className="table imports-table" data-testid="imports-table">
        <caption className="visually-hidden">Imports, newest first</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Started by</th>
            <th scope="col">Status</th>
            <th scope="col">Date</th>
            <th scope="col" className="numeric">Created</th>
            <th scope="col" className="numeric">Updated</th>
            <th scope="col" className="numeric">Skipped</th>
            <th scope="col" className="numeric">Failed</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.import_id} data-testid="import-row">
              <td className="imports-file">
                <Link to={importPath(item.import_id)}>{item.file_name}</Link>
                <span className="muted imports-size">{formatBytes(item.size_bytes)}</span>
              </td>
              <td>{item.created_by_name ?? "Someone"}</td>
              <td>
                <StatusBadge status={item.status} />
              </td>
              <td className="imports-date">
                <time dateTime={item.created_at}>{formatDateTime(item.created_at)}</time>
              </td>
              <td className="numeric">{formatCount(item.counts.created)}</td>
              <td className="numeric">{formatCount(item.counts.updated)}</td>
              <td className="numeric">{formatCount(item.counts.skipped)}</td>
              <td className="numeric">{formatCount(item.counts.failed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
