import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/errors";
import { Pager } from "../../components/Pager";
import { toast } from "../../components/toasts";
import { Alert, Button, EmptyState, PageHeader, Spinner } from "../../components/ui";
import { formatDate } from "../../lib/format";
import { useContactsApi } from "./api";
import { CompanyTable } from "./CompanyTable";
import { companyListQuery } from "./filters";
import { contactKeys, useCompanyPages } from "./queries";
import type { Company } from "./types";
import "./contacts.css";

export function DeletedCompaniesPage() {
  const api = useContactsApi();
  const queryClient = useQueryClient();
  const query = useMemo(() => companyListQuery({}, true), []);
  const pages = useCompanyPages(query);
  const restore = useMutation({
    mutationFn: (company: Company) => api.restoreCompany(company.company_id),
    onSuccess: (company) => {
      toast.success(`${company.name} is restored`);
      void queryClient.invalidateQueries({ queryKey: contactKeys.companies });
      void queryClient.invalidateQueries({ queryKey: contactKeys.company(company.company_id) });
    },
  });
  const companies = pages.query.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Deleted companies"
        subtitle="Deleted companies leave every list; their contacts stay. Restore one to bring it back as it was."
        back={
          <Link to="/companies" className="back-link">
            ← All companies
          </Link>
        }
      />
      {pages.query.isPending && <Spinner label="Loading deleted companies" />}
      {pages.query.isError && <Alert title="The deleted companies could not be loaded">{errorMessage(pages.query.error)}</Alert>}
      {pages.query.isSuccess && companies.length === 0 && pages.page === 1 && !pages.hasNext && (
        <EmptyState title="No deleted companies">
          <p>Companies you delete appear here, and you can restore them.</p>
        </EmptyState>
      )}
      {companies.length > 0 && (
        <>
          <CompanyTable
            companies={companies}
            caption="Deleted companies"
            action={{
              header: "Deleted",
              cell: (company) => (
                <div className="cell-actions">
                  <span className="muted">{formatDate(company.deleted_at)}</span>
                  <Button
                    variant="secondary"
                    className="btn-small"
                    aria-label={`Restore ${company.name}`}
                    busy={restore.isPending && restore.variables?.company_id === company.company_id}
                    onClick={() => restore.mutate(company)}
                  >
                    Restore
                  </Button>
                </div>
              ),
            }}
          />
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
      )}
    </>
  );
}
