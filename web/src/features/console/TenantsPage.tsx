import { useCallback, useMemo, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { errorMessage } from "../../api/errors";
import { Pager } from "../../components/Pager";
import { Alert, Button, EmptyState, PageHeader, SelectField, Spinner, TextField, type Option } from "../../components/ui";
import { formatDate, formatDateTime } from "../../lib/format";
import { useCursorPages } from "../../lib/useCursorPages";
import { useConsoleApi } from "./api";
import {
  atLimit,
  billingLabel,
  paramsFromTenantFilters,
  planLabel,
  TENANT_STATUSES,
  tenantFiltersFromParams,
  tenantStatusLabel,
  usageText,
  withTenantSearch,
  withTenantStatus,
  type TenantFilters,
} from "./consoleModel";
import { consoleKeys } from "./queries";
import { TenantStatusBadge } from "./parts";
import type { TenantRow } from "./types";

const PAGE_SIZE = 25;
const STATUS_OPTIONS: Option[] = [
  { value: "", label: "Every status" },
  ...TENANT_STATUSES.map((status) => ({ value: status, label: tenantStatusLabel(status) })),
];

/** /platform: every tenant, newest first, searched by name and filtered by status. */
export function TenantsPage() {
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const filters = useMemo(() => tenantFiltersFromParams(new URLSearchParams(paramsKey)), [paramsKey]);
  const setFilters = useCallback((next: TenantFilters) => setParams(paramsFromTenantFilters(next), { replace: true }), [setParams]);

  return (
    <>
      <PageHeader title="Platform console" subtitle="Tenants: every Convertly account, its plan, usage and activity, newest first" />
      <SearchBar key={filters.q ?? ""} filters={filters} onFilters={setFilters} />
      <TenantResults filters={filters} onClear={() => setFilters({})} />
    </>
  );
}

function SearchBar({ filters, onFilters }: { filters: TenantFilters; onFilters: (next: TenantFilters) => void }) {
  const [text, setText] = useState(filters.q ?? "");
  function submit(event: FormEvent) {
    event.preventDefault();
    onFilters(withTenantSearch(filters, text));
  }
  return (
    <form className="filters console-filters" role="search" aria-label="Find tenants" onSubmit={submit}>
      <TextField label="Tenant name" type="search" value={text} maxLength={100} placeholder="Part of the name" onChange={(event) => setText(event.target.value)} />
      <SelectField
        label="Status"
        options={STATUS_OPTIONS}
        value={filters.status ?? ""}
        onChange={(event) => onFilters(withTenantStatus(withTenantSearch(filters, text), event.target.value))}
      />
      <div className="console-filter-actions">
        <Button type="submit" variant="primary">
          Search
        </Button>
        {(filters.q || filters.status) && (
          <Button variant="ghost" onClick={() => onFilters({})}>
            Clear
          </Button>
        )}
      </div>
    </form>
  );
}

function TenantResults({ filters, onClear }: { filters: TenantFilters; onClear: () => void }) {
  const api = useConsoleApi();
  const pages = useCursorPages(filters, consoleKeys.tenantsPage, (f, cursor, signal) => api.tenants(f, cursor, PAGE_SIZE, signal));
  const { query } = pages;
  if (query.isPending) return <Spinner label="Loading tenants" />;
  if (query.isError) {
    return (
      <Alert title="The tenants could not be loaded" actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    );
  }
  const rows = query.data.items;
  if (rows.length === 0 && pages.page === 1) {
    const filtered = Boolean(filters.q || filters.status);
    return (
      <EmptyState title={filtered ? "No tenant matches" : "No tenants yet"}>{filtered && <Button onClick={onClear}>Clear the search</Button>}</EmptyState>
    );
  }
  return (
    <>
      <TenantTable rows={rows} />
      <Pager
        page={pages.page}
        count={rows.length}
        hasPrevious={pages.hasPrevious}
        hasNext={pages.hasNext}
        onPrevious={pages.previous}
        onNext={pages.next}
        busy={query.isFetching}
        noun={["tenant", "tenants"]}
      />
    </>
  );
}

function TenantTable({ rows }: { rows: readonly TenantRow[] }) {
  return (
    <div className="table-wrap">
      <table className="table console-table">
        <caption className="visually-hidden">Tenants, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Tenant</th>
            <th scope="col">Status</th>
            <th scope="col">Plan</th>
            <th scope="col">Billing</th>
            <th scope="col">Trial ends</th>
            <th scope="col" className="numeric">
              Users
            </th>
            <th scope="col" className="numeric">
              Leads this month
            </th>
            <th scope="col">Last activity</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.tenant_id}>
              <td>
                <Link className="lead-name" to={`/platform/tenants/${encodeURIComponent(row.tenant_id)}`}>
                  {row.name}
                </Link>
              </td>
              <td>
                <TenantStatusBadge status={row.status} />
              </td>
              <td>{planLabel(row.plan)}</td>
              <td>{billingLabel(row.billing_status)}</td>
              <td>{row.trial_ends_at ? formatDate(row.trial_ends_at) : "—"}</td>
              <td className={`numeric ${atLimit(row.users, row.user_limit) ? "at-limit" : ""}`}>{usageText(row.users, row.user_limit)}</td>
              <td className={`numeric ${atLimit(row.leads_this_month, row.lead_limit) ? "at-limit" : ""}`}>
                {usageText(row.leads_this_month, row.lead_limit)}
              </td>
              <td>{row.last_activity_at ? formatDateTime(row.last_activity_at) : "—"}</td>
              <td>{formatDate(row.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
