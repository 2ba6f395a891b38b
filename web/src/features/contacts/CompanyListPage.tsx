import { useCallback, useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Pager } from "../../components/Pager";
import { Alert, Button, EmptyState, PageHeader, SelectField, Spinner } from "../../components/ui";
import { CompanyTable } from "./CompanyTable";
import { COMPANY_SORTS, companyFiltersFromParams, companyListQuery, paramsFromFilters, type CompanyFilters } from "./filters";
import { useCompanyPages } from "./queries";
import { SearchBox } from "./SearchBox";
import { searchText } from "./search";
import "./contacts.css";

export function CompanyListPage() {
  const { grants } = useAuth();
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const filters = useMemo(() => companyFiltersFromParams(new URLSearchParams(paramsKey)), [paramsKey]);
  const setFilters = useCallback((next: CompanyFilters) => setParams(paramsFromFilters(next), { replace: true }), [setParams]);
  const search = useCallback((q: string | undefined) => setFilters({ ...filters, q }), [filters, setFilters]);
  const searching = Boolean(searchText(filters.q ?? ""));

  return (
    <>
      <PageHeader
        title="Companies"
        subtitle="The organisations your contacts work for"
        actions={
          <>
            {grants.can(Permission.contactsDelete) && (
              <Link className="btn btn-secondary" to="/companies/deleted">
                Deleted companies
              </Link>
            )}
            {grants.can(Permission.contactsWrite) && (
              <Link className="btn btn-primary" to="/companies/new">
                New company
              </Link>
            )}
          </>
        }
      />
      <form className="filters" role="search" aria-label="Filter companies" onSubmit={(event) => event.preventDefault()}>
        <SearchBox label="Search companies" placeholder="Name, domain, phone or tag" value={filters.q ?? ""} onSearch={search} />
        <SelectField
          label="Sort"
          options={COMPANY_SORTS}
          value={searching ? "name" : (filters.sort ?? "name")}
          disabled={searching}
          hint={searching ? "Sorting applies to the full list only" : undefined}
          onChange={(event) => {
            const sort = COMPANY_SORTS.find((option) => option.value === event.target.value)?.value;
            setFilters({ ...filters, sort: sort === "name" ? undefined : sort });
          }}
        />
      </form>
      <CompanyResults filters={filters} onClear={() => setFilters({})} />
    </>
  );
}

function CompanyResults({ filters, onClear }: { filters: CompanyFilters; onClear: () => void }) {
  const { grants } = useAuth();
  const query = useMemo(() => companyListQuery(filters), [filters]);
  const pages = useCompanyPages(query);
  if (pages.query.isPending) return <Spinner label="Loading companies" />;
  if (pages.query.isError) {
    return (
      <Alert title="The companies could not be loaded" actions={<Button onClick={() => void pages.query.refetch()}>Try again</Button>}>
        {errorMessage(pages.query.error)}
      </Alert>
    );
  }
  const companies = pages.query.data.items;
  if (companies.length === 0 && !pages.hasNext && pages.page === 1) {
    if (query.q) {
      return (
        <EmptyState title="No companies match this search">
          <p>Check the spelling, or search by the domain or phone instead.</p>
          <Button onClick={onClear}>Clear the search</Button>
        </EmptyState>
      );
    }
    return (
      <EmptyState title="No companies yet">
        <p>
          A company is added when a lead or a contact names one.
          {grants.can(Permission.contactsWrite) && (
            <>
              {" "}
              You can also <Link to="/companies/new">add a company</Link>.
            </>
          )}
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      {companies.length > 0 ? (
        <CompanyTable companies={companies} caption="Companies" />
      ) : (
        <p className="muted">No matching companies on this page.</p>
      )}
      <Pager
        page={pages.page}
        count={companies.length}
        hasPrevious={pages.hasPrevious}
        hasNext={pages.hasNext}
        onPrevious={pages.previous}
        onNext={pages.next}
        busy={pages.query.isFetching}
        noun={["company", "companies"]}
      />
    </>
  );
}
