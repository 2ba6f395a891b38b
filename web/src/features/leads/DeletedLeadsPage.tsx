import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Pager } from "../../components/Pager";
import { toast } from "../../components/toasts";
import { Alert, Button, EmptyState, PageHeader, Spinner } from "../../components/ui";
import { formatDate } from "../../lib/format";
import { useLookups } from "../../lib/lookups";
import { canSelect } from "../bulk/access";
import { BulkBar } from "../bulk/BulkBar";
import { leadListScope } from "../bulk/scope";
import { SelectAllBanner } from "../bulk/SelectAllBanner";
import { useBulkSelection } from "../bulk/useBulkSelection";
import { pipelineKeys } from "../pipelines/queries";
import { useLeadsApi } from "./api";
import type { LeadFilters } from "./filters";
import { LeadTable } from "./LeadTable";
import { leadKeys } from "./queries";
import type { Lead } from "./types";
import { useLeadPages } from "./useLeadPages";

export function DeletedLeadsPage() {
  const api = useLeadsApi();
  const queryClient = useQueryClient();
  const lookups = useLookups();
  const filters = useMemo<LeadFilters>(() => ({ deleted: true }), []);
  const pages = useLeadPages(filters);
  const restore = useMutation({
    mutationFn: (lead: Lead) => api.restoreLead(lead.lead_id),
    onSuccess: (lead) => {
      toast.success(`${lead.name || "The lead"} is restored`);
      void queryClient.invalidateQueries({ queryKey: leadKeys.leads });
      void queryClient.invalidateQueries({ queryKey: leadKeys.lead(lead.lead_id) });
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.pipelines });
    },
  });
  const leads = pages.query.data?.items ?? [];
  // Restore many at once: the selected leads, or every deleted lead.
  const { grants } = useAuth();
  const matching = useMemo(() => leadListScope(filters), [filters]);
  const pageIds = leads.map((lead) => lead.lead_id);
  const bulk = useBulkSelection(matching, pageIds, "deleted lead");
  const selectable = canSelect("leads", grants, "deleted");

  return (
    <>
      <PageHeader
        title="Deleted leads"
        subtitle="Deleted leads leave every list and total. Restore one to bring it back as it was."
        back={
          <Link to="/leads" className="back-link">
            ← All leads
          </Link>
        }
      />
      {pages.query.isPending && <Spinner label="Loading deleted leads" />}
      {pages.query.isError && <Alert title="The deleted leads could not be loaded">{errorMessage(pages.query.error)}</Alert>}
      {pages.query.isSuccess && leads.length === 0 && pages.page === 1 && !pages.hasNext && (
        <EmptyState title="No deleted leads">
          <p>Leads you delete appear here, and you can restore them.</p>
        </EmptyState>
      )}
      {leads.length > 0 && (
        <>
          {selectable && <SelectAllBanner selection={bulk.selection} pageIds={pageIds} onSelectMatching={bulk.selectMatching} onClear={bulk.clear} />}
          <LeadTable
            leads={leads}
            lookups={lookups}
            caption="Deleted leads"
            selection={selectable ? bulk.rows : undefined}
            action={{
              header: "Deleted",
              cell: (lead) => (
                <div className="cell-actions">
                  <span className="muted">{formatDate(lead.deleted_at)}</span>
                  <Button
                    variant="secondary"
                    className="btn-small"
                    aria-label={`Restore ${lead.name || "lead"}`}
                    busy={restore.isPending && restore.variables?.lead_id === lead.lead_id}
                    onClick={() => restore.mutate(lead)}
                  >
                    Restore
                  </Button>
                </div>
              ),
            }}
          />
          <Pager
            page={pages.page}
            count={leads.length}
            hasPrevious={pages.hasPrevious}
            hasNext={pages.hasNext}
            onPrevious={pages.previous}
            onNext={pages.next}
            busy={pages.query.isFetching}
            noun={["lead", "leads"]}
          />
          {selectable && <BulkBar selection={bulk.selection} matching={matching} onClear={bulk.clear} view="deleted" />}
        </>
      )}
    </>
  );
}
